import type { Prisma, ReconciliationRollEntry } from '../../generated/prisma/client.js';
import type { CandidateReason, KecamatanCounts } from '../../domain/reconciliation.js';
import type { DapodikFindResponse, ResidentRecord } from '../../domain/registries.js';
import { witaDay } from '../../domain/period.js';
import { identityKeys } from '../../infra/case-identity.js';
import { ensureReview, type LastSchool, startCaseFor } from './candidates.js';
import { keepAlive } from './keep-alive.js';
import type { ReconciliationActivities } from './contract.js';
import type { ReconciliationDeps } from './deps.js';

/** A pupil's current or last enrolment, from the staged roll or, for a child schooled elsewhere, from Dapodik directly. */
type Enrolment = LastSchool & { status: 'ACTIVE' | 'EXITED' };

/** A child the comparison found out of school, with the keys that find their case or candidate. */
interface Gap {
  resident: ResidentRecord;
  nikHash: string;
  keyHashes: string[];
  reason: CandidateReason;
  lastSchool?: LastSchool;
}

const SYSTEM_ACTOR = { kind: 'SYSTEM', id: 'reconciliation' } as const;

export function residentActivities(deps: ReconciliationDeps): Pick<ReconciliationActivities, 'reconcileResidentPage'> {
  const { prisma, dukcapil, settings } = deps;
  const now = deps.now ?? (() => new Date());
  return {
    /**
     * One page of the kecamatan's school-age residents against the roll and the cases. Read twice (a
     * retry, a crash), a page counts the same: the candidates this run raised count as this run's.
     */
    async reconcileResidentPage({ runId, kecamatan, page, pageSize, autoStart }) {
      const answer = await dukcapil.listSchoolAgeResidents({ kecamatan, page, pageSize });
      const counts: Partial<KecamatanCounts> = { residents: answer.items.length, enrolled: 0, notOnRoll: 0, leftSchool: 0 };
      const gaps = await findGaps(deps, runId, answer.items, counts);
      const sorted = await sortGaps(deps, runId, gaps, now());
      Object.assign(counts, sorted.counts);

      await raise(prisma, runId, sorted.toRaise, now());
      const raised = await prisma.reconciliationCandidate.findMany({
        where: { raisedInRun: runId, nikHash: { in: gaps.map((gap) => gap.nikHash) } },
        orderBy: { nikHash: 'asc' },
      });
      counts.newCandidates = raised.length;
      counts.casesStarted = 0;
      for (const candidate of raised) {
        keepAlive();
        if (candidate.status === 'OPEN' && autoStart) {
          const started = await startCaseFor(deps, candidate, SYSTEM_ACTOR, now()).catch((error: unknown) => {
            // Data intake cannot take goes to the coordinator instead; anything else is tried again.
            if ((error as { type?: string }).type === 'CandidateReportInvalid') return undefined;
            throw error;
          });
          if (!started) await ensureReview(deps, candidate);
          else counts.casesStarted += 1;
        } else if (candidate.status === 'OPEN') {
          await ensureReview(deps, candidate);
        } else if (autoStart && candidate.decidedBy === `${SYSTEM_ACTOR.kind}:${SYSTEM_ACTOR.id}`) {
          counts.casesStarted += 1;
        }
      }
      return { counts, lastPage: page * pageSize >= answer.total };
    },
  };

  /** Residents who are not active pupils: not on any roll, or on one with an exit and no re-entry. */
  async function findGaps(deps: ReconciliationDeps, runId: string, residents: ResidentRecord[], counts: Partial<KecamatanCounts>): Promise<Gap[]> {
    const keyed = residents.map((resident) => {
      const keys = identityKeys({ ...resident, kecamatan: resident.kecamatanCode }, settings.caseKeySecret);
      return { resident, nikHash: keys[0]!.hash, keyHashes: keys.map((key) => key.hash) };
    });
    const staged = await deps.prisma.reconciliationRollEntry.findMany({ where: { runId, nikHash: { in: keyed.map((k) => k.nikHash) } } });
    const roll = new Map(staged.map((entry) => [entry.nikHash, entry]));
    const gaps: Gap[] = [];
    for (const child of keyed) {
      // Not on this kecamatan's roll: perhaps a pupil of a school in another kecamatan.
      keepAlive();
      const staged = roll.get(child.nikHash);
      const enrolment: Enrolment | undefined = staged ? fromRoll(staged) : fromFind(await deps.dapodik.findPupil(child.resident.nik));
      if (enrolment && !hasLeftSchool(enrolment)) {
        counts.enrolled! += 1;
        continue;
      }
      if (enrolment) {
        counts.leftSchool! += 1;
        const { npsn, schoolName, level, grade, exitType, exitDate } = enrolment;
        gaps.push({ ...child, reason: 'LEFT_SCHOOL', lastSchool: { npsn, schoolName, level, grade, exitType, exitDate } });
      } else {
        counts.notOnRoll! += 1;
        gaps.push({ ...child, reason: 'NOT_ON_ROLL' });
      }
    }
    return gaps;
  }
}

/**
 * Who of the gaps is already looked after: a case (open or closed, found by any identity key), a
 * candidate still standing, or a dismissal that still holds. The rest are raised. A case that closed
 * with the child in school no longer covers an exit the roll dates after its close: the child has
 * left again since, and is raised like any other.
 */
async function sortGaps(deps: ReconciliationDeps, runId: string, gaps: Gap[], now: Date) {
  const counts = { alreadyInCase: 0, alreadyRaised: 0, dismissed: 0 };
  const toRaise: Gap[] = [];
  if (gaps.length === 0) return { counts, toRaise };
  const [aliases, candidates] = await Promise.all([
    deps.prisma.caseAlias.findMany({
      where: { keyHash: { in: gaps.flatMap((gap) => gap.keyHashes) } },
      select: { keyHash: true, kind: true, case: { select: { outcome: true, closedAt: true, child: { select: { nik: true } } } } },
    }),
    deps.prisma.reconciliationCandidate.findMany({ where: { nikHash: { in: gaps.map((gap) => gap.nikHash) } } }),
  ]);
  const finished: string[] = [];
  for (const gap of gaps) {
    const cases = aliases.filter(
      (alias) =>
        gap.keyHashes.includes(alias.keyHash) &&
        // A name match whose case holds another NIK is another child with the same name, birth date and desa.
        (alias.kind === 'NIK' || !alias.case.child?.nik || alias.case.child.nik.replace(/\D/g, '') === gap.resident.nik),
    );
    const closedInSchool = cases.find((alias) => leftAfterClosedInSchool(gap, alias.case))?.case.closedAt;
    const ofChild = candidates.filter((candidate) => candidate.nikHash === gap.nikHash);
    const standing = ofChild.find((candidate) => candidate.openNikHash !== null);
    const dismissal = (after?: Date | null) =>
      ofChild.some((c) => c.dismissedUntil !== null && c.dismissedUntil > now && (!after || (c.decidedAt !== null && c.decidedAt > after)));
    if (standing?.raisedInRun === runId) continue; // raised by this very run: counted as new by the caller
    if (closedInSchool) {
      // Left again since the case closed: only what happened after the close counts.
      if (standing && standing.status !== 'CASE_STARTED') counts.alreadyRaised += 1;
      else if (dismissal(closedInSchool)) counts.dismissed += 1;
      else {
        // The candidate that led to the closed case has done its work; the child stands again as a new one.
        if (standing) finished.push(standing.id);
        toRaise.push(gap);
      }
    } else if (cases.length > 0 || standing?.status === 'CASE_STARTED') counts.alreadyInCase += 1;
    else if (standing) counts.alreadyRaised += 1;
    else if (dismissal()) counts.dismissed += 1;
    else toRaise.push(gap);
  }
  if (finished.length > 0) {
    await deps.prisma.reconciliationCandidate.updateMany({ where: { id: { in: finished } }, data: { openNikHash: null } });
  }
  return { counts, toRaise };
}

/** The case closed with the child in school, and the roll dates the child's exit on or after the day it closed (WITA): the last look, or the officer, had seen them in school. */
function leftAfterClosedInSchool(gap: Gap, kase: { outcome: string | null; closedAt: Date | null }): boolean {
  const closedInSchool = (kase.outcome === 'RETAINED' || kase.outcome === 'ENROLLED') && kase.closedAt !== null;
  const exitDate = gap.lastSchool?.exitDate;
  return closedInSchool && gap.reason === 'LEFT_SCHOOL' && !!exitDate && exitDate >= witaDay(kase.closedAt!);
}

/** New candidates, each at most once: the unique open key turns a concurrent or repeated raise into nothing. */
async function raise(prisma: ReconciliationDeps['prisma'], runId: string, gaps: Gap[], now: Date): Promise<void> {
  if (gaps.length === 0) return;
  await prisma.reconciliationCandidate.createMany({
    data: gaps.map(({ resident, nikHash, reason, lastSchool }) => ({
      nikHash,
      openNikHash: nikHash,
      kecamatan: resident.kecamatanCode,
      desa: resident.desa,
      reason,
      status: 'OPEN',
      nik: resident.nik,
      noKk: resident.noKk,
      fullName: resident.fullName,
      birthDate: resident.birthDate,
      sex: resident.sex,
      address: resident.address,
      lastSchool: (lastSchool ?? undefined) as Prisma.InputJsonValue | undefined,
      raisedInRun: runId,
      raisedAt: now,
    })),
    skipDuplicates: true,
  });
}

function fromRoll(entry: ReconciliationRollEntry): Enrolment {
  const { npsn, schoolName, level, grade, exitType, exitDate } = entry;
  return { status: entry.status === 'ACTIVE' ? 'ACTIVE' : 'EXITED', npsn, schoolName, level, grade, exitType, exitDate };
}

function fromFind(answer: DapodikFindResponse): Enrolment | undefined {
  if (answer.status === 'NOT_FOUND') return undefined;
  const { npsn, schoolName, level, grade } = answer;
  return answer.status === 'ACTIVE'
    ? { status: 'ACTIVE', npsn, schoolName, level, grade, exitType: null, exitDate: null }
    : { status: 'EXITED', npsn, schoolName, level, grade, exitType: answer.exitType, exitDate: answer.exitDate };
}

/**
 * The roll keeps a pupil's current or last enrolment, so an exit on it has no re-entry. A drop-out or a
 * move without a new school is a gap; so is finishing SD or SMP without going on (lulus tidak melanjutkan).
 */
export function hasLeftSchool(enrolment: Pick<Enrolment, 'status' | 'exitType' | 'level'>): boolean {
  if (enrolment.status === 'ACTIVE') return false;
  if (enrolment.exitType === 'GRADUATED') return enrolment.level === 'SD' || enrolment.level === 'SMP';
  return true;
}
