import { may, type Principal } from '../../../domain/access.js';
import { KECAMATAN } from '../../../domain/kecamatan.js';
import {
  CANDIDATE_REASON_LABELS,
  CANDIDATE_STATUS_LABELS,
  DISMISS_REASON_LABELS,
  DISMISS_REASONS,
  type KecamatanCountField,
} from '../../../domain/reconciliation.js';
import type { FieldError } from '../../../domain/validation.js';
import { MISMATCH_RESOLUTION_LABELS, MISMATCH_RESOLUTIONS, type MismatchReport } from '../../reports/data-mismatch.js';
import { areaLabel, csrfField, staffPage } from '../../staff/html/layout.js';
import { escapeHtml, formatDay } from '../../tasks/html/layout.js';
import type { CandidateView, OutreachProgress, RunDetail, RunSummary } from '../schemas.js';

export interface ReconciliationPageOptions {
  principal: Principal;
  csrfToken: string;
  /** The run shown in detail: the one asked for, else the latest. */
  run?: RunDetail;
  runs: RunSummary[];
  candidates: { items: CandidateView[]; total: number };
  kecamatan?: string;
  mismatch: MismatchReport;
  outreach: OutreachProgress;
  /** What the last decision did, shown once after the redirect. */
  notice?: string;
  /** A decision the page refused, with the candidate it was about. */
  refused?: { candidateId: string; errors: FieldError[] };
}

const COLUMNS: { field: KecamatanCountField; label: string }[] = [
  { field: 'residents', label: 'Anak usia sekolah' },
  { field: 'enrolled', label: 'Bersekolah' },
  { field: 'notOnRoll', label: 'Tidak di Dapodik' },
  { field: 'leftSchool', label: 'Keluar sekolah' },
  { field: 'alreadyInCase', label: 'Sudah ada kasus' },
  { field: 'alreadyRaised', label: 'Masih ditinjau' },
  { field: 'dismissed', label: 'Diabaikan' },
  { field: 'newCandidates', label: 'Kandidat baru' },
  { field: 'casesStarted', label: 'Kasus dibuka otomatis' },
  { field: 'atRiskHouseholds', label: 'Keluarga miskin untuk kunjungan pencegahan' },
  { field: 'registryErrors', label: 'Galat registri' },
];

const RUN_STATUS_LABELS: Record<RunSummary['status'], string> = { RUNNING: 'Berjalan', COMPLETED: 'Selesai', PARTIAL: 'Selesai sebagian' };
const RESULT_STATUS_LABELS: Record<RunDetail['results'][number]['status'], string> = {
  RUNNING: 'Berjalan',
  COMPLETED: 'Selesai',
  REGISTRY_ERROR: 'Registri tidak menjawab',
};
const dateTime = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Makassar' });
const when = (iso: string | null) => (iso ? `${dateTime.format(new Date(iso))} WITA` : '—');

/** /rekonsiliasi: the last runs, what they found per kecamatan, the children waiting for a decision, and the data mismatch report. */
export function reconciliationPage(options: ReconciliationPageOptions): string {
  const body = [
    options.notice ? `<div class="card ok" role="status"><p>${escapeHtml(options.notice)}</p></div>` : '',
    runSection(options),
    candidateSection(options),
    outreachSection(options.outreach),
    mismatchSection(options.mismatch),
    runListSection(options.runs),
  ].join('\n');
  return staffPage({ title: 'Rekonsiliasi data', principal: options.principal, csrfToken: options.csrfToken, body, active: '/rekonsiliasi' });
}

function runSection({ run, principal }: ReconciliationPageOptions): string {
  if (!run) {
    return '<section class="card" aria-labelledby="run-title"><h2 id="run-title">Rekonsiliasi terakhir</h2><p>Belum ada rekonsiliasi. Jadwal malam menjalankannya pukul 02.30 WITA.</p></section>';
  }
  const header = COLUMNS.map((c) => `<th scope="col" class="num">${escapeHtml(c.label)}</th>`).join('');
  const rows = run.results
    .map(
      (r) =>
        `<tr><th scope="row">${escapeHtml(r.kecamatanName)}</th><td>${escapeHtml(RESULT_STATUS_LABELS[r.status])}${r.error ? `<br><span class="muted">${escapeHtml(r.error)}</span>` : ''}</td>${COLUMNS.map((c) => `<td class="num">${r[c.field]}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const totals = `<tr><th scope="row">Jumlah</th><td></td>${COLUMNS.map((c) => `<td class="num"><strong>${run.totals[c.field]}</strong></td>`).join('')}</tr>`;
  return `<section class="card" aria-labelledby="run-title">
<h2 id="run-title">Rekonsiliasi ${escapeHtml(when(run.startedAt))}</h2>
<p>${escapeHtml(RUN_STATUS_LABELS[run.status])} · ${run.trigger === 'SCHEDULE' ? 'terjadwal' : 'dijalankan manual'} · ${run.autoStart ? 'kasus dibuka otomatis' : 'kandidat ditinjau koordinator'} · selesai ${escapeHtml(when(run.finishedAt))} · wilayah: ${escapeHtml(areaLabel(principal.scope))}</p>
<div class="table-wrap"><table id="run-results">
<thead><tr><th scope="col">Kecamatan</th><th scope="col">Status</th>${header}</tr></thead>
<tbody>${rows}</tbody>
<tfoot>${totals}</tfoot>
</table></div>
</section>`;
}

function candidateSection(options: ReconciliationPageOptions): string {
  const { candidates, principal, kecamatan } = options;
  const mayAct = may(principal.role, 'cases.act');
  const choices = KECAMATAN.filter((k) => principal.scope.length === 0 || principal.scope.includes(k.code))
    .map((k) => `<option value="${k.code}"${k.code === kecamatan ? ' selected' : ''}>${escapeHtml(k.name)}</option>`)
    .join('');
  const filter = `<form method="get" action="/rekonsiliasi" class="filters">
<div class="field"><label for="kecamatan">Kecamatan</label><select id="kecamatan" name="kecamatan"><option value="">Semua di wilayah Anda</option>${choices}</select></div>
<div class="field"><button type="submit" class="secondary">Tampilkan</button></div>
</form>`;
  const rows = candidates.items.map((candidate) => candidateRow(candidate, mayAct, options)).join('\n');
  const list = candidates.items.length
    ? `<div class="table-wrap"><table id="candidates">
<thead><tr><th scope="col">Anak</th><th scope="col">Desa</th><th scope="col">Temuan</th><th scope="col">Batas waktu</th><th scope="col">Keputusan</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : '<p>Tidak ada anak yang menunggu keputusan.</p>';
  const more = candidates.total > candidates.items.length ? `<p class="muted">Menampilkan ${candidates.items.length} dari ${candidates.total} anak.</p>` : '';
  return `<section class="card" aria-labelledby="candidates-title">
<h2 id="candidates-title">Menunggu keputusan: <span id="candidates-waiting">${candidates.total}</span> anak</h2>
<p class="muted">Anak usia sekolah di data Disdukcapil yang tidak tercatat bersekolah di Dapodik dan belum memiliki kasus.</p>
${filter}
${list}
${more}
</section>`;
}

function candidateRow(candidate: CandidateView, mayAct: boolean, options: ReconciliationPageOptions): string {
  const last = candidate.lastSchool;
  const finding = `${escapeHtml(CANDIDATE_REASON_LABELS[candidate.reason])}${
    last ? `<br><span class="muted">${escapeHtml(last.schoolName)}, kelas ${last.grade}${last.exitDate ? `, keluar ${escapeHtml(formatDay(last.exitDate))}` : ''}</span>` : ''
  }`;
  const errors = options.refused?.candidateId === candidate.id ? options.refused.errors : [];
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const action = `/rekonsiliasi/kandidat/${candidate.id}/keputusan`;
  const reasonOptions = DISMISS_REASONS.map((r) => `<option value="${r}">${escapeHtml(DISMISS_REASON_LABELS[r])}</option>`).join('');
  const decide = mayAct
    ? `<form method="post" action="${action}" style="margin-bottom:.5rem">${csrfField(options.csrfToken)}<input type="hidden" name="decision" value="START_CASE"><button type="submit">Buka kasus</button></form>
<form method="post" action="${action}">${csrfField(options.csrfToken)}<input type="hidden" name="decision" value="DISMISS">
<div class="field${errorOf('reason') ? ' has-error' : ''}"><label for="reason-${candidate.id}">Alasan mengabaikan</label>${errorOf('reason') ? `<p class="error">${escapeHtml(errorOf('reason')!)}</p>` : ''}<select id="reason-${candidate.id}" name="reason"><option value="">Pilih alasan</option>${reasonOptions}</select></div>
<div class="field${errorOf('note') ? ' has-error' : ''}"><label for="note-${candidate.id}">Catatan</label>${errorOf('note') ? `<p class="error">${escapeHtml(errorOf('note')!)}</p>` : ''}<input type="text" id="note-${candidate.id}" name="note" maxlength="1000"></div>
<button type="submit" class="secondary">Abaikan</button></form>`
    : `<span class="badge">${escapeHtml(CANDIDATE_STATUS_LABELS[candidate.status])}</span>`;
  return `<tr data-candidate="${candidate.id}"><td><strong>${escapeHtml(candidate.child.fullName)}</strong><br><span class="muted">NIK ${escapeHtml(candidate.child.nik)} · ${escapeHtml(formatDay(candidate.child.birthDate))} · ${candidate.child.sex}</span></td>
<td>${escapeHtml(candidate.desa)}<br><span class="muted">${escapeHtml(candidate.kecamatanName)}</span></td><td>${finding}</td><td>${deadlineCell(candidate)}</td><td>${decide}</td></tr>`;
}

/** When the decision is due and who has been told it is waiting: the coordinator's reminders, the head's escalations. */
function deadlineCell(candidate: CandidateView): string {
  if (!candidate.dueAt) return '—';
  const told = [
    candidate.remindersSent > 0 ? `${candidate.remindersSent}× diingatkan` : '',
    candidate.escalationLevel > 0 ? `${candidate.escalationLevel}× dieskalasi ke kepala dinas` : '',
  ].filter(Boolean);
  return `${escapeHtml(when(candidate.dueAt))}${candidate.overdue ? '<br><span class="overdue">Terlambat</span>' : ''}${
    told.length ? `<br><span class="muted">${escapeHtml(told.join(', '))}</span>` : ''
  }`;
}

function outreachSection(outreach: OutreachProgress): string {
  const intro = '<p class="muted">Keluarga miskin (desil Dinsos) dengan anak yang masih bersekolah, yang dikunjungi petugas desa agar anak tidak putus sekolah.</p>';
  if (outreach.items.length === 0) {
    return `<section class="card" aria-labelledby="outreach-title"><h2 id="outreach-title">Kunjungan pencegahan</h2>${intro}<p>Belum ada keluarga yang ditandai untuk dikunjungi.</p></section>`;
  }
  const rows = outreach.items
    .map((k) => `<tr><th scope="row">${escapeHtml(k.kecamatanName)}</th><td class="num">${k.open}</td><td class="num">${k.done}</td></tr>`)
    .join('');
  return `<section class="card" aria-labelledby="outreach-title">
<h2 id="outreach-title">Kunjungan pencegahan</h2>
${intro}
<div class="table-wrap"><table id="outreach-progress">
<thead><tr><th scope="col">Kecamatan</th><th scope="col" class="num">Menunggu kunjungan</th><th scope="col" class="num">Sudah dikunjungi</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><th scope="row">Jumlah</th><td class="num"><strong>${outreach.totals.open}</strong></td><td class="num"><strong>${outreach.totals.done}</strong></td></tr></tfoot>
</table></div>
</section>`;
}

function mismatchSection(report: MismatchReport): string {
  const head = MISMATCH_RESOLUTIONS.map((r) => `<th scope="col" class="num">${escapeHtml(MISMATCH_RESOLUTION_LABELS[r])}</th>`).join('');
  const fieldRows = report.byField
    .map((f) => `<tr><th scope="row">${escapeHtml(f.label)}</th><td class="num">${f.differences}</td>${MISMATCH_RESOLUTIONS.map((r) => `<td class="num">${f.byResolution[r]}</td>`).join('')}</tr>`)
    .join('');
  const placeRows = report.byKecamatan
    .map(
      (k) =>
        `<tr><th scope="row">${escapeHtml(k.kecamatanName)}</th><td class="num">${k.cases}</td><td class="num">${k.differences}</td>${report.byField.map((f) => `<td class="num">${k.byField[f.field]}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<section class="card" aria-labelledby="mismatch-title">
<h2 id="mismatch-title">Ketidaksesuaian data laporan dan Disdukcapil</h2>
<p>${report.totals.cases} kasus, ${report.totals.differences} isian berbeda antara laporan lapangan dan data Disdukcapil.</p>
<div class="table-wrap"><table id="mismatch-by-field"><caption class="muted">Menurut isian dan penyelesaian</caption>
<thead><tr><th scope="col">Isian</th><th scope="col" class="num">Berbeda</th>${head}</tr></thead><tbody>${fieldRows}</tbody></table></div>
${
  report.byKecamatan.length
    ? `<div class="table-wrap"><table id="mismatch-by-kecamatan"><caption class="muted">Menurut kecamatan</caption>
<thead><tr><th scope="col">Kecamatan</th><th scope="col" class="num">Kasus</th><th scope="col" class="num">Berbeda</th>${report.byField.map((f) => `<th scope="col" class="num">${escapeHtml(f.label)}</th>`).join('')}</tr></thead><tbody>${placeRows}</tbody></table></div>`
    : ''
}
</section>`;
}

function runListSection(runs: RunSummary[]): string {
  if (runs.length === 0) return '';
  const rows = runs
    .map(
      (run) =>
        `<tr><td><a href="/rekonsiliasi?run=${encodeURIComponent(run.id)}">${escapeHtml(when(run.startedAt))}</a></td><td>${escapeHtml(RUN_STATUS_LABELS[run.status])}</td><td class="num">${run.totals.residents}</td><td class="num">${run.totals.newCandidates}</td><td class="num">${run.totals.registryErrors}</td></tr>`,
    )
    .join('');
  return `<section class="card" aria-labelledby="runs-title"><h2 id="runs-title">Rekonsiliasi sebelumnya</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">Mulai</th><th scope="col">Status</th><th scope="col" class="num">Anak usia sekolah</th><th scope="col" class="num">Kandidat baru</th><th scope="col" class="num">Galat registri</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}
