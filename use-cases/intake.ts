import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { Actor } from '../domain/case.js';
import type { IntakeReport } from '../domain/intake.js';
import { DEFAULT_CLOSED_WITHIN_DAYS, DEFAULT_DUPLICATE_THRESHOLDS } from '../domain/name-similarity.js';
import { CASE_CATEGORY, CASE_KECAMATAN, CASE_OVERDUE, CASE_STAGE } from '../domain/search-attributes.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { caseIdFor, identityKeys, type IdentityKey } from '../infra/case-identity.js';
import { addReportUpdate, type CaseWorkflowInput, UPDATE_REJECTIONS } from '../workflows/messages.js';
import { ApiError } from './errors.js';
import type { DuplicateSettings } from './duplicate-finder.js';
import { reviewIfLikelyDuplicate } from './open-review.js';
import { rejectionMessage } from './workflow-rejections.js';

export const CASE_WORKFLOW_TYPE = 'childCaseWorkflow';
type ChildCaseWorkflow = (input: CaseWorkflowInput) => Promise<unknown>;

export interface IntakeDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  caseKeySecret: string;
  /** Thresholds of the duplicate review (config: DUPLICATE_*); the defaults when not given. */
  duplicates?: DuplicateSettings;
}

export const DEFAULT_DUPLICATE_SETTINGS: DuplicateSettings = { ...DEFAULT_DUPLICATE_THRESHOLDS, closedWithinDays: DEFAULT_CLOSED_WITHIN_DAYS };

export type IntakeResult =
  | { status: 'CREATED' | 'REOPENED'; caseId: string }
  | { status: 'JOINED_EXISTING'; caseId: string; reportCount: number }
  | { status: 'IN_REVIEW'; reviewId: string };

/**
 * One child, one case: a report of a child who already has a running case joins it; otherwise
 * it starts the case, or reopens it when an earlier case of the child was closed (its database
 * row exists but no run accepts the report). A child without NIK whom no key finds, but who looks
 * like a child with a case (similar name, close birth date, same desa), waits for a coordinator's
 * duplicate review instead (open-review.ts). `requestId` makes a retried HTTP request add the report only once.
 */
export async function receiveReport(deps: IntakeDeps, report: IntakeReport, actor: Actor, requestId: string): Promise<IntakeResult> {
  const keys = identityKeys(report.child, deps.caseKeySecret);
  let caseId = await knownCaseOfChild(deps, report.child, keys);
  if (caseId === undefined && !hasNik(report.child) && !(await caseExistsUnder(deps, caseIdFor(keys)))) {
    const check = await reviewIfLikelyDuplicate(
      { ...deps, duplicates: deps.duplicates ?? DEFAULT_DUPLICATE_SETTINGS },
      report,
      actor,
      requestId,
      keys,
    );
    if (check?.review === 'OPEN') return { status: 'IN_REVIEW', reviewId: check.reviewId };
    if (check?.review === 'DECIDED') caseId = check.caseId;
  }
  return fileReport(deps, caseId ?? caseIdFor(keys), report, actor, requestId);
}

/**
 * Whether the case its exact identity key names has started, even if it has not yet registered
 * that key (it does so in the background): the same child reported twice in quick succession is
 * the same case, not a likely duplicate for a coordinator to review.
 */
async function caseExistsUnder(deps: Pick<IntakeDeps, 'prisma' | 'temporal'>, caseId: string): Promise<boolean> {
  if ((await deps.prisma.case.count({ where: { id: caseId } })) > 0) return true;
  try {
    await deps.temporal.workflow.getHandle(caseId).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

/**
 * The report goes to this case: it joins the running case, or starts (or reopens) it. Also how a
 * coordinator's MERGE decision files the report into the chosen case.
 */
export async function fileReport(
  deps: Omit<IntakeDeps, 'duplicates'>,
  caseId: string,
  report: IntakeReport,
  actor: Actor,
  requestId: string,
): Promise<Exclude<IntakeResult, { status: 'IN_REVIEW' }>> {
  const hadCaseBefore = (await deps.prisma.case.count({ where: { id: caseId } })) > 0;
  if (await startCase(deps, caseId, report, actor)) return { status: hadCaseBefore ? 'REOPENED' : 'CREATED', caseId };

  const joined = await addReportToRunningCase(deps.temporal, caseId, report, actor, requestId);
  if (joined.outcome === 'JOINED') return { status: 'JOINED_EXISTING', caseId, reportCount: joined.reportCount };
  if (joined.outcome === 'REFUSED') throw new ApiError(409, 'CONFLICT', joined.message);

  // The case closed between our start and our update: this report opens it again.
  if (await startCase(deps, caseId, report, actor)) return { status: 'REOPENED', caseId };
  throw new ApiError(409, 'CONFLICT', 'Kasus anak ini sedang ditutup. Silakan kirim ulang laporan sebentar lagi.');
}

/**
 * The child's existing case when any identity key is known (NIK first). A name match whose case holds a
 * different NIK is another child who shares name, birth date and desa, not this one.
 */
async function knownCaseOfChild(deps: Pick<IntakeDeps, 'prisma'>, child: IntakeReport['child'], keys: IdentityKey[]): Promise<string | undefined> {
  const aliases = await deps.prisma.caseAlias.findMany({
    where: { keyHash: { in: keys.map((k) => k.hash) } },
    include: { case: { select: { child: { select: { nik: true } } } } },
  });
  const digits = (nik: string | null | undefined) => nik?.replace(/\D/g, '') || undefined;
  for (const key of keys) {
    const alias = aliases.find((a) => a.keyHash === key.hash);
    if (!alias) continue;
    const knownNik = digits(alias.case.child?.nik);
    if (key.kind === 'NAME_BIRTHDATE_DESA' && knownNik && digits(child.nik) && knownNik !== digits(child.nik)) continue;
    return alias.caseId;
  }
  return undefined;
}

const hasNik = (child: IntakeReport['child']) => (child.nik?.replace(/\D/g, '') ?? '') !== '';

/**
 * A case of its own for a report a coordinator kept apart from the cases it resembled. Started once: a
 * retried call meets the run it started and adds nothing (a case of this id cannot already exist, or
 * the report's identity key would have found it).
 */
export async function startSeparateCase(
  deps: Omit<IntakeDeps, 'duplicates'>,
  caseId: string,
  report: IntakeReport,
  actor: Actor,
): Promise<void> {
  await deps.temporal.workflow.start<ChildCaseWorkflow>(CASE_WORKFLOW_TYPE, {
    ...(await caseStartOptions(deps, caseId, report, actor)),
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}

/** A case that ran before starts its next run numbered, so that run's tasks get ids of their own (also a watchdog restart: api/health/case-repair.ts). */
export async function caseStartOptions(deps: Pick<IntakeDeps, 'prisma' | 'taskQueue'>, caseId: string, report: IntakeReport, actor: Actor) {
  const earlierRuns = await deps.prisma.caseEvent.count({ where: { caseId, type: 'CASE_OPENED' } });
  const input: CaseWorkflowInput = { caseId, report, reportedBy: actor, ...(earlierRuns > 0 ? { run: earlierRuns + 1 } : {}) };
  return {
    workflowId: caseId,
    taskQueue: deps.taskQueue,
    args: [input] as [CaseWorkflowInput],
    workflowIdReusePolicy: 'ALLOW_DUPLICATE' as const,
    typedSearchAttributes: [
      { key: CASE_STAGE, value: 'VERIFYING_IDENTITY' },
      { key: CASE_KECAMATAN, value: report.child.kecamatan },
      { key: CASE_CATEGORY, value: report.category },
      { key: CASE_OVERDUE, value: false },
    ],
  };
}

async function startCase(deps: Omit<IntakeDeps, 'duplicates'>, caseId: string, report: IntakeReport, actor: Actor): Promise<boolean> {
  const listed = await listStartingCase(deps.prisma, caseId, report);
  try {
    await deps.temporal.workflow.start<ChildCaseWorkflow>(CASE_WORKFLOW_TYPE, {
      ...(await caseStartOptions(deps, caseId, report, actor)),
      workflowIdConflictPolicy: 'FAIL',
    });
    return true;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
    if (listed) await unlistCase(deps.prisma, caseId);
    throw error;
  }
}

/**
 * A case reported a moment ago is found at once, even while its process has not yet written its first event
 * (the worker may be busy with many others): the read model lists it as it starts. Its first event then
 * brings the row up to date. True when the row is new (a closed case's row stays as it is until it reopens).
 */
async function listStartingCase(prisma: PrismaClient, caseId: string, report: IntakeReport): Promise<boolean> {
  const { child } = report;
  const [cases] = await prisma.$transaction([
    prisma.case.createMany({
      data: [{ id: caseId, stage: 'VERIFYING_IDENTITY', kecamatan: child.kecamatan, desa: child.desa, category: report.category, openedAt: new Date() }],
      skipDuplicates: true,
    }),
    prisma.child.createMany({
      data: [{
        caseId, fullName: child.fullName, nik: child.nik ?? null, noKk: child.noKk ?? null, birthDate: child.birthDate,
        sex: child.sex, kecamatan: child.kecamatan, desa: child.desa, address: child.address,
      }],
      skipDuplicates: true,
    }),
  ]);
  return cases.count > 0;
}

/** A case whose process could not be started leaves nothing behind. */
async function unlistCase(prisma: PrismaClient, caseId: string): Promise<void> {
  const unstarted = { id: caseId, events: { none: {} } };
  await prisma.$transaction([prisma.child.deleteMany({ where: { caseId, case: unstarted } }), prisma.case.deleteMany({ where: unstarted })]);
}

type JoinOutcome = { outcome: 'JOINED'; reportCount: number } | { outcome: 'CASE_CLOSED' } | { outcome: 'REFUSED'; message: string };

async function addReportToRunningCase(
  temporal: Client,
  caseId: string,
  report: IntakeReport,
  actor: Actor,
  requestId: string,
): Promise<JoinOutcome> {
  try {
    const result = await temporal.workflow.getHandle(caseId).executeUpdate(addReportUpdate, { args: [report, actor], updateId: requestId });
    return { outcome: 'JOINED', reportCount: result.reportCount };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const message = rejectionMessage(error) ?? UPDATE_REJECTIONS.CASE_CLOSED;
      return message === UPDATE_REJECTIONS.CASE_CLOSED ? { outcome: 'CASE_CLOSED' } : { outcome: 'REFUSED', message };
    }
    // The case finished after our start found it running.
    if (error instanceof WorkflowNotFoundError) return { outcome: 'CASE_CLOSED' };
    throw error;
  }
}

