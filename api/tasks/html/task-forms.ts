import { CLOSE_REASON_LABELS } from '../../../domain/case.js';
import { REASON_LABELS } from '../../../domain/intake.js';
import {
  type IdentityField,
  type LeftSchool,
  RETURN_PATH_LABELS,
  type TaskContexts,
  taskFormSchemas,
  type TaskType,
} from '../../../domain/tasks.js';
import type { FormFields } from '../form-data.js';
import { checkboxGroup, type FormState, optionsOf, radioGroup, selectField, textArea, textField } from './fields.js';
import { escapeHtml, formatDay } from './layout.js';

/** The child's identity as the case holds it; the correction form starts from it. */
export interface KnownChild {
  fullName: string;
  birthDate: string;
  sex: string;
  noKk?: string;
}

/** One page per kind of task: what the officer should know, the fields, and what they start with. */
interface TaskFormRenderer<T extends TaskType> {
  context(context: TaskContexts[T]): string;
  fields(state: FormState, context: TaskContexts[T]): string;
  initialValues(context: TaskContexts[T], child: KnownChild | undefined): FormFields;
}

const SEX_LABELS = { L: 'Laki-laki', P: 'Perempuan' } as const;
const IDENTITY_FIELD_LABELS: Record<IdentityField, string> = {
  fullName: 'Nama lengkap',
  birthDate: 'Tanggal lahir',
  sex: 'Jenis kelamin',
  noKk: 'Nomor KK',
};
const YES_NO = [['true', 'Ya'], ['false', 'Tidak']] as const;

const note = (state: FormState) => textArea(state, { name: 'note', label: 'Catatan', optional: true });
/** A date field is the phone's own date picker, which shows dates in the phone's format: name the date, not a format. */
const DATE_HINT = 'Pilih tanggal pada kalender, misalnya 14 Mei 2026.';
const card = (html: string) => `<section class="card notice">${html}</section>`;

const correction = taskFormSchemas.DUKCAPIL_CORRECTION.shape;
const dukcapilCorrection: TaskFormRenderer<'DUKCAPIL_CORRECTION'> = {
  context: ({ differences }) =>
    card(`<h2>Data yang berbeda</h2>
<p>Data dalam laporan tidak sama dengan data Dukcapil. Periksa dokumen anak, lalu isi data yang benar.</p>
<table><thead><tr><th scope="col">Data</th><th scope="col">Dilaporkan</th><th scope="col">Dukcapil</th></tr></thead><tbody>
${(differences ?? [])
  .map((d) => `<tr><th scope="row">${escapeHtml(IDENTITY_FIELD_LABELS[d.field] ?? d.field)}</th><td>${escapeHtml(shownIdentityValue(d.field, d.reported))}</td><td>${escapeHtml(shownIdentityValue(d.field, d.registry))}</td></tr>`)
  .join('\n')}
</tbody></table>`),
  fields: (state) =>
    [
      radioGroup(state, {
        name: 'resolution',
        label: 'Hasil pemeriksaan',
        choices: optionsOf(correction.resolution.options, {
          REGISTRY_IS_CORRECT: 'Data Dukcapil sudah benar; laporan yang keliru',
          REGISTRY_UPDATED: 'Data Dukcapil sudah saya perbarui',
        }),
      }),
      textField(state, { name: 'fullName', label: IDENTITY_FIELD_LABELS.fullName, maxLength: 120 }),
      textField(state, { name: 'birthDate', label: IDENTITY_FIELD_LABELS.birthDate, type: 'date', hint: DATE_HINT }),
      radioGroup(state, { name: 'sex', label: IDENTITY_FIELD_LABELS.sex, choices: optionsOf(correction.sex.options, SEX_LABELS) }),
      textField(state, { name: 'noKk', label: IDENTITY_FIELD_LABELS.noKk, inputMode: 'numeric', maxLength: 16, optional: true, hint: '16 angka' }),
      note(state),
    ].join('\n'),
  // Fields that differ start from the registry's value, the others from the report.
  initialValues: ({ differences }, child) => {
    const values: FormFields = child ? { fullName: child.fullName, birthDate: child.birthDate, sex: child.sex, noKk: child.noKk } : {};
    for (const difference of differences ?? []) values[difference.field] = difference.registry;
    return values;
  },
};

const dukcapilRegistration: TaskFormRenderer<'DUKCAPIL_REGISTRATION'> = {
  context: ({ reason }) =>
    card(
      `<p>${reason === 'NOT_FOUND' ? 'NIK yang dilaporkan tidak ditemukan di data Dukcapil.' : 'Anak ini belum memiliki NIK.'} Bantu keluarga mendaftarkan anak, lalu isi nomor yang diterbitkan.</p>`,
    ),
  fields: (state) =>
    [
      textField(state, { name: 'nik', label: 'NIK anak', inputMode: 'numeric', maxLength: 16, hint: '16 angka' }),
      textField(state, { name: 'noKk', label: 'Nomor KK', inputMode: 'numeric', maxLength: 16, hint: '16 angka' }),
      textField(state, { name: 'birthCertificateNumber', label: 'Nomor akta kelahiran', optional: true, maxLength: 60 }),
      note(state),
    ].join('\n'),
  initialValues: () => ({}),
};

const referral = taskFormSchemas.DINSOS_REFERRAL.shape;
const dinsosReferral: TaskFormRenderer<'DINSOS_REFERRAL'> = {
  context: ({ decile, programmes }) =>
    card(
      `<p>Keluarga anak terdaftar di DTSEN pada desil <strong>${escapeHtml(String(decile))}</strong>${
        programmes?.length ? ` dan menerima: ${escapeHtml(programmes.join(', '))}` : ''
      }. Periksa kelayakan anak untuk bantuan PIP/KIP.</p>`,
    ),
  fields: (state) =>
    [
      radioGroup(state, {
        name: 'outcome',
        label: 'Hasil rujukan',
        choices: optionsOf(referral.outcome.options, {
          PIP_PROPOSED: 'Diusulkan menerima PIP/KIP',
          ALREADY_RECEIVING: 'Sudah menerima bantuan pendidikan',
          NOT_ELIGIBLE: 'Tidak memenuhi syarat',
        }),
      }),
      note(state),
    ].join('\n'),
  initialValues: () => ({}),
};

const visitScheduling: TaskFormRenderer<'VISIT_SCHEDULING'> = {
  context: ({ attempt, followUp }) =>
    card(
      `${followUp ? `<h2>Kunjungan tindak lanjut</h2><p>${leftSchoolText(followUp)} Kunjungi keluarga untuk mengetahui sebabnya dan mencari jalan kembali ke sekolah.</p>` : ''}
<p>Tentukan tanggal kunjungan rumah${attempt > 1 ? ` (kunjungan ke-${attempt})` : ''}.</p>`,
    ),
  fields: (state) =>
    [textField(state, { name: 'visitDate', label: 'Tanggal kunjungan', type: 'date', hint: DATE_HINT }), note(state)].join('\n'),
  initialValues: () => ({}),
};

const [visitMet, visitNotMet] = taskFormSchemas.VISIT_REPORT.options;
const visitReport: TaskFormRenderer<'VISIT_REPORT'> = {
  context: ({ attempt, visitDate }) =>
    card(`<p>Laporkan hasil kunjungan rumah${attempt > 1 ? ` ke-${attempt}` : ''} pada ${escapeHtml(formatDay(visitDate))}.</p>`),
  fields: (state) =>
    [
      radioGroup(state, { name: 'familyMet', label: 'Apakah keluarga berhasil ditemui?', choices: [['true', 'Ya, keluarga ditemui'], ['false', 'Tidak']] }),
      '<section class="card"><h2>Bila keluarga ditemui</h2>',
      checkboxGroup(state, {
        name: 'reasonsConfirmed',
        label: 'Alasan anak tidak sekolah',
        hint: 'Boleh memilih lebih dari satu.',
        choices: optionsOf(visitMet.shape.reasonsConfirmed.element.options, REASON_LABELS),
      }),
      radioGroup(state, { name: 'childWilling', label: 'Anak bersedia kembali sekolah?', choices: YES_NO }),
      radioGroup(state, { name: 'parentsWilling', label: 'Orang tua/wali mendukung?', choices: YES_NO }),
      selectField(state, { name: 'agreedPath', label: 'Jalur kembali sekolah yang disepakati', choices: optionsOf(visitMet.shape.agreedPath.options, RETURN_PATH_LABELS) }),
      textField(state, { name: 'targetSchool.name', label: 'Sekolah/PKBM tujuan', optional: true, maxLength: 150 }),
      textField(state, { name: 'targetSchool.npsn', label: 'NPSN sekolah tujuan', optional: true, inputMode: 'numeric', maxLength: 8, hint: '8 angka' }),
      '</section>',
      '<section class="card"><h2>Bila keluarga tidak ditemui</h2>',
      radioGroup(state, {
        name: 'whyNotMet',
        label: 'Alasan',
        choices: optionsOf(visitNotMet.shape.whyNotMet.options, {
          NOT_HOME: 'Tidak ada di rumah',
          ADDRESS_NOT_FOUND: 'Alamat tidak ditemukan',
          MOVED: 'Keluarga sudah pindah',
          OTHER: 'Lainnya',
        }),
      }),
      '</section>',
      note(state),
    ].join('\n'),
  initialValues: () => ({}),
};

const enrolmentConfirmation: TaskFormRenderer<'ENROLMENT_CONFIRMATION'> = {
  context: ({ agreedPath, targetSchool }) =>
    card(
      `<p>Jalur yang disepakati: <strong>${escapeHtml(RETURN_PATH_LABELS[agreedPath] ?? agreedPath)}</strong>${
        targetSchool ? `, tujuan <strong>${escapeHtml(targetSchool.name)}</strong>` : ''
      }. Konfirmasi bahwa anak sudah terdaftar.</p>`,
    ),
  fields: (state) =>
    [
      textField(state, { name: 'npsn', label: 'NPSN sekolah', inputMode: 'numeric', maxLength: 8, hint: '8 angka' }),
      textField(state, { name: 'schoolName', label: 'Nama sekolah/PKBM', maxLength: 150 }),
      textField(state, { name: 'enrolmentDate', label: 'Tanggal terdaftar', type: 'date', hint: DATE_HINT }),
      textField(state, { name: 'grade', label: 'Kelas', type: 'number', inputMode: 'numeric', hint: 'Angka 1–12' }),
      note(state),
    ].join('\n'),
  initialValues: ({ targetSchool }) => (targetSchool ? { schoolName: targetSchool.name, npsn: targetSchool.npsn } : {}),
};

const decision = taskFormSchemas.COORDINATOR_DECISION.shape;
const coordinatorDecision: TaskFormRenderer<'COORDINATOR_DECISION'> = {
  context: ({ question, visitAttempts }) =>
    card(
      `<p>${question === 'FAMILY_UNWILLING' ? 'Keluarga belum bersedia anak kembali sekolah' : 'Keluarga tidak dapat ditemui'} setelah ${escapeHtml(String(visitAttempts))} kali kunjungan. Tentukan langkah selanjutnya.</p>`,
    ),
  fields: (state) =>
    [
      radioGroup(state, {
        name: 'decision',
        label: 'Keputusan',
        choices: optionsOf(decision.decision.options, { KEEP_TRYING: 'Lanjutkan upaya', CLOSE: 'Tutup kasus' }),
      }),
      selectField(state, {
        name: 'closeReason',
        label: 'Alasan penutupan',
        hint: 'Wajib diisi bila kasus ditutup.',
        optional: true,
        choices: optionsOf(decision.closeReason.unwrap().options, CLOSE_REASON_LABELS),
      }),
      textArea(state, { name: 'note', label: 'Catatan keputusan', hint: 'Minimal 5 karakter.' }),
    ].join('\n'),
  initialValues: () => ({}),
};

const retentionCheck: TaskFormRenderer<'RETENTION_CHECK'> = {
  context: ({ schoolName, npsn, enrolmentDate, rollFinding }) =>
    card(
      `<p>Anak terdaftar di <strong>${escapeHtml(schoolName)}</strong> (NPSN ${escapeHtml(npsn)}) sejak ${escapeHtml(formatDay(enrolmentDate))}, tetapi ${
        rollFinding === 'ROLL_UNAVAILABLE' ? 'Dapodik tidak dapat diperiksa' : 'Dapodik belum mencatatnya'
      }. Tanyakan ke sekolah atau keluarga apakah anak masih bersekolah.</p>`,
    ),
  fields: (state) =>
    [
      radioGroup(state, {
        name: 'attending',
        label: 'Apakah anak masih bersekolah?',
        choices: [['true', 'Ya, anak masih bersekolah'], ['false', 'Tidak, anak sudah tidak bersekolah']],
      }),
      note(state),
    ].join('\n'),
  initialValues: () => ({}),
};

export const TASK_FORM_RENDERERS: { [T in TaskType]: TaskFormRenderer<T> } = {
  DUKCAPIL_CORRECTION: dukcapilCorrection,
  DUKCAPIL_REGISTRATION: dukcapilRegistration,
  DINSOS_REFERRAL: dinsosReferral,
  VISIT_SCHEDULING: visitScheduling,
  VISIT_REPORT: visitReport,
  ENROLMENT_CONFIRMATION: enrolmentConfirmation,
  COORDINATOR_DECISION: coordinatorDecision,
  RETENTION_CHECK: retentionCheck,
};

/** Why the follow-up visit: what Dapodik recorded, or what the officer heard from the school. */
function leftSchoolText(left: LeftSchool): string {
  const school = `<strong>${escapeHtml(left.schoolName)}</strong>`;
  if (left.seenBy === 'OFFICER') return `Anak sudah tidak bersekolah di ${school}, menurut pemeriksaan petugas.`;
  return `Dapodik mencatat anak keluar dari ${school} pada ${escapeHtml(formatDay(left.exitDate))} (jenis keluar: ${escapeHtml(left.exitType)}).`;
}

function shownIdentityValue(field: IdentityField, value: string): string {
  if (field === 'sex') return SEX_LABELS[value as keyof typeof SEX_LABELS] ?? value;
  if (field === 'birthDate') return formatDay(value);
  return value;
}
