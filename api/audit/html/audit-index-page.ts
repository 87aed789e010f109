import { CASE_ACCESS_ACTION_LABELS, type CaseAccessAction } from '../../../domain/case-access.js';
import { formatWita } from '../../../domain/case-history.js';
import type { CaseAccessEntry } from '../../../infra/case-access-log.js';
import { escapeHtml } from '../../html/document.js';

export interface AuditIndexFilters {
  caseId?: string | undefined;
  principal?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The auditor's start page: open a case's history by its number, and read the access log with filters. */
export function auditIndexBody(
  filters: AuditIndexFilters,
  items: CaseAccessEntry[],
  names: ReadonlyMap<string, string>,
  error?: { field: string; message: string },
): string {
  const value = (name: keyof AuditIndexFilters) => escapeHtml(filters[name] ?? '');
  const field = (name: keyof AuditIndexFilters, label: string, type = 'text', hint = '') =>
    `<div class="field${error?.field === name ? ' has-error' : ''}"><label for="f-${name}">${label}</label>${hint ? `<p class="muted">${hint}</p>` : ''}${
      error?.field === name ? `<p class="error" id="f-${name}-error">${escapeHtml(error.message)}</p>` : ''
    }<input type="${type}" id="f-${name}" name="${name}" value="${value(name)}"${error?.field === name ? ` aria-describedby="f-${name}-error"` : ''}></div>`;
  const rows = items
    .map(
      (item) => `<tr><td>${escapeHtml(formatWita(item.accessedAt, { seconds: true }))}</td><td><a href="/audit/kasus/${encodeURIComponent(item.caseId)}">${escapeHtml(item.caseId)}</a></td><td>${names.get(item.principalId) ? `${escapeHtml(names.get(item.principalId)!)} ` : ''}<span class="muted">${escapeHtml(item.principalId)}, ${escapeHtml(item.principalKind)}, ${escapeHtml(item.role)}</span></td><td>${escapeHtml(CASE_ACCESS_ACTION_LABELS[item.action as CaseAccessAction] ?? item.action)}</td><td><code>${escapeHtml(item.channel)}</code></td></tr>`,
    )
    .join('\n');
  return `<section class="card">
<h2>Buka riwayat kasus</h2>
<form method="get" action="/audit/kasus">
<div class="filters"><div class="field"><label for="f-open">Nomor kasus</label><input type="text" id="f-open" name="caseId"></div><div class="field"><button type="submit">Buka riwayat</button></div></div>
</form>
</section>
<section class="card" id="log-akses">
<h2>Log akses kasus</h2>
<p class="muted">Siapa melihat atau mengekspor kasus mana, kapan, dan melalui rute atau halaman apa. Hanya id yang dicatat; log ini tidak dapat diubah atau dihapus.</p>
<form method="get" action="/audit">
<div class="filters">
${field('caseId', 'Nomor kasus')}
${field('principal', 'Id pengguna atau kunci API')}
${field('from', 'Sejak', 'date')}
${field('to', 'Sebelum', 'date')}
<div class="field"><button type="submit">Tampilkan</button></div>
</div>
</form>
<div class="table-wrap"><table><thead><tr><th>Waktu</th><th>Kasus</th><th>Siapa</th><th>Tindakan</th><th>Melalui</th></tr></thead><tbody>
${rows || '<tr><td colspan="5">Tidak ada akses yang cocok.</td></tr>'}
</tbody></table></div>
</section>`;
}
