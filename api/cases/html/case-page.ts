import { systemFaultLabel } from '../../../domain/case-health.js';
import { CASE_NOTE_MAX_LENGTH, CLOSE_REASON_LABELS, CLOSE_REASONS, ROLL_FINDING_LABELS } from '../../../domain/case.js';
import { ATS_CATEGORY_LABELS, REPORT_SOURCE_LABELS } from '../../../domain/intake.js';
import { RETURN_PATH_LABELS, TASK_TITLES } from '../../../domain/tasks.js';
import { csrfField } from '../../staff/html/layout.js';
import { escapeHtml } from '../../tasks/html/layout.js';
import type { TimelineEntry } from '../case-timeline.js';
import type { CaseDetail } from '../schemas.js';
import { longDay, shortDateTime } from './format.js';
import { formProblem, hasErrors, selectField, textAreaField, type FormValues } from './form-fields.js';

export interface Candidate {
  id: string;
  name: string;
  role: string;
}

export interface OpenTaskRow {
  task: CaseDetail['tasks'][number];
  /** Officers the task may be handed to (its assignee left out). */
  candidates: Candidate[];
  form: FormValues;
}

export interface CasePageInput {
  detail: CaseDetail;
  timeline: TimelineEntry[];
  openTasks: OpenTaskRow[];
  /** Whether the viewer may act on the case (cases.act); without it the page only reads. */
  canAct: boolean;
  csrfToken: string;
  noteForm: FormValues;
  closeForm: FormValues;
  /** What the last action did, after the redirect back to this page. */
  confirmation?: string;
  /** Why the last action was refused when no field is to blame (the case closed meanwhile). */
  problem?: string;
  /** A nonce for the page's forms: a double click sends the same one, and the case takes the action once. */
  submissionId: string;
  now: Date;
}

export const CASE_PAGE_STYLE = `<style>
.case-layout{display:grid;gap:0 1rem;grid-template-columns:minmax(0,1fr)}
@media (min-width:64rem){.case-layout{grid-template-columns:minmax(0,3fr) minmax(0,2fr)}}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}
.facts dt{font-weight:600;color:#374151}.facts dd{margin:0}
.timeline{list-style:none;margin:0;padding:0}
.timeline li{border-left:3px solid #0b4f6c;padding:.2rem 0 .8rem .8rem;margin-left:.3rem}
.timeline time{display:block;font-size:.9rem;color:#374151}
.timeline blockquote{margin:.3rem 0;padding:.4rem .6rem;background:#f3f4f6;border-left:3px solid #9ca3af;white-space:pre-wrap}
details{margin-top:.5rem}summary{cursor:pointer;font-weight:700;color:#0b4f6c;min-height:2.75rem;display:flex;align-items:center}
.task{border-top:1px solid #e5e7eb;padding:.75rem 0}.task:first-of-type{border-top:0}
.task-head{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline}
.task-head strong{font-size:1.05rem}
</style>`;

/** One child's case for a coordinator: who the child is, where the case stands, what is open, what happened. */
export function casePageBody(input: CasePageInput): string {
  const { detail } = input;
  const closed = detail.stage === 'CLOSED';
  const confirmation = input.confirmation
    ? `<div class="card ok" role="status"><p><strong>${escapeHtml(input.confirmation)}</strong></p></div>`
    : '';
  const problem = input.problem
    ? `<div class="card summary" role="alert"><p><strong>${escapeHtml(input.problem)}</strong></p></div>`
    : '';
  return `${CASE_PAGE_STYLE}
<p><a href="/kasus">← Daftar kasus</a></p>
${confirmation}${problem}
<div class="case-layout">
<div>
${childCard(detail)}
${caseCard(detail)}
${tasksCard(input, closed)}
${input.canAct && !closed ? actionsCard(input) : ''}
</div>
<div>${timelineCard(input.timeline)}</div>
</div>`;
}

function facts(rows: (readonly [string, string | undefined])[]): string {
  return `<dl class="facts">${rows
    .filter((row): row is readonly [string, string] => row[1] !== undefined && row[1] !== '')
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${value}</dd>`)
    .join('')}</dl>`;
}

function childCard(detail: CaseDetail): string {
  const child = detail.child;
  if (!child) return `<section class="card"><h2>Data anak</h2><p class="muted">Data anak belum tercatat.</p></section>`;
  return `<section class="card" aria-labelledby="child-heading"><h2 id="child-heading">${escapeHtml(child.fullName)}</h2>${facts([
    ['NIK', child.nik ? escapeHtml(child.nik) : '<span class="muted">Belum ada</span>'],
    ['Nomor KK', child.noKk ? escapeHtml(child.noKk) : '<span class="muted">Belum ada</span>'],
    ['Tanggal lahir', escapeHtml(longDay(child.birthDate))],
    ['Jenis kelamin', child.sex === 'P' ? 'Perempuan' : 'Laki-laki'],
    ['Alamat', escapeHtml(child.address)],
    ['Desa', escapeHtml(child.desa)],
    ['Kecamatan', escapeHtml(detail.kecamatanName)],
  ])}</section>`;
}

const IDENTITY_LABELS: Record<string, string> = {
  UNVERIFIED: 'Belum diverifikasi', CONFIRMED: 'Sesuai data Dukcapil', CORRECTED: 'Diperbaiki sesuai Dukcapil', REGISTERED: 'Baru didaftarkan di Dukcapil',
};

function caseCard(detail: CaseDetail): string {
  const welfare = detail.welfare
    ? detail.welfare.status === 'REGISTERED'
      ? `Terdaftar DTSEN, desil ${detail.welfare.decile ?? '?'}${detail.welfare.pipCandidate ? ' · calon penerima PIP/KIP' : ''}`
      : detail.welfare.status === 'NOT_REGISTERED' ? 'Tidak terdaftar DTSEN' : 'Tidak dapat diperiksa'
    : undefined;
  const school = detail.enrolment
    ? `${escapeHtml(detail.enrolment.schoolName)} (NPSN ${escapeHtml(detail.enrolment.npsn)}), kelas ${detail.enrolment.grade}`
    : undefined;
  const outcome = detail.outcome === 'RETAINED'
    ? `Tetap bersekolah setelah pemantauan${school ? `: ${school}` : ''}`
    : detail.outcome === 'ENROLLED'
      ? `Kembali bersekolah${school ? `: ${school}` : ''}`
      : detail.outcome === 'CLOSED' ? `Ditutup: ${escapeHtml(detail.closeReason ? CLOSE_REASON_LABELS[detail.closeReason] : '')}` : undefined;
  const waiting = detail.waitingFor ? waitingNotice(detail.waitingFor) : '';
  return `<section class="card" aria-labelledby="case-heading"><h2 id="case-heading">Kasus</h2>${waiting}${facts([
    ['Tahap', `<span class="badge">${escapeHtml(detail.stageLabel)}</span>${detail.overdue ? ' <span class="overdue">Terlambat</span>' : ''}`],
    ['Kategori', escapeHtml(ATS_CATEGORY_LABELS[detail.category])],
    ['Dilaporkan', escapeHtml(shortDateTime(detail.openedAt))],
    ['Jumlah laporan', `${detail.reportCount}${detail.sources ? ` (${detail.sources.map((s) => escapeHtml(REPORT_SOURCE_LABELS[s.channel])).join(', ')})` : ''}`],
    ['Data kependudukan', detail.identityStatus ? IDENTITY_LABELS[detail.identityStatus] : undefined],
    ['Kesejahteraan', welfare],
    ['Kunjungan rumah', detail.visitAttempts !== undefined && detail.visitAttempts > 0 ? `${detail.visitAttempts} kali` : undefined],
    ['Jalur kembali sekolah', detail.agreedPath ? escapeHtml(RETURN_PATH_LABELS[detail.agreedPath]) : undefined],
    ['Sekolah', !detail.outcome && school ? school : undefined],
    ['Pemantauan Dapodik', detail.monitoring && !detail.outcome ? monitoringText(detail.monitoring) : undefined],
    ['Hasil', outcome],
    ['Selesai', detail.closedAt ? escapeHtml(shortDateTime(detail.closedAt)) : undefined],
    ['Nomor kasus', `<code>${escapeHtml(detail.caseId)}</code>`],
  ])}${detail.live ? '' : '<p class="muted">Ditampilkan dari salinan basis data; proses kasus tidak dapat dihubungi saat ini atau sudah selesai.</p>'}</section>`;
}

const REGISTRY_NAMES = { DUKCAPIL: 'Dukcapil', DINSOS: 'Dinsos', DAPODIK: 'Dapodik' } as const;

function waitingNotice(waitingFor: NonNullable<CaseDetail['waitingFor']>): string {
  const when = `sejak ${escapeHtml(shortDateTime(waitingFor.since))}; dicoba lagi ${escapeHtml(shortDateTime(waitingFor.nextAttemptAt))}`;
  const what = waitingFor.registry === 'SYSTEM'
    ? `Tertahan oleh gangguan sistem (${escapeHtml(systemFaultLabel(waitingFor.reason ?? 'Unknown'))})`
    : `Menunggu layanan ${REGISTRY_NAMES[waitingFor.registry]}`;
  return `<p class="notice card">${what} ${when}.</p>`;
}

/** Each look at the school roll: what it found, or when it is due. */
function monitoringText(monitoring: NonNullable<CaseDetail['monitoring']>): string {
  return `<ol>${monitoring.checks
    .map((check) =>
      check.finding
        ? `<li>${escapeHtml(shortDateTime(check.checkedAt ?? check.dueAt))}: ${escapeHtml(ROLL_FINDING_LABELS[check.finding])}</li>`
        : `<li>${escapeHtml(shortDateTime(check.dueAt))}: dijadwalkan</li>`,
    )
    .join('')}</ol>`;
}

function tasksCard(input: CasePageInput, closed: boolean): string {
  if (input.openTasks.length === 0) {
    return `<section class="card"><h2>Tugas terbuka</h2><p class="muted">${closed ? 'Kasus sudah selesai; tidak ada tugas terbuka.' : 'Tidak ada tugas terbuka saat ini.'}</p></section>`;
  }
  const items = input.openTasks.map((row) => taskItem(input, row)).join('');
  return `<section class="card" aria-labelledby="tasks-heading"><h2 id="tasks-heading">Tugas terbuka</h2>${items}</section>`;
}

function taskItem(input: CasePageInput, { task, candidates, form }: OpenTaskRow): string {
  const overdue = task.overdue || Date.parse(task.dueAt) < input.now.getTime();
  const escalated = task.escalationLevel > 0 ? ` · dieskalasi tingkat ${task.escalationLevel}` : '';
  const head = `<div class="task-head"><strong>${escapeHtml(TASK_TITLES[task.type])}</strong>${overdue ? '<span class="overdue">Terlambat</span>' : ''}</div>
<p>Petugas: <strong data-assignee>${escapeHtml(task.assignee.name)}</strong><br>Batas waktu: ${escapeHtml(shortDateTime(task.dueAt))}${escalated}</p>`;
  if (!input.canAct) return `<div class="task" id="task-${escapeHtml(task.taskId)}">${head}</div>`;
  const choices = candidates.map((c) => [c.id, c.role === 'SUPERVISOR' ? `${c.name} (penyelia)` : c.name] as const);
  const reassign = candidates.length === 0
    ? '<p class="muted">Tidak ada petugas lain yang dapat menerima tugas ini.</p>'
    : `<details${hasErrors(form) ? ' open' : ''}><summary>Alihkan tugas ini</summary>
<form method="post" action="/kasus/${encodeURIComponent(input.detail.caseId)}/tugas/${encodeURIComponent(task.taskId)}/alihkan" novalidate>
${csrfField(input.csrfToken)}${submission(input)}${formProblem(form)}
${selectField(form, { name: 'officerId', label: 'Petugas baru', choices })}
${textAreaField(form, { name: 'reason', label: 'Alasan pengalihan', hint: 'Dicatat dalam riwayat kasus dan dikirim kepada petugas (5–500 karakter).', maxLength: 500 })}
<button type="submit">Alihkan tugas</button>
</form></details>`;
  return `<div class="task" id="task-${escapeHtml(task.taskId)}">${head}${reassign}</div>`;
}

function actionsCard(input: CasePageInput): string {
  const caseId = encodeURIComponent(input.detail.caseId);
  const reasons = CLOSE_REASONS.map((reason) => [reason, CLOSE_REASON_LABELS[reason]] as const);
  return `<section class="card" aria-labelledby="actions-heading"><h2 id="actions-heading">Tindakan koordinator</h2>
<form method="post" action="/kasus/${caseId}/catatan" novalidate id="note-form">
${csrfField(input.csrfToken)}${submission(input)}${formProblem(input.noteForm)}
${textAreaField(input.noteForm, { name: 'note', label: 'Tambah catatan', hint: 'Catatan masuk ke riwayat kasus dan tidak dapat dihapus.', maxLength: CASE_NOTE_MAX_LENGTH })}
<button type="submit">Simpan catatan</button>
</form>
<details${hasErrors(input.closeForm) ? ' open' : ''}><summary>Tutup kasus</summary>
<p class="muted">Menutup kasus menghentikan semua tugas yang masih terbuka; petugas diberi tahu lewat surel.</p>
<form method="post" action="/kasus/${caseId}/tutup" novalidate>
${csrfField(input.csrfToken)}${submission(input)}${formProblem(input.closeForm)}
${selectField(input.closeForm, { name: 'reason', label: 'Alasan penutupan', choices: reasons })}
${textAreaField(input.closeForm, { name: 'note', label: 'Keterangan', hint: 'Dicatat dalam riwayat kasus (5–1000 karakter).', maxLength: 1000 })}
<button type="submit" class="danger">Tutup kasus</button>
</form></details>
</section>`;
}

/** The page's nonce in every form: the same form sent twice (a double click) reaches the case once. */
function submission(input: CasePageInput): string {
  return `<input type="hidden" name="submissionId" value="${escapeHtml(input.submissionId)}">`;
}

function timelineCard(timeline: TimelineEntry[]): string {
  const items = timeline
    .map((entry) => `<li><time datetime="${escapeHtml(entry.occurredAt)}">${escapeHtml(shortDateTime(entry.occurredAt))}</time>${escapeHtml(entry.text)}${
      entry.quote ? `<blockquote>${escapeHtml(entry.quote)}</blockquote>` : ''
    }<div class="muted">oleh ${escapeHtml(entry.actor.name)}</div></li>`)
    .join('');
  return `<section class="card" aria-labelledby="timeline-heading"><h2 id="timeline-heading">Riwayat kasus</h2>${
    timeline.length === 0 ? '<p class="muted">Belum ada peristiwa tercatat.</p>' : `<p class="muted">Terbaru di atas.</p><ol class="timeline">${items}</ol>`
  }</section>`;
}
