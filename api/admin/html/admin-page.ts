import { type Principal, STAFF_ROLE_LABELS, STAFF_ROLES } from '../../../domain/access.js';
import { KECAMATAN, kecamatanName } from '../../../domain/kecamatan.js';
import { MIN_PASSWORD_LENGTH } from '../../../domain/staff.js';
import { AGENCIES, OFFICER_ROLES } from '../../../domain/tasks.js';
import type { FieldError } from '../../../domain/validation.js';
import { areaLabel, csrfField, staffPage } from '../../staff/html/layout.js';
import { checkboxGroup, errorSummary, FormState, optionsOf, selectField, textField } from '../../tasks/html/fields.js';
import { escapeHtml } from '../../tasks/html/layout.js';
import type { FormFields } from '../../tasks/form-data.js';
import type { CaseHealthReport } from '../../health/case-health-service.js';
import type { OfficerView } from '../officers.js';
import type { StaffUserView } from '../staff-users.js';
import type { viewOfApiKey } from '../api-key-admin.js';

type ApiKeyView = ReturnType<typeof viewOfApiKey>;

/** Which form came back with errors, with what was typed, so the admin corrects rather than retypes. */
export interface AdminFormProblem {
  form: 'user' | 'key' | 'officer';
  values: FormFields;
  errors: FieldError[];
}

export interface AdminPageOptions {
  principal: Principal;
  csrfToken: string;
  users: StaffUserView[];
  keys: ApiKeyView[];
  officers: OfficerView[];
  /** What the watchdog found wrong with open cases, with a repair button each. */
  caseHealth: CaseHealthReport;
  problem?: AdminFormProblem;
  /** A confirmation line after an action, e.g. "Pengguna dibuat." */
  notice?: string;
  /** A key just issued: shown this once. */
  issuedKey?: { name: string; key: string };
}

const ROLE_CHOICES = optionsOf(STAFF_ROLES, STAFF_ROLE_LABELS);
const KECAMATAN_CHOICES = KECAMATAN.map((k) => [k.code, k.name] as const);
const AGENCY_CHOICES = AGENCIES.map((a) => [a, a] as const);
const OFFICER_ROLE_LABELS: Record<(typeof OFFICER_ROLES)[number], string> = {
  FIELD_OFFICER: 'Petugas lapangan',
  SUPERVISOR: 'Penyelia',
  COORDINATOR: 'Koordinator',
  HEAD: 'Kepala dinas',
};

export function adminPage(options: AdminPageOptions): string {
  const { csrfToken } = options;
  const stateFor = (form: AdminFormProblem['form']) =>
    options.problem?.form === form ? new FormState(options.problem.values, options.problem.errors) : new FormState({});
  const post = (action: string, label: string, className = 'secondary') =>
    `<form method="post" action="${action}">${csrfField(csrfToken)}<button type="submit" class="${className}">${escapeHtml(label)}</button></form>`;

  const userRows = options.users
    .map((user) => {
      const status = user.disabled ? 'Nonaktif' : user.locked ? 'Terkunci' : 'Aktif';
      const base = `/admin/pengguna/${encodeURIComponent(user.id)}`;
      const actions = [
        user.locked ? post(`${base}/buka-kunci`, 'Buka kunci') : '',
        user.disabled ? post(`${base}/aktifkan`, 'Aktifkan') : user.id === options.principal.id ? '' : post(`${base}/nonaktifkan`, 'Nonaktifkan'),
      ].join('');
      return `<tr><td>${escapeHtml(user.name)}</td><td>${escapeHtml(user.email)}</td><td>${escapeHtml(STAFF_ROLE_LABELS[user.role as keyof typeof STAFF_ROLE_LABELS] ?? user.role)}</td><td>${escapeHtml(areaLabel(user.scope))}</td><td>${status}</td><td><div class="actions">${actions}</div></td></tr>`;
    })
    .join('');

  const keyRows = options.keys
    .map((key) => {
      const actions = key.revokedAt ? '' : post(`/admin/kunci/${encodeURIComponent(key.id)}/cabut`, 'Cabut', 'danger');
      return `<tr><td>${escapeHtml(key.name)}</td><td><code>ats_${escapeHtml(key.prefix)}_…</code></td><td>${escapeHtml(STAFF_ROLE_LABELS[key.role as keyof typeof STAFF_ROLE_LABELS] ?? key.role)}</td><td>${escapeHtml(areaLabel(key.scope))}</td><td>${key.revokedAt ? 'Dicabut' : 'Aktif'}</td><td><div class="actions">${actions}</div></td></tr>`;
    })
    .join('');

  const officerRows = options.officers
    .map((officer) => {
      const action = post(`/admin/petugas/${encodeURIComponent(officer.id)}/${officer.active ? 'nonaktifkan' : 'aktifkan'}`, officer.active ? 'Nonaktifkan' : 'Aktifkan');
      const area = officer.kecamatan ? `${kecamatanName(officer.kecamatan)}${officer.desa ? ` · ${officer.desa}` : ''}` : 'Seluruh Kutai Timur';
      return `<tr><td>${escapeHtml(officer.name)}</td><td>${escapeHtml(officer.email)}</td><td>${escapeHtml(officer.agency)}</td><td>${escapeHtml(OFFICER_ROLE_LABELS[officer.role as keyof typeof OFFICER_ROLE_LABELS] ?? officer.role)}</td><td>${escapeHtml(area)}</td><td class="num">${officer.openTasks}</td><td>${officer.active ? 'Aktif' : 'Nonaktif'}</td><td><div class="actions">${action}</div></td></tr>`;
    })
    .join('');

  const REPAIR_LABELS = { RESET: 'Jalankan kembali', RESTART: 'Mulai ulang dari laporan', REASSIGN: 'Alihkan ke petugas aktif' } as const;
  const violationRows = options.caseHealth.violations
    .map((v) => {
      const action = v.repair ? post(`/admin/kesehatan-kasus/${encodeURIComponent(v.id)}/perbaiki`, REPAIR_LABELS[v.repair]) : 'Perbaiki manual';
      const repaired = v.lastRepair ? `<br><small>Diperbaiki ${escapeHtml(v.lastRepair.at.slice(0, 16).replace('T', ' '))} UTC; menunggu pemeriksaan berikutnya</small>` : '';
      return `<tr><td><a href="/kasus/${encodeURIComponent(v.caseId)}"><code>${escapeHtml(v.caseId)}</code></a>${v.subject ? `<br><small>Tugas ${escapeHtml(v.subject)}</small>` : ''}</td><td>${escapeHtml(v.label)}${repaired}</td><td>${escapeHtml(kecamatanName(v.kecamatan))}</td><td>${escapeHtml(v.firstSeenAt.slice(0, 16).replace('T', ' '))} UTC</td><td><div class="actions">${action}</div></td></tr>`;
    })
    .join('');
  const healthSection = `<section class="card" id="kesehatan-kasus" aria-labelledby="h-kesehatan"><h2 id="h-kesehatan">Kesehatan kasus (${options.caseHealth.cases} kasus bermasalah)</h2>
<p>Pengawas sistem memeriksa setiap jam bahwa setiap kasus terbuka memiliki proses yang berjalan, penanggung jawab dan tenggat berikutnya.</p>
${violationRows ? `<div class="table-wrap"><table><thead><tr><th>Kasus</th><th>Masalah</th><th>Kecamatan</th><th>Pertama terlihat</th><th>Tindakan</th></tr></thead><tbody>${violationRows}</tbody></table></div>` : '<p>Tidak ada masalah.</p>'}</section>`;

  const userForm = stateFor('user');
  const userFields = [
    textField(userForm, { name: 'name', label: 'Nama lengkap' }),
    textField(userForm, { name: 'email', label: 'Email dinas' }),
    selectField(userForm, { name: 'role', label: 'Peran', choices: ROLE_CHOICES }),
    checkboxGroup(userForm, { name: 'scope', label: 'Wilayah', hint: 'Kosongkan untuk seluruh Kutai Timur.', choices: KECAMATAN_CHOICES }),
    passwordField(userForm),
  ].join('');
  const keyForm = stateFor('key');
  const keyFields = [
    textField(keyForm, { name: 'name', label: 'Dipakai oleh', hint: 'Misalnya nama sistem atau instansi yang memakai kunci ini.' }),
    selectField(keyForm, { name: 'role', label: 'Peran', choices: ROLE_CHOICES }),
    checkboxGroup(keyForm, { name: 'scope', label: 'Wilayah', hint: 'Kosongkan untuk seluruh Kutai Timur.', choices: KECAMATAN_CHOICES }),
  ].join('');
  const officerForm = stateFor('officer');
  const officerFields = [
    textField(officerForm, { name: 'name', label: 'Nama lengkap' }),
    textField(officerForm, { name: 'email', label: 'Email' }),
    textField(officerForm, { name: 'phone', label: 'Nomor HP', optional: true, inputMode: 'numeric' }),
    selectField(officerForm, { name: 'agency', label: 'Instansi', choices: AGENCY_CHOICES }),
    selectField(officerForm, { name: 'role', label: 'Peran petugas', choices: optionsOf(OFFICER_ROLES, OFFICER_ROLE_LABELS) }),
    selectField(officerForm, { name: 'kecamatan', label: 'Kecamatan', optional: true, hint: 'Kosongkan untuk seluruh Kutai Timur.', choices: KECAMATAN_CHOICES }),
    textField(officerForm, { name: 'desa', label: 'Desa', optional: true }),
  ].join('');

  const body = `${options.notice ? `<div class="card ok" role="status"><p>${escapeHtml(options.notice)}</p></div>` : ''}
${options.issuedKey ? `<div class="card notice" role="status"><h2>Kunci API baru untuk ${escapeHtml(options.issuedKey.name)}</h2><p>Simpan kunci ini sekarang: kunci tidak ditampilkan lagi.</p><p><code id="kunci-baru">${escapeHtml(options.issuedKey.key)}</code></p></div>` : ''}
${healthSection}
<section class="card" aria-labelledby="h-pengguna"><h2 id="h-pengguna">Pengguna staf</h2>
<div class="table-wrap"><table><thead><tr><th>Nama</th><th>Email</th><th>Peran</th><th>Wilayah</th><th>Status</th><th>Tindakan</th></tr></thead><tbody>${userRows}</tbody></table></div></section>
<div class="grid">
<form method="post" action="/admin/pengguna" class="card" aria-labelledby="h-pengguna-baru"><h2 id="h-pengguna-baru">Tambah pengguna</h2>${errorSummary(userForm, 'Pengguna belum dibuat')}${csrfField(csrfToken)}${userFields}<button type="submit">Buat pengguna</button></form>
<form method="post" action="/admin/kunci" class="card" aria-labelledby="h-kunci-baru"><h2 id="h-kunci-baru">Terbitkan kunci API</h2>${errorSummary(keyForm, 'Kunci belum diterbitkan')}${csrfField(csrfToken)}${keyFields}<button type="submit">Terbitkan kunci</button></form>
</div>
<section class="card" aria-labelledby="h-kunci"><h2 id="h-kunci">Kunci API</h2>
<div class="table-wrap"><table><thead><tr><th>Dipakai oleh</th><th>Awal kunci</th><th>Peran</th><th>Wilayah</th><th>Status</th><th>Tindakan</th></tr></thead><tbody>${keyRows}</tbody></table></div></section>
<section class="card" aria-labelledby="h-petugas"><h2 id="h-petugas">Direktori petugas</h2>
<div class="table-wrap"><table><thead><tr><th>Nama</th><th>Email</th><th>Instansi</th><th>Peran</th><th>Wilayah</th><th class="num">Tugas terbuka</th><th>Status</th><th>Tindakan</th></tr></thead><tbody>${officerRows}</tbody></table></div></section>
<form method="post" action="/admin/petugas" class="card" style="max-width:40rem" aria-labelledby="h-petugas-baru"><h2 id="h-petugas-baru">Tambah petugas</h2>${errorSummary(officerForm, 'Petugas belum ditambahkan')}${csrfField(csrfToken)}${officerFields}<button type="submit">Tambah petugas</button></form>`;
  return staffPage({ title: 'Admin', principal: options.principal, csrfToken, body, active: '/admin' });
}

/** A password is never echoed back into the page, even when the form returns with errors. */
function passwordField(state: FormState): string {
  const error = state.errorFor('password', { targetId: 'f-password', label: 'Kata sandi awal' });
  return `<div class="field${error ? ' has-error' : ''}"><label for="f-password">Kata sandi awal</label><p class="hint" id="f-password-hint">Minimal ${MIN_PASSWORD_LENGTH} karakter. Sampaikan kepada pengguna secara langsung; pengguna dapat menggantinya di halaman Akun.</p>${error ? `<p class="error" id="f-password-error">${escapeHtml(error)}</p>` : ''}<input type="password" id="f-password" name="password" autocomplete="new-password"${error ? ' aria-invalid="true" aria-describedby="f-password-hint f-password-error"' : ' aria-describedby="f-password-hint"'}></div>`;
}
