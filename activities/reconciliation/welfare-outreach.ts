import { createHmac } from 'node:crypto';
import { kecamatanName } from '../../domain/kecamatan.js';
import { parseNik } from '../../domain/nik.js';
import { COMPULSORY_SCHOOL_AGE, type DinsosHousehold } from '../../domain/registries.js';
import { OUTREACH_REMINDER_DAYS } from '../../domain/welfare-outreach.js';
import { ageOn } from '../../domain/validation.js';
import { emailLanguage } from '../../emails/language.js';
import { welfareOutreachEmail } from '../../emails/welfare-outreach.js';
import { nikKeyHash } from '../../infra/case-identity.js';
import { alreadySent, deliverOnce } from '../email-delivery.js';
import { closestOfficer } from '../officer-directory.js';
import { officerLinks } from '../officer-links.js';
import type { ReconciliationActivities } from './contract.js';
import type { ReconciliationDeps } from './deps.js';
import { keepAlive } from './keep-alive.js';

const DAY_MS = 86_400_000;

type WelfareActivities = Pick<ReconciliationActivities, 'flagWelfarePage' | 'notifyOutreachOfficers'>;

/**
 * Dinsos's poorest households whose children are still in school are at risk of taking them out: the
 * desa's officer visits before that happens (PIP/KIP, a word with the family). A household is flagged
 * once while its outreach is open, and not again until RECONCILIATION_OUTREACH_COOLDOWN_DAYS after the
 * officer recorded the visit; the page counts the same when read again. The officer's email links to
 * the page where they record each visit.
 */
export function welfareOutreachActivities(deps: ReconciliationDeps): WelfareActivities {
  const { prisma, dinsos, settings } = deps;
  const now = deps.now ?? (() => new Date());
  return {
    async flagWelfarePage({ runId, kecamatan, page, pageSize, maxDecile }) {
      const answer = await dinsos.listHouseholds({ kecamatan, maxDecile, page, pageSize });
      const today = now().toISOString().slice(0, 10);
      const atRisk: { household: DinsosHousehold; children: number; hash: string }[] = [];
      for (const household of answer.items) {
        keepAlive();
        const children = await enrolledSchoolAgeMembers(deps, runId, household.memberNiks, today);
        if (children > 0) atRisk.push({ household, children, hash: householdHash(household.noKk, settings.caseKeySecret) });
      }
      if (atRisk.length === 0) return { counts: { atRiskHouseholds: 0, alreadyFlagged: 0 }, lastPage: page * pageSize >= answer.total };

      // Flagged earlier: the outreach is still open, or the officer visited within the cooldown (a family
      // visited last week needs no second visit because tonight's data look the same).
      const hashes = atRisk.map((h) => h.hash);
      const visitedSince = new Date(now().getTime() - settings.outreachCooldownDays * DAY_MS);
      const standing = await prisma.welfareOutreach.findMany({
        where: { OR: [{ openHouseholdHash: { in: hashes } }, { householdHash: { in: hashes }, doneAt: { gt: visitedSince } }] },
      });
      const fresh = atRisk.filter((h) => !standing.some((s) => s.householdHash === h.hash));
      for (const { household, children, hash } of fresh) {
        const officer = await closestOfficer(prisma, { agency: 'DISDIKBUD', role: 'FIELD_OFFICER' }, { kecamatan, desa: household.desa });
        if (!officer) continue; // nobody to visit: the household stays unflagged and the next run tries again
        await prisma.welfareOutreach.createMany({
          data: [{
            householdHash: hash,
            openHouseholdHash: hash,
            kecamatan,
            desa: household.desa,
            noKk: household.noKk,
            decile: household.decile,
            programmes: household.programmes,
            children,
            officerId: officer.id,
            status: 'OPEN',
            raisedInRun: runId,
            raisedAt: now(),
          }],
          skipDuplicates: true,
        });
      }
      const mine = await prisma.welfareOutreach.count({ where: { raisedInRun: runId, householdHash: { in: atRisk.map((h) => h.hash) } } });
      const earlier = new Set(standing.filter((s) => s.raisedInRun !== runId).map((s) => s.householdHash)).size;
      return { counts: { atRiskHouseholds: mine, alreadyFlagged: earlier }, lastPage: page * pageSize >= answer.total };
    },

    async notifyOutreachOfficers({ runId, kecamatan }) {
      const flagged = await prisma.welfareOutreach.findMany({ where: { raisedInRun: runId, kecamatan }, orderBy: [{ desa: 'asc' }, { noKk: 'asc' }] });
      const byOfficer = groupedByOfficer(flagged);
      const overdue = await familiesToRemindOf(deps, kecamatan, [...byOfficer.keys()]);
      const emails = [
        ...[...byOfficer].map(([officerId, households]) => ({ officerId, households, reminder: false })),
        ...[...overdue].map(([officerId, households]) => ({ officerId, households, reminder: true })),
      ];
      for (const { officerId, households, reminder } of emails) {
        const idempotencyKey = `${runId}/${kecamatan}/${reminder ? 'outreach-reminder' : 'outreach'}/${officerId}`;
        // A retried activity sends nothing twice; a link issued for an email that never left is never reached.
        if (await alreadySent(prisma, idempotencyKey)) continue;
        const officer = await prisma.officer.findUniqueOrThrow({ where: { id: officerId } });
        const link = await officerLinks(prisma, settings.publicUrl).outreach(officerId, now().getTime());
        await deliverOnce(prisma, deps.mailer, {
          idempotencyKey,
          kind: reminder ? 'WELFARE_OUTREACH_REMINDER' : 'WELFARE_OUTREACH',
          recipient: officer,
          email: welfareOutreachEmail({
            language: emailLanguage(officer.language),
            officerName: officer.name,
            kecamatanName: kecamatanName(kecamatan),
            link,
            reminder,
            households: households.map((h) => ({ desa: h.desa, noKk: h.noKk, decile: h.decile, children: h.children, programmes: h.programmes })),
          }),
        });
        if (reminder) await prisma.welfareOutreach.updateMany({ where: { id: { in: households.map((h) => h.id) } }, data: { remindedAt: now() } });
      }
      return { sent: emails.length };
    },
  };
}

/**
 * The families of the kecamatan still waiting for officers who get no digest tonight, for each officer whose
 * every waiting family was raised, or last reminded of, at least OUTREACH_REMINDER_DAYS ago.
 */
async function familiesToRemindOf(deps: ReconciliationDeps, kecamatan: string, digested: string[]) {
  const now = (deps.now ?? (() => new Date()))();
  const since = now.getTime() - OUTREACH_REMINDER_DAYS * DAY_MS;
  const waiting = await deps.prisma.welfareOutreach.findMany({
    where: { kecamatan, status: 'OPEN', officerId: { notIn: digested } },
    orderBy: [{ desa: 'asc' }, { noKk: 'asc' }],
  });
  const byOfficer = groupedByOfficer(waiting);
  for (const [officerId, rows] of byOfficer) {
    if (rows.some((row) => (row.remindedAt ?? row.raisedAt).getTime() > since)) byOfficer.delete(officerId);
  }
  return byOfficer;
}

function groupedByOfficer<T extends { officerId: string }>(rows: T[]): Map<string, T[]> {
  const byOfficer = new Map<string, T[]>();
  for (const row of rows) byOfficer.set(row.officerId, [...(byOfficer.get(row.officerId) ?? []), row]);
  return byOfficer;
}

/** Members of school age by the birth date in their NIK who are active pupils: on the staged roll, or at a school elsewhere. */
async function enrolledSchoolAgeMembers(deps: ReconciliationDeps, runId: string, niks: string[], today: string): Promise<number> {
  const schoolAge = niks.filter((nik) => {
    const age = ageFromNik(nik, today);
    return age !== undefined && age >= COMPULSORY_SCHOOL_AGE.min && age <= COMPULSORY_SCHOOL_AGE.max;
  });
  if (schoolAge.length === 0) return 0;
  const hashes = new Map(schoolAge.map((nik) => [nikKeyHash(nik, deps.settings.caseKeySecret), nik]));
  const staged = await deps.prisma.reconciliationRollEntry.findMany({ where: { runId, nikHash: { in: [...hashes.keys()] } } });
  let enrolled = staged.filter((entry) => entry.status === 'ACTIVE').length;
  for (const [hash, nik] of hashes) {
    if (staged.some((entry) => entry.nikHash === hash)) continue;
    if ((await deps.dapodik.findPupil(nik)).status === 'ACTIVE') enrolled += 1;
  }
  return enrolled;
}

/** The NIK's birth date read as the most recent century that makes it a past date. */
function ageFromNik(nik: string, today: string): number | undefined {
  const parts = parseNik(nik);
  if (typeof parts === 'string') return undefined;
  const century = 2000 + parts.birthYearTwoDigits <= Number(today.slice(0, 4)) ? 2000 : 1900;
  const birthDate = `${century + parts.birthYearTwoDigits}-${String(parts.birthMonth).padStart(2, '0')}-${String(parts.birthDay).padStart(2, '0')}`;
  return ageOn(birthDate, today);
}

function householdHash(noKk: string, secret: string): string {
  return createHmac('sha256', secret).update(`kk:${noKk}`, 'utf8').digest('hex');
}
