import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { Actor } from '../../domain/case.js';
import type { IntakeReport } from '../../domain/intake.js';
import { CASE_CATEGORY, CASE_KECAMATAN, CASE_OVERDUE, CASE_STAGE } from '../../domain/search-attributes.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { caseIdFor, identityKeys } from '../../infra/case-identity.js';
import { addReportUpdate, type CaseWorkflowInput, UPDATE_REJECTIONS } from '../../workflows/messages.js';
import { ApiError } from '../errors.js';
import { rejectionMessage } from '../workflow-rejections.js';

export const CASE_WORKFLOW_TYPE = 'childCaseWorkflow';
type ChildCaseWorkflow = (input: CaseWorkflowInput) => Promise<unknown>;

export interface IntakeDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  caseKeySecret: string;
}

export type IntakeResult =
  | { status: 'CREATED' | 'REOPENED'; caseId: string }
  | { status: 'JOINED_EXISTING'; caseId: string; reportCount: number };

/**
 * One child, one case: a report of a child who already has a running case joins it; otherwise
 * it starts the case, or reopens it when an earlier case of the child was closed (its database
 * row exists but no run accepts the report). `requestId` makes a retried HTTP request add the
 * report only once.
 */
export async function receiveReport(deps: IntakeDeps, report: IntakeReport, actor: Actor, requestId: string): Promise<IntakeResult> {
  const caseId = await caseIdOfChild(deps, report.child);
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
 * The child's existing case when any identity key is known (NIK first), else the id derived from
 * the keys. A name match whose case holds a different NIK is another child who shares name, birth
 * date and desa, not this one.
 */
async function caseIdOfChild(deps: IntakeDeps, child: IntakeReport['child']): Promise<string> {
  const keys = identityKeys(child, deps.caseKeySecret);
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
  return caseIdFor(keys);
}

async function startCase(deps: IntakeDeps, caseId: string, report: IntakeReport, actor: Actor): Promise<boolean> {
  try {
    await deps.temporal.workflow.start<ChildCaseWorkflow>(CASE_WORKFLOW_TYPE, {
      workflowId: caseId,
      taskQueue: deps.taskQueue,
      args: [{ caseId, report, reportedBy: actor }],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      typedSearchAttributes: [
        { key: CASE_STAGE, value: 'VERIFYING_IDENTITY' },
        { key: CASE_KECAMATAN, value: report.child.kecamatan },
        { key: CASE_CATEGORY, value: report.category },
        { key: CASE_OVERDUE, value: false },
      ],
    });
    return true;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw error;
  }
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

