import { inScope, type Principal } from '../../domain/access.js';
import { kecamatanName } from '../../domain/kecamatan.js';
import { IDENTITY_FIELDS, type IdentityField, type TaskContext } from '../../domain/tasks.js';
import { z } from '../../domain/validation.js';
import type { PrismaClient } from '../../generated/prisma/client.js';

/**
 * Where field reports and Dukcapil disagreed, and how each disagreement ended: the district's view of
 * its data quality. Built from the Dukcapil correction tasks (the differences the task showed, the
 * values its officer confirmed); it names fields and counts only, never a child's values.
 *
 * REGISTRY_KEPT: Dukcapil's value stood (the field report was wrong). REPORT_ADOPTED: Dukcapil took the
 * reported value. NEW_VALUE: neither; the officer recorded a third. PENDING: the task is open.
 * UNRESOLVED: the case closed before Dukcapil answered.
 */
export const MISMATCH_RESOLUTIONS = ['REGISTRY_KEPT', 'REPORT_ADOPTED', 'NEW_VALUE', 'PENDING', 'UNRESOLVED'] as const;
export type MismatchResolution = (typeof MISMATCH_RESOLUTIONS)[number];
export const MISMATCH_RESOLUTION_LABELS: Record<MismatchResolution, string> = {
  REGISTRY_KEPT: 'Data Dukcapil benar',
  REPORT_ADOPTED: 'Dukcapil mengikuti laporan',
  NEW_VALUE: 'Diperbaiki ke nilai lain',
  PENDING: 'Sedang diperiksa',
  UNRESOLVED: 'Kasus ditutup sebelum diperiksa',
};
export const IDENTITY_FIELD_LABELS: Record<IdentityField, string> = {
  fullName: 'Nama lengkap',
  birthDate: 'Tanggal lahir',
  sex: 'Jenis kelamin',
  noKk: 'Nomor KK',
};

const byResolutionSchema = z.object(Object.fromEntries(MISMATCH_RESOLUTIONS.map((r) => [r, z.number().int()])) as Record<MismatchResolution, z.ZodNumber>);
const byFieldSchema = z.object(Object.fromEntries(IDENTITY_FIELDS.map((f) => [f, z.number().int()])) as Record<IdentityField, z.ZodNumber>);

export const mismatchReportSchema = z.object({
  totals: z.object({ cases: z.number().int(), differences: z.number().int(), byResolution: byResolutionSchema }),
  byField: z.array(z.object({ field: z.enum(IDENTITY_FIELDS), label: z.string(), differences: z.number().int(), byResolution: byResolutionSchema })),
  byKecamatan: z.array(
    z.object({
      kecamatan: z.string(),
      kecamatanName: z.string(),
      cases: z.number().int(),
      differences: z.number().int(),
      byField: byFieldSchema,
      byResolution: byResolutionSchema,
    }),
  ),
  cases: z.array(
    z.object({
      caseId: z.string(),
      kecamatan: z.string(),
      openedAt: z.string(),
      fields: z.array(z.object({ field: z.enum(IDENTITY_FIELDS), resolution: z.enum(MISMATCH_RESOLUTIONS) })),
    }),
  ),
});
export type MismatchReport = z.infer<typeof mismatchReportSchema>;
export const mismatchQuerySchema = z.object({ kecamatan: z.string().regex(/^\d{6}$/, 'Kode kecamatan terdiri dari 6 angka.').optional() });

type CorrectionForm = Partial<Record<IdentityField, string>> & { resolution?: string };
type Difference = TaskContext<'DUKCAPIL_CORRECTION'>['differences'][number];

/** How one differing field ended. */
export function resolutionOf(status: string, difference: Difference, form: CorrectionForm | null): MismatchResolution {
  if (status === 'OPEN') return 'PENDING';
  if (status !== 'COMPLETED' || !form) return 'UNRESOLVED';
  if (form.resolution === 'REGISTRY_IS_CORRECT') return 'REGISTRY_KEPT';
  const confirmed = form[difference.field];
  if (confirmed === undefined || same(confirmed, difference.registry)) return 'REGISTRY_KEPT';
  return same(confirmed, difference.reported) ? 'REPORT_ADOPTED' : 'NEW_VALUE';
}

function same(a: string, b: string): boolean {
  return a.trim().replace(/\s+/g, ' ').toLocaleUpperCase('id-ID') === b.trim().replace(/\s+/g, ' ').toLocaleUpperCase('id-ID');
}

const noResolutions = () => Object.fromEntries(MISMATCH_RESOLUTIONS.map((r) => [r, 0])) as Record<MismatchResolution, number>;
const noFields = () => Object.fromEntries(IDENTITY_FIELDS.map((f) => [f, 0])) as Record<IdentityField, number>;

/** Case list in the report: the latest cases, enough to follow up, never the whole history. */
const CASES_LISTED = 200;

export async function dataMismatchReport(prisma: PrismaClient, caller: Principal, kecamatan?: string): Promise<MismatchReport> {
  const area = kecamatan !== undefined ? (inScope(caller, kecamatan) ? [kecamatan] : []) : caller.scope.length > 0 ? caller.scope : undefined;
  const tasks = await prisma.task.findMany({
    where: { type: 'DUKCAPIL_CORRECTION', ...(area ? { kecamatan: { in: area } } : {}) },
    select: { caseId: true, kecamatan: true, status: true, context: true, result: true, openedAt: true },
    orderBy: [{ openedAt: 'desc' }, { caseId: 'asc' }],
  });

  const totals = { cases: new Set<string>(), differences: 0, byResolution: noResolutions() };
  const fields = new Map(IDENTITY_FIELDS.map((field) => [field, { differences: 0, byResolution: noResolutions() }]));
  const places = new Map<string, { cases: Set<string>; differences: number; byField: Record<IdentityField, number>; byResolution: Record<MismatchResolution, number> }>();
  const cases: MismatchReport['cases'] = [];
  for (const task of tasks) {
    const differences = (task.context as { differences?: Difference[] }).differences ?? [];
    const form = (task.result as CorrectionForm | null) ?? null;
    const place = places.get(task.kecamatan) ?? { cases: new Set(), differences: 0, byField: noFields(), byResolution: noResolutions() };
    places.set(task.kecamatan, place);
    const outcome = differences.map((difference) => ({ field: difference.field, resolution: resolutionOf(task.status, difference, form) }));
    for (const { field, resolution } of outcome) {
      totals.differences += 1;
      totals.byResolution[resolution] += 1;
      fields.get(field)!.differences += 1;
      fields.get(field)!.byResolution[resolution] += 1;
      place.differences += 1;
      place.byField[field] += 1;
      place.byResolution[resolution] += 1;
    }
    totals.cases.add(task.caseId);
    place.cases.add(task.caseId);
    if (cases.length < CASES_LISTED) cases.push({ caseId: task.caseId, kecamatan: task.kecamatan, openedAt: task.openedAt.toISOString(), fields: outcome });
  }

  return {
    totals: { cases: totals.cases.size, differences: totals.differences, byResolution: totals.byResolution },
    byField: IDENTITY_FIELDS.map((field) => ({ field, label: IDENTITY_FIELD_LABELS[field], ...fields.get(field)! })),
    byKecamatan: [...places.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, place]) => ({
        kecamatan: code,
        kecamatanName: kecamatanName(code),
        cases: place.cases.size,
        differences: place.differences,
        byField: place.byField,
        byResolution: place.byResolution,
      })),
    cases,
  };
}
