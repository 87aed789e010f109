import type { Principal } from '../../../domain/access.js';
import { IMPORT_COLUMNS } from '../../../domain/csv-import.js';
import { IMPORT_OUTCOME_LABELS, IMPORT_OUTCOMES, IMPORT_STATUS_LABELS, type ImportOutcome } from '../../../domain/imports.js';
import { csrfField, staffPage } from '../../staff/html/layout.js';
import { escapeHtml } from '../../tasks/html/layout.js';
import type { ImportRowView, ImportView } from '../import-service.js';

const TEMPLATE_URL = '/api/v1/imports/template.csv';
const dateTime = (iso: string) =>
  new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Makassar' }).format(new Date(iso));

export interface UploadPageOptions {
  principal: Principal;
  csrfToken: string;
  imports: ImportView[];
  error?: { message: string; fields?: { field: string; message: string }[] };
}

/** /impor: the upload form (a plain form, no JavaScript), the template's columns, and recent imports. */
export function uploadPage(options: UploadPageOptions): string {
  const { error } = options;
  const errorSummary = error
    ? `<div class="card summary" role="alert" tabindex="-1"><h2>Berkas tidak dapat diimpor</h2><p>${escapeHtml(error.message)}</p>${
        error.fields?.length ? `<ul>${error.fields.map((f) => `<li><strong>${escapeHtml(f.field)}</strong>: ${escapeHtml(f.message)}</li>`).join('')}</ul>` : ''
      }</div>`
    : '';
  const body = `${errorSummary}
<form method="post" action="/impor" enctype="multipart/form-data" class="card">
<h2>Unggah berkas CSV</h2>
${csrfField(options.csrfToken)}
<p>Satu baris per anak, dengan judul kolom sesuai <a href="${TEMPLATE_URL}" download>templat CSV</a>. Pemisah kolom titik koma (;) atau koma (,), paling banyak 5 MB. Berkas yang sama persis tidak diimpor dua kali.</p>
<div class="field${error ? ' has-error' : ''}"><label for="berkas">Berkas CSV</label>
<input type="file" id="berkas" name="berkas" accept=".csv,text/csv" required${error ? ' aria-invalid="true"' : ''}></div>
<button type="submit">Impor</button>
</form>
${recentImports(options.imports)}
<details class="card"><summary><strong>Kolom templat</strong></summary>
<div class="table-wrap"><table><thead><tr><th scope="col">Kolom</th><th scope="col">Wajib</th><th scope="col">Isi</th></tr></thead><tbody>
${IMPORT_COLUMNS.map((c) => `<tr><td><code>${c.header}</code></td><td>${c.required ? 'Ya' : 'Tidak'}</td><td>${escapeHtml(c.hint)}</td></tr>`).join('\n')}
</tbody></table></div></details>`;
  return staffPage({ title: 'Impor data anak', principal: options.principal, csrfToken: options.csrfToken, body, active: '/impor' });
}

function recentImports(imports: ImportView[]): string {
  if (imports.length === 0) return '<div class="card"><h2>Impor terakhir</h2><p class="muted">Belum ada impor di wilayah Anda.</p></div>';
  const rows = imports
    .map(
      (i) => `<tr><td><a href="/impor/${i.importId}">${escapeHtml(i.fileName)}</a></td><td>${escapeHtml(i.uploadedBy.name)}</td><td>${dateTime(i.createdAt)}</td>
<td>${IMPORT_STATUS_LABELS[i.status]}</td><td class="num">${i.progress.done} / ${i.progress.total}</td><td class="num">${i.counts.rejected}</td></tr>`,
    )
    .join('\n');
  return `<div class="card"><h2>Impor terakhir</h2><div class="table-wrap"><table>
<thead><tr><th scope="col">Berkas</th><th scope="col">Diunggah oleh</th><th scope="col">Waktu</th><th scope="col">Status</th><th scope="col" class="num">Baris selesai</th><th scope="col" class="num">Ditolak</th></tr></thead>
<tbody>${rows}</tbody></table></div></div>`;
}

export interface ProgressPageOptions {
  principal: Principal;
  csrfToken: string;
  view: ImportView;
  duplicate: boolean;
  rows?: { items: ImportRowView[]; total: number; outcome?: ImportOutcome | undefined; offset: number; limit: number };
}

/** /impor/:id: a progress bar and counts while the import runs (the page reloads itself), then the per-row report. */
export function progressPage(options: ProgressPageOptions): string {
  const { view } = options;
  const running = view.status !== 'DONE';
  const counts: [ImportOutcome, number][] = [
    ['CREATED', view.counts.created], ['JOINED', view.counts.joined], ['REOPENED', view.counts.reopened], ['REVIEW', view.counts.review], ['REJECTED', view.counts.rejected],
  ];
  const body = `${options.duplicate ? '<div class="card notice" role="status"><p>Berkas ini sudah pernah diimpor. Tidak ada data yang dibuat lagi; berikut hasil impor sebelumnya.</p></div>' : ''}
<div class="card">
<h2>${escapeHtml(view.fileName)}</h2>
<p>Diunggah oleh ${escapeHtml(view.uploadedBy.name)}, ${dateTime(view.createdAt)}. Status: <strong id="status">${IMPORT_STATUS_LABELS[view.status]}</strong></p>
<label for="kemajuan">Kemajuan: <span id="done">${view.progress.done}</span> dari <span id="total">${view.progress.total}</span> baris (${view.progress.percent}%)</label>
<progress id="kemajuan" max="${view.progress.total}" value="${view.progress.done}">${view.progress.percent}%</progress>
${running ? '<p class="muted">Halaman ini diperbarui otomatis setiap beberapa detik. <a href="">Muat ulang</a></p>' : `<p><a class="button secondary" href="/api/v1/imports/${view.importId}/report.csv" download>Unduh laporan per baris (CSV)</a></p>`}
</div>
<div class="grid">${counts
    .map(([outcome, n]) => `<div class="card"><div class="figure" id="jumlah-${outcome.toLowerCase()}">${n}</div><div class="figure-label">${IMPORT_OUTCOME_LABELS[outcome]}</div></div>`)
    .join('')}</div>
${options.rows ? rowReport(view.importId, options.rows) : ''}
<p><a href="/impor">Impor berkas lain</a></p>`;
  return staffPage({ title: 'Hasil impor', principal: options.principal, csrfToken: options.csrfToken, body, active: '/impor' });
}

function rowReport(importId: string, rows: NonNullable<ProgressPageOptions['rows']>): string {
  const filter = (outcome: ImportOutcome | undefined, label: string) =>
    `<li><a href="/impor/${importId}${outcome ? `?hasil=${outcome}` : ''}"${rows.outcome === outcome ? ' aria-current="true" style="font-weight:700"' : ''}>${escapeHtml(label)}</a></li>`;
  const pageLink = (offset: number, label: string) =>
    `<a href="/impor/${importId}?${new URLSearchParams({ ...(rows.outcome ? { hasil: rows.outcome } : {}), dari: String(offset) }).toString()}">${label}</a>`;
  const items = rows.items
    .map((row) => {
      const result = row.outcome ? IMPORT_OUTCOME_LABELS[row.outcome] : 'Belum diproses';
      const detail = row.errors.length
        ? `<ul>${row.errors.map((e) => `<li><code>${escapeHtml(e.column)}</code>: ${escapeHtml(e.message)}</li>`).join('')}</ul>`
        : row.reviewId ? `<a href="/tinjauan-duplikat/${encodeURIComponent(row.reviewId)}">Tinjau kemungkinan ganda</a>`
        : row.caseId ? `<code>${escapeHtml(row.caseId)}</code>` : '';
      return `<tr><td class="num">${row.rowNumber}</td><td>${escapeHtml(row.childName ?? '')}</td><td>${escapeHtml(result)}</td><td>${detail}</td></tr>`;
    })
    .join('\n');
  const end = rows.offset + rows.items.length;
  return `<div class="card"><h2>Laporan per baris</h2>
<div role="navigation" aria-label="Saring hasil"><ul style="display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;list-style:none;padding:0">${filter(undefined, 'Semua')}${IMPORT_OUTCOMES.map((o) => filter(o, IMPORT_OUTCOME_LABELS[o])).join('')}</ul></div>
<p class="muted">Baris ${rows.total === 0 ? 0 : rows.offset + 1}–${end} dari ${rows.total}.</p>
<div class="table-wrap"><table><thead><tr><th scope="col" class="num">Baris</th><th scope="col">Nama</th><th scope="col">Hasil</th><th scope="col">Kasus / alasan</th></tr></thead>
<tbody>${items}</tbody></table></div>
<p>${rows.offset > 0 ? pageLink(Math.max(0, rows.offset - rows.limit), '← Sebelumnya') : ''} ${end < rows.total ? pageLink(end, 'Berikutnya →') : ''}</p></div>`;
}
