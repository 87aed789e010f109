import { isoDate, todayIso, withoutControlCharacters, z } from './validation.js';

/** How long the link in an officer's outreach email works: visiting a whole desa's families takes weeks, not days. */
export const OUTREACH_LINK_DAYS = 90;

/**
 * An officer with families still waiting, and no email about them for this long, is reminded with a fresh
 * link: the last one may have lapsed, and a visit put off is a child at risk for longer.
 */
export const OUTREACH_REMINDER_DAYS = 14;

/** What came of a preventive visit to a poor family whose children are still in school. */
export const OUTREACH_OUTCOMES = ['ADVISED', 'PIP_KIP_PROPOSED', 'FAMILY_NOT_FOUND', 'MOVED'] as const;
export type OutreachOutcome = (typeof OUTREACH_OUTCOMES)[number];

export const OUTREACH_OUTCOME_LABELS: Record<OutreachOutcome, string> = {
  ADVISED: 'Keluarga ditemui dan diberi pendampingan agar anak tetap bersekolah',
  PIP_KIP_PROPOSED: 'Keluarga ditemui dan diusulkan menerima PIP/KIP',
  FAMILY_NOT_FOUND: 'Keluarga tidak ditemukan di alamat',
  MOVED: 'Keluarga sudah pindah dari desa',
};

export const OUTREACH_STATUSES = ['OPEN', 'DONE'] as const;
export type OutreachStatus = (typeof OUTREACH_STATUSES)[number];

/** The officer's record of a visit: one schema for the HTML form and the JSON request. */
export const outreachVisitSchema = withoutControlCharacters(
  z
    .object({
      visitedOn: isoDate.refine((day) => day <= todayIso(), 'Tanggal kunjungan tidak boleh setelah hari ini.'),
      outcome: z.enum(OUTREACH_OUTCOMES, { message: 'Pilih hasil kunjungan.' }),
      note: z.string().trim().max(1000).optional(),
    })
    .strict(),
).meta({
    description: 'Hasil kunjungan pencegahan: tanggal kunjungan (TTTT-BB-HH, paling lambat hari ini), hasilnya, dan catatan bila perlu.',
    examples: [{ visitedOn: '2026-12-07', outcome: 'PIP_KIP_PROPOSED', note: 'Ibu akan membawa KK ke sekolah minggu depan.' }],
  });
export type OutreachVisit = z.infer<typeof outreachVisitSchema>;
