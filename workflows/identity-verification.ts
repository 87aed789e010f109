import type { CaseView } from '../domain/case.js';
import type { ChildIdentity } from '../domain/intake.js';
import type { CivilRecord } from '../domain/registries.js';
import type { TaskContext } from '../domain/tasks.js';
import { registries } from './activities.js';
import type { CaseFile } from './case-file.js';
import { humanTask } from './human-task.js';
import { askRegistry } from './registry-call.js';

/**
 * Checks the child against Dukcapil's civil registry. A confirmed record is taken as the child's identity;
 * a mismatch goes to Dukcapil to correct, a child without a record (or without a NIK) to be registered.
 */
export async function verifyIdentity(c: CaseFile): Promise<void> {
  const { nik } = c.child;
  if (!nik) return registerChild(c, 'NO_NIK');

  const answer = await askRegistry(c, 'DUKCAPIL', () => registries.verifyIdentity({ caseId: c.caseId, child: { ...c.child, nik } }));
  if (!answer.answered) {
    await c.record('IDENTITY_NOT_FOUND', { registry: 'DUKCAPIL', refusedWith: answer.failureType });
    return registerChild(c, 'NOT_FOUND');
  }
  const result = answer.value;
  switch (result.status) {
    case 'MATCH':
      return settleIdentity(c, 'CONFIRMED', fromCivilRecord(c.child, result.record));
    case 'MISMATCH':
      await c.record('IDENTITY_MISMATCH', { fields: result.differences.map((difference) => difference.field) });
      return correctRecords(c, result.differences);
    case 'NOT_FOUND':
      await c.record('IDENTITY_NOT_FOUND', { registry: 'DUKCAPIL' });
      return registerChild(c, 'NOT_FOUND');
  }
}

/** Dukcapil's officer checks the differences; what they confirm becomes the child's identity. */
async function correctRecords(c: CaseFile, differences: TaskContext<'DUKCAPIL_CORRECTION'>['differences']): Promise<void> {
  await c.moveTo('CORRECTING_RECORDS');
  const { form } = await humanTask(c, 'DUKCAPIL_CORRECTION', { differences });
  await settleIdentity(c, 'CORRECTED', {
    ...c.child,
    fullName: form.fullName,
    birthDate: form.birthDate,
    sex: form.sex,
    noKk: form.noKk ?? c.child.noKk,
  });
}

/** Dukcapil registers the child; the new NIK and family card make the case findable by a later report. */
async function registerChild(c: CaseFile, reason: 'NO_NIK' | 'NOT_FOUND'): Promise<void> {
  await c.moveTo('REGISTERING_CHILD');
  const { form } = await humanTask(c, 'DUKCAPIL_REGISTRATION', { reason });
  await settleIdentity(c, 'REGISTERED', { ...c.child, nik: form.nik, noKk: form.noKk });
}

async function settleIdentity(c: CaseFile, status: Exclude<CaseView['identityStatus'], 'UNVERIFIED'>, child: ChildIdentity): Promise<void> {
  c.child = child;
  c.identityStatus = status;
  await c.record('IDENTITY_CONFIRMED', { identityStatus: status }, { withChild: true });
  await c.records.linkChildIdentity({ caseId: c.caseId, child });
}

/** The registry's spelling of the identity fields is canonical; where the child lives stays as reported. */
function fromCivilRecord(child: ChildIdentity, record: CivilRecord): ChildIdentity {
  return { ...child, nik: record.nik, noKk: record.noKk, fullName: record.fullName, birthDate: record.birthDate, sex: record.sex };
}
