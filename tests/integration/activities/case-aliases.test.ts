import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { caseIdFor, identityKeys } from '../../../infra/case-identity.js';
import { activitiesFor, activityDatabase, CASE_KEY_SECRET, childIn, newCaseId, openCase, SANGATTA_UTARA } from './support.js';

let db: Awaited<ReturnType<typeof activityDatabase>>;
let prisma: PrismaClient;
let activities: ReturnType<typeof activitiesFor>;

beforeAll(async () => {
  db = await activityDatabase();
  prisma = db.prisma;
  activities = activitiesFor(prisma);
});
afterAll(() => db.close());

async function aliasesOf(caseId: string) {
  return prisma.caseAlias.findMany({ where: { caseId }, orderBy: { kind: 'asc' } });
}

describe('linking a child’s identity to the case', () => {
  it('registers the NIK key and the name key, so a later report finds the case either way', async () => {
    const child = childIn(SANGATTA_UTARA, 'Swarga Bara');
    const caseId = caseIdFor(identityKeys(child, CASE_KEY_SECRET));
    await openCase(activities, caseId, child);
    await activities.linkChildIdentity({ caseId, child });
    await activities.linkChildIdentity({ caseId, child });

    const [nikKey, nameKey] = identityKeys(child, CASE_KEY_SECRET);
    expect((await aliasesOf(caseId)).map((a) => [a.kind, a.keyHash])).toEqual([
      ['NAME_BIRTHDATE_DESA', nameKey!.hash],
      ['NIK', nikKey!.hash],
    ]);

    const { nik: _nik, ...reportedWithoutNik } = { ...child, fullName: ' budi  santoso WIJAYA ', desa: 'Desa Swarga Bara' };
    const [respelledNameKey] = identityKeys(reportedWithoutNik, CASE_KEY_SECRET);
    expect(respelledNameKey).toEqual(nameKey);
    expect(await prisma.caseAlias.findUnique({ where: { keyHash: respelledNameKey!.hash } })).toMatchObject({ caseId });
  });

  it('adds the NIK key when a case opened without a NIK learns it', async () => {
    const { nik: _nik, ...withoutNik } = childIn(SANGATTA_UTARA, 'Singa Gembara', { fullName: 'Ani Lestari' });
    const caseId = caseIdFor(identityKeys(withoutNik, CASE_KEY_SECRET));
    await openCase(activities, caseId, withoutNik);
    await activities.linkChildIdentity({ caseId, child: withoutNik });
    expect((await aliasesOf(caseId)).map((a) => a.kind)).toEqual(['NAME_BIRTHDATE_DESA']);

    await activities.linkChildIdentity({ caseId, child: { ...withoutNik, nik: '6408045507150003' } });
    expect((await aliasesOf(caseId)).map((a) => a.kind)).toEqual(['NAME_BIRTHDATE_DESA', 'NIK']);
  });

  it('never takes a key that already points at another case', async () => {
    const first = newCaseId();
    const second = newCaseId();
    const twin = childIn(SANGATTA_UTARA, 'Sangatta Utara', { fullName: 'Dewi Sartika', nik: '6408045507150011' });
    await openCase(activities, first, twin);
    await openCase(activities, second, { ...twin, nik: '6408045507150029' });
    await activities.linkChildIdentity({ caseId: first, child: twin });
    await activities.linkChildIdentity({ caseId: second, child: { ...twin, nik: '6408045507150029' } });

    expect((await aliasesOf(first)).map((a) => a.kind)).toEqual(['NAME_BIRTHDATE_DESA', 'NIK']);
    expect((await aliasesOf(second)).map((a) => a.kind)).toEqual(['NIK']);
  });
});
