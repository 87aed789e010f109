import { CASE_STAGE_LABELS, CASE_STAGES } from '../../../domain/case.js';
import { ATS_CATEGORIES, ATS_CATEGORY_LABELS } from '../../../domain/intake.js';
import { kecamatanName } from '../../../domain/kecamatan.js';
import type { FieldError } from '../../../domain/validation.js';
import { filterDate, filterSelect, queryOf, type FilterValues } from '../../dashboard/html/filter-fields.js';
import { escapeHtml } from '../../tasks/html/layout.js';
import type { CaseSummary } from '../schemas.js';
import { shortDate } from './format.js';

export const CASE_LIST_FILTERS = ['stage', 'kecamatan', 'category', 'overdue', 'from', 'to'] as const;

export interface CaseListPageInput {
  items: (CaseSummary & { childName?: string })[];
  total: number;
  nextCursor: string | null;
  /** True when this is not the first page. */
  paged: boolean;
  values: FilterValues;
  errors: readonly FieldError[];
  kecamatanChoices: readonly string[];
}

/** The case list: filters, one row per case linking to its page, newest first, a page at a time. */
export function caseListBody(input: CaseListPageInput): string {
  const field = { values: input.values, errors: input.errors };
  const filters = `<section class="card" aria-labelledby="filter-heading"><h2 id="filter-heading">Saring kasus</h2>${
    input.errors.length > 0 ? '<p class="error" role="alert">Filter belum dapat diterapkan: periksa isian yang ditandai.</p>' : ''
  }
<form method="get" action="/kasus" class="filters">
${filterSelect({ ...field, name: 'kecamatan', label: 'Kecamatan', allLabel: input.kecamatanChoices.length === 1 ? kecamatanName(input.kecamatanChoices[0]!) : 'Semua kecamatan', options: input.kecamatanChoices.length === 1 ? [] : input.kecamatanChoices.map((code) => [code, kecamatanName(code)] as const) })}
${filterSelect({ ...field, name: 'stage', label: 'Tahap', allLabel: 'Semua tahap', options: CASE_STAGES.map((s) => [s, CASE_STAGE_LABELS[s]] as const) })}
${filterSelect({ ...field, name: 'category', label: 'Kategori', allLabel: 'Semua kategori', options: ATS_CATEGORIES.map((c) => [c, ATS_CATEGORY_LABELS[c]] as const) })}
${filterSelect({ ...field, name: 'overdue', label: 'Keterlambatan', allLabel: 'Semua kasus', options: [['true', 'Hanya yang terlambat'], ['false', 'Tidak terlambat']] })}
${filterDate({ ...field, name: 'from', label: 'Dilaporkan sejak' })}
${filterDate({ ...field, name: 'to', label: 'Dilaporkan sampai' })}
<div class="field"><button type="submit">Terapkan</button></div>
</form>
<div class="toolbar"><a class="button secondary" href="/api/v1/cases/export.csv${escapeHtml(queryOf(input.errors.length > 0 ? {} : input.values))}" download>Unduh CSV</a><a href="/kasus">Hapus filter</a></div>
</section>`;

  const rows = input.items
    .map((c) => `<tr><th scope="row"><a href="/kasus/${encodeURIComponent(c.caseId)}">${escapeHtml(c.childName ?? c.caseId)}</a></th><td>${escapeHtml(c.kecamatanName)}</td><td>${escapeHtml(c.desa)}</td><td>${escapeHtml(c.category)}</td><td>${escapeHtml(c.stageLabel)}</td><td>${
      c.overdue && c.stage !== 'CLOSED' ? '<span class="overdue">Terlambat</span>' : ''
    }</td><td>${escapeHtml(shortDate(c.openedAt))}</td></tr>`)
    .join('');
  const shown = input.items.length;
  const summary = input.total === 0 ? 'Tidak ada kasus yang sesuai.' : `Menampilkan ${shown} dari ${input.total} kasus, terbaru lebih dulu.`;
  const next = input.nextCursor ? `<a class="button secondary" href="/kasus${escapeHtml(queryOf(input.values, { cursor: input.nextCursor }))}">Halaman berikutnya</a>` : '';
  const first = input.paged ? `<a href="/kasus${escapeHtml(queryOf(input.values))}">Kembali ke halaman pertama</a>` : '';
  const table = shown === 0 ? '' : `<div class="table-wrap"><table><thead><tr><th scope="col">Anak</th><th scope="col">Kecamatan</th><th scope="col">Desa</th><th scope="col">Kategori</th><th scope="col">Tahap</th><th scope="col">Keterlambatan</th><th scope="col">Dilaporkan</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  return `<style>.toolbar{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin-top:.75rem}</style>
${filters}
<section class="card" aria-labelledby="list-heading"><h2 id="list-heading">Kasus</h2><p>${summary}</p>${table}<div class="toolbar">${next}${first}</div></section>`;
}
