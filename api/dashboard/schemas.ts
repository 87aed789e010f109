import { CASE_STAGES } from '../../domain/case.js';
import { dashboardFilterSchema } from '../../domain/dashboard.js';
import { AGENCIES } from '../../domain/tasks.js';
import { z } from '../../domain/validation.js';

/** HTTP shapes of the dashboard; the figures themselves are described in domain/dashboard.ts. */

export const dashboardQuerySchema = dashboardFilterSchema;

const load = { open: z.number().int(), overdue: z.number().int() };
const medianSchema = z.object({
  days: z.number().nullable().meta({ description: 'Median dalam hari (satu desimal); null bila belum ada kasus yang sampai ke sana.' }),
  cases: z.number().int().meta({ description: 'Banyaknya kasus yang dihitung.' }),
});
const countsSchema = {
  cases: z.number().int(),
  open: z.number().int().meta({ description: 'Masih ditangani.' }),
  overdue: z.number().int().meta({ description: 'Masih ditangani dan terlambat.' }),
  enrolled: z.number().int().meta({ description: 'Selesai: anak kembali bersekolah.' }),
  closed: z.number().int().meta({ description: 'Ditutup tanpa kembali sekolah (pindah, kasus ganda, …).' }),
};

export const dashboardSchema = z
  .object({
    filter: z.object({ kecamatan: z.string().optional(), category: z.string().optional(), from: z.string().optional(), to: z.string().optional() }),
    scope: z.array(z.string()).meta({ description: 'Kecamatan yang terlihat oleh pemanggil; kosong berarti seluruh Kutai Timur.' }),
    generatedAt: z.string().meta({ format: 'date-time' }),
    funnel: z.array(z.object({ stage: z.enum(CASE_STAGES), label: z.string(), cases: z.number().int() })),
    tasks: z.object({
      ...load,
      byAgency: z.array(z.object({ agency: z.enum(AGENCIES), label: z.string(), ...load })),
      byOfficer: z.array(z.object({ officerId: z.string(), name: z.string(), agency: z.enum(AGENCIES), ...load })),
    }),
    kecamatan: z.array(z.object({ code: z.string(), name: z.string(), ...countsSchema })),
    totals: z.object(countsSchema),
    reportToHomeVisit: medianSchema.meta({ description: 'Dari laporan (kasus dibuka) sampai laporan kunjungan rumah pertama selesai.' }),
    reportToEnrolment: medianSchema.meta({ description: 'Dari laporan sampai sekolah mengonfirmasi pendaftaran.' }),
    enrolledThisMonth: z.object({ month: z.string(), label: z.string(), cases: z.number().int() }),
    caseHealth: z
      .object({ cases: z.number().int(), violations: z.number().int() })
      .meta({ description: 'Kasus terbuka yang menurut pengawas sistem tidak memiliki proses berjalan, penanggung jawab atau tenggat berikutnya (GET /api/v1/health/cases), dan banyaknya masalah itu.' }),
  })
  .meta({
    id: 'Dashboard',
    description:
      'Angka dasbor koordinator, dihitung dari basis data untuk kasus yang lolos semua filter dan berada di wilayah pemanggil. Periode adalah tanggal laporan (WITA), kedua ujung termasuk; "bulan ini" adalah bulan kalender WITA.',
    examples: [
      {
        filter: { kecamatan: '640804' },
        scope: [],
        generatedAt: '2026-12-15T04:00:00.000Z',
        funnel: [
          { stage: 'VERIFYING_IDENTITY', label: 'Verifikasi data Dukcapil', cases: 0 },
          { stage: 'CORRECTING_RECORDS', label: 'Perbaikan data kependudukan', cases: 0 },
          { stage: 'REGISTERING_CHILD', label: 'Pendaftaran dokumen kependudukan', cases: 0 },
          { stage: 'CHECKING_WELFARE', label: 'Pemeriksaan data kesejahteraan (Dinsos)', cases: 0 },
          { stage: 'HOME_VISIT', label: 'Kunjungan rumah', cases: 1 },
          { stage: 'AWAITING_DECISION', label: 'Menunggu keputusan koordinator', cases: 0 },
          { stage: 'AWAITING_ENROLMENT', label: 'Menunggu konfirmasi pendaftaran sekolah', cases: 1 },
          { stage: 'CLOSED', label: 'Selesai', cases: 3 },
        ],
        tasks: {
          open: 2,
          overdue: 1,
          byAgency: [
            { agency: 'DISDIKBUD', label: 'Disdikbud', open: 2, overdue: 1 },
            { agency: 'DUKCAPIL', label: 'Disdukcapil', open: 0, overdue: 0 },
            { agency: 'DINSOS', label: 'Dinsos', open: 0, overdue: 0 },
          ],
          byOfficer: [{ officerId: 'disdik-fo-640804', name: 'Siti Nurhaliza', agency: 'DISDIKBUD', open: 2, overdue: 1 }],
        },
        kecamatan: [{ code: '640804', name: 'Sangatta Utara', cases: 5, open: 2, overdue: 1, enrolled: 2, closed: 1 }],
        totals: { cases: 5, open: 2, overdue: 1, enrolled: 2, closed: 1 },
        reportToHomeVisit: { days: 4, cases: 3 },
        reportToEnrolment: { days: 15.5, cases: 2 },
        enrolledThisMonth: { month: '2026-12', label: 'Desember 2026', cases: 1 },
        caseHealth: { cases: 0, violations: 0 },
      },
    ],
  });
