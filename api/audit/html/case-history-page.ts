import { CASE_ACCESS_ACTION_LABELS, type CaseAccessAction } from '../../../domain/case-access.js';
import { formatWita, HISTORY_CHANNEL_LABELS, type HistoryEntry } from '../../../domain/case-history.js';
import { CLOSE_REASON_LABELS, type CloseReason } from '../../../domain/case.js';
import type { CaseAccessEntry } from '../../../infra/case-access-log.js';
import type { ReplayVerdict } from '../../../infra/workflow-replay.js';
import { escapeHtml } from '../../html/document.js';
import type { CaseStateBody, ChainVerdictBody } from '../schemas.js';

export interface CaseHistoryPageData {
  caseId: string;
  runs: { runId: string; startedAt: string; status: string }[];
  entries: HistoryEntry[];
  state?: CaseStateBody;
  chain: ChainVerdictBody;
  /** Present once the auditor asked for a replay on this page. */
  replay?: { runId: string; verdict: ReplayVerdict }[] | 'BUSY';
  accessLog: CaseAccessEntry[];
  /** Names of the staff users and API keys in the access log, for display (the log itself keeps ids only). */
  principalNames?: ReadonlyMap<string, string>;
}

/** Wide tables of an auditor's desk, beside the shared layout's styles. */
const STYLE = `<style>
.audit table{font-size:.9rem}
.audit td.when{white-space:nowrap}
.audit tr.current td{background:#fef3c7}
.audit tr.workflow td{color:#374151}
.audit details pre{white-space:pre-wrap;word-break:break-all;font-size:.75rem;max-height:24rem;overflow:auto;background:#f9fafb;padding:.5rem}
.audit .stepper{display:flex;gap:1rem;justify-content:space-between;margin:.5rem 0 1rem}
.audit dl{margin:0 0 1rem;display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}.audit dt{font-weight:600}.audit dd{margin:0}
.audit .verdict-ok{color:#047857;font-weight:700}.audit .verdict-bad{color:#b91c1c;font-weight:700}
.audit a.button{display:inline-block;padding:.5rem .9rem;border:2px solid #0b4f6c;border-radius:.375rem;font-weight:700;text-decoration:none}
</style>`;

/**
 * The auditor's page of one case: the state at the chosen point with previous/next links (plain
 * links, no script), the integrity checks, the signed export, the whole history with its raw JSON,
 * and who looked at the case.
 */
export function caseHistoryPageBody(data: CaseHistoryPageData): string {
  const base = `/audit/kasus/${encodeURIComponent(data.caseId)}`;
  return `${STYLE}
<div class="audit">
${stateSection(data, base)}
${checksSection(data, base)}
${historySection(data, base)}
${accessSection(data)}
</div>`;
}

function stateSection(data: CaseHistoryPageData, base: string): string {
  const state = data.state;
  if (!state) return '<section class="card" id="keadaan"><h2>Keadaan kasus</h2><p>Kasus ini belum memiliki peristiwa di log audit.</p></section>';
  const link = (sequence: number | null, label: string, rel: string) =>
    sequence === null ? `<span>${label}</span>` : `<a rel="${rel}" href="${base}?afterSequence=${sequence}#keadaan">${label}</a>`;
  const tasks = state.openTasks.length === 0
    ? '<p>Tidak ada tugas terbuka.</p>'
    : `<table><thead><tr><th>Tugas</th><th>Petugas</th><th>Batas waktu</th><th>Keterangan</th></tr></thead><tbody>${state.openTasks
        .map(
          (task) => `<tr><td>${escapeHtml(task.title)} <small>(${escapeHtml(task.taskId)})</small></td><td>${escapeHtml(task.assignee.name ?? task.assignee.officerId)}</td><td>${escapeHtml(formatWita(task.dueAt))}</td><td>${
            task.overdue ? `<span class="overdue">Terlambat, eskalasi tingkat ${task.escalationLevel}</span>` : task.awaitingReassignment ? 'Ditolak petugas, menunggu pengalihan' : 'Berjalan'
          }</td></tr>`,
        )
        .join('')}</tbody></table>`;
  const outcome = state.outcome === 'ENROLLED'
    ? 'Anak kembali bersekolah'
    : state.outcome === 'CLOSED'
      ? `Ditutup: ${escapeHtml(state.closeReason && state.closeReason in CLOSE_REASON_LABELS ? CLOSE_REASON_LABELS[state.closeReason as CloseReason] : String(state.closeReason))}`
      : 'Belum selesai';
  return `<section class="card" id="keadaan">
<h2>Keadaan kasus setelah peristiwa #${state.afterSequence}</h2>
<div class="stepper" role="navigation" aria-label="Langkah peristiwa">${link(state.previousSequence, '← Peristiwa sebelumnya', 'prev')}${link(state.nextSequence, 'Peristiwa berikutnya →', 'next')}</div>
<dl>
<dt>Waktu</dt><dd>${escapeHtml(formatWita(state.at, { seconds: true }))} (${escapeHtml(state.eventType)})</dd>
<dt>Tahap</dt><dd data-stage="${escapeHtml(state.stage)}">${escapeHtml(state.stageLabel)}</dd>
<dt>Run</dt><dd>ke-${state.run}</dd>
<dt>Laporan</dt><dd>${state.reportCount}</dd>
<dt>Batas terdekat</dt><dd>${state.nextDueAt ? escapeHtml(formatWita(state.nextDueAt)) : '—'}</dd>
<dt>Hasil</dt><dd>${outcome}</dd>
</dl>
<h3>Tugas terbuka</h3>
${tasks}
</section>`;
}

function checksSection(data: CaseHistoryPageData, base: string): string {
  const chain = data.chain.valid
    ? `<span class="verdict-ok">Utuh</span>: ${data.chain.events} peristiwa, hash terakhir <code>${escapeHtml(data.chain.headHash ?? '')}</code>`
    : `<span class="verdict-bad">Rusak</span> pada peristiwa #${data.chain.failure?.sequence} (${escapeHtml(data.chain.failure?.problem ?? '')})`;
  let replay = `<a class="button" href="${base}?replay=1${data.state ? `&amp;afterSequence=${data.state.afterSequence}` : ''}#pemeriksaan">Putar ulang riwayat workflow</a>`;
  if (data.replay === 'BUSY') replay = `<p class="verdict-bad" role="alert">Server sedang memutar ulang riwayat kasus lain. Silakan coba lagi dalam satu menit.</p>${replay}`;
  else if (data.replay) {
    replay = `<ul id="hasil-putar-ulang">${data.replay
      .map(({ runId, verdict }) =>
        verdict.deterministic
          ? `<li><span class="verdict-ok">Deterministik</span>: run ${escapeHtml(runId)}, ${verdict.events} peristiwa diputar ulang tanpa penyimpangan.</li>`
          : `<li><span class="verdict-bad">Menyimpang</span>: run ${escapeHtml(runId)}: ${escapeHtml(verdict.divergence ?? '')}</li>`,
      )
      .join('')}</ul>`;
  }
  return `<section class="card" id="pemeriksaan">
<h2>Pemeriksaan</h2>
<p>Rantai hash log audit: ${chain}</p>
${replay}
<p><a class="button" href="/api/v1/cases/${encodeURIComponent(data.caseId)}/export" download>Unduh ekspor bertanda tangan (JSON)</a>
 · <a href="/api/v1/audit/signing-key">Kunci publik</a> · <a href="${base}?format=json">Riwayat sebagai JSON</a></p>
</section>`;
}

function historySection(data: CaseHistoryPageData, base: string): string {
  const current = data.state?.afterSequence;
  const rows = data.entries
    .map((entry) => {
      const point = entry.source === 'CASE_EVENT'
        ? `<a href="${base}?afterSequence=${entry.sequence}#keadaan">#${entry.sequence}</a>`
        : `<small>${escapeHtml(entry.ref.split('#')[1] ?? entry.ref)}</small>`;
      const who = `${escapeHtml(entry.actor.name ?? entry.actor.id)}${entry.actor.name ? ` <small>(${escapeHtml(entry.actor.id)})</small>` : ''}`;
      const cls = [entry.source === 'WORKFLOW' ? 'workflow' : 'event', entry.source === 'CASE_EVENT' && entry.sequence === current ? 'current' : ''].filter(Boolean).join(' ');
      return `<tr class="${cls}" data-kind="${escapeHtml(entry.kind)}"><td>${point}</td><td class="when">${escapeHtml(formatWita(entry.at, { seconds: true }))}</td><td>${entry.source === 'WORKFLOW' ? 'Workflow' : 'Log audit'}</td><td>${who}</td><td>${escapeHtml(HISTORY_CHANNEL_LABELS[entry.channel])}</td><td>${escapeHtml(entry.description)}<details><summary>JSON</summary><pre>${escapeHtml(JSON.stringify(entry.raw, null, 2))}</pre></details></td></tr>`;
    })
    .join('\n');
  const runs = data.runs.map((run) => `run ${escapeHtml(run.runId)} (mulai ${escapeHtml(formatWita(run.startedAt))}, ${escapeHtml(run.status)})`).join('; ');
  return `<section class="card" id="riwayat">
<h2>Riwayat (${data.entries.length} entri)</h2>
<p>${runs || 'Tidak ada riwayat workflow.'}</p>
<table><thead><tr><th>#</th><th>Waktu</th><th>Sumber</th><th>Siapa</th><th>Saluran</th><th>Keterangan</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</section>`;
}

function accessSection(data: CaseHistoryPageData): string {
  const rows = data.accessLog
    .map(
      (item) => `<tr><td class="when">${escapeHtml(formatWita(item.accessedAt, { seconds: true }))}</td><td>${data.principalNames?.get(item.principalId) ? `${escapeHtml(data.principalNames.get(item.principalId)!)} ` : ''}<small>${escapeHtml(item.principalId)}, ${escapeHtml(item.principalKind)}, ${escapeHtml(item.role)}</small></td><td>${escapeHtml(CASE_ACCESS_ACTION_LABELS[item.action as CaseAccessAction] ?? item.action)}</td><td><code>${escapeHtml(item.channel)}</code></td></tr>`,
    )
    .join('\n');
  return `<section class="card" id="log-akses">
<h2>Log akses kasus</h2>
<p>Siapa melihat atau mengekspor kasus ini (terbaru lebih dulu, ${data.accessLog.length} terakhir).</p>
<table><thead><tr><th>Waktu</th><th>Siapa</th><th>Tindakan</th><th>Melalui</th></tr></thead><tbody>
${rows}
</tbody></table>
</section>`;
}
