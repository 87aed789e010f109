import type { DashboardFigures, MedianDays } from '../../../domain/dashboard.js';
import { ATS_CATEGORIES, ATS_CATEGORY_LABELS } from '../../../domain/intake.js';
import { kecamatanName } from '../../../domain/kecamatan.js';
import type { FieldError } from '../../../domain/validation.js';
import { escapeHtml } from '../../tasks/html/layout.js';
import { barChart } from './bar-chart.js';
import { filterDate, filterSelect, queryOf, type FilterValues } from './filter-fields.js';

export const DASHBOARD_FILTERS = ['kecamatan', 'category', 'from', 'to'] as const;

/** Colours of the case states in charts, each at least 3:1 against white. */
export const STATE_COLOURS = { open: '#0b4f6c', enrolled: '#047857', closed: '#6b7280' } as const;

export const DASHBOARD_STYLE = `<style>
.chart{display:block;max-width:50rem}
.split{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(26rem,1fr))}
.headline{display:grid;gap:1rem;grid-template-columns:repeat(2,minmax(0,1fr))}
@media (min-width:40rem){.headline{grid-template-columns:repeat(3,minmax(0,1fr))}}
.headline>.card{margin-bottom:0}
.split>.card{margin-bottom:0}
.toolbar{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin-top:.75rem}
.figure small{font-size:1rem;font-weight:400}
tfoot td{font-weight:700;border-top:2px solid #9ca3af}
.section{margin-bottom:1rem}
</style>`;

export interface DashboardPageInput {
  figures: DashboardFigures;
  /** What the form shows: the filters as typed, even when one was wrong. */
  values: FilterValues;
  errors: readonly FieldError[];
  /** Kecamatan codes the viewer may pick from. */
  kecamatanChoices: readonly string[];
}

/** The dashboard's body: filters, headline figures, funnel, tasks, and the kecamatan table with its chart. */
export function dashboardBody({ figures, values, errors, kecamatanChoices }: DashboardPageInput): string {
  return [DASHBOARD_STYLE, filterForm(values, errors, kecamatanChoices), headline(figures), funnel(figures), tasks(figures), kecamatanSection(figures, values)].join('\n');
}

function filterForm(values: FilterValues, errors: readonly FieldError[], kecamatanChoices: readonly string[]): string {
  const field = { values, errors };
  const summary = errors.length > 0
    ? `<p class="error" role="alert">Filter belum dapat diterapkan: periksa isian yang ditandai.</p>`
    : '';
  // The CSV carries the filters as they stand on the page (only valid ones are applied to the figures).
  const csv = `/api/v1/cases/export.csv${queryOf(errors.length > 0 ? {} : values)}`;
  return `<section class="card" aria-labelledby="filter-heading"><h2 id="filter-heading">Saring data</h2>${summary}
<form method="get" action="/dasbor" class="filters">
${filterSelect({ ...field, name: 'kecamatan', label: 'Kecamatan', allLabel: kecamatanChoices.length === 1 ? kecamatanName(kecamatanChoices[0]!) : 'Semua kecamatan', options: kecamatanChoices.length === 1 ? [] : kecamatanChoices.map((code) => [code, kecamatanName(code)] as const) })}
${filterSelect({ ...field, name: 'category', label: 'Kategori', allLabel: 'Semua kategori', options: ATS_CATEGORIES.map((c) => [c, ATS_CATEGORY_LABELS[c]] as const) })}
${filterDate({ ...field, name: 'from', label: 'Dilaporkan sejak' })}
${filterDate({ ...field, name: 'to', label: 'Dilaporkan sampai' })}
<div class="field"><button type="submit">Terapkan</button></div>
</form>
<div class="toolbar"><a class="button secondary" href="${escapeHtml(csv)}" download>Unduh CSV</a><a href="/dasbor">Hapus filter</a><a href="/kasus${escapeHtml(queryOf(errors.length > 0 ? {} : values))}">Lihat daftar kasus</a></div>
</section>`;
}

function headline(f: DashboardFigures): string {
  const card = (figure: string, label: string) => `<div class="card"><div class="figure">${figure}</div><div class="figure-label">${label}</div></div>`;
  return `<section class="headline section" aria-label="Ringkasan">
${card(String(f.totals.cases), 'Kasus')}
${card(String(f.totals.open), 'Masih ditangani')}
${card(`<span${f.totals.overdue > 0 ? ' class="overdue"' : ''}>${f.totals.overdue}</span>`, 'Kasus terlambat')}
${card(String(f.enrolledThisMonth.cases), `Kembali bersekolah bulan ini (${escapeHtml(f.enrolledThisMonth.label)})`)}
${card(`<span${f.caseHealth.cases > 0 ? ' class="overdue"' : ''}>${f.caseHealth.cases}</span>`, 'Kasus bermasalah menurut pengawas sistem')}
${card(days(f.reportToHomeVisit), `Median hari dari laporan sampai kunjungan rumah${cases(f.reportToHomeVisit)}`)}
${card(days(f.reportToEnrolment), `Median hari dari laporan sampai terdaftar di sekolah${cases(f.reportToEnrolment)}`)}
</section>`;
}

function days(median: MedianDays): string {
  return median.days === null ? '–' : `${median.days.toLocaleString('id-ID')} <small>hari</small>`;
}

function cases(median: MedianDays): string {
  return median.cases === 0 ? ' (belum ada kasus)' : ` (${median.cases} kasus)`;
}

function funnel(f: DashboardFigures): string {
  const description = f.funnel.map((stage) => `${stage.label}: ${stage.cases}`).join('; ');
  const chart = barChart({
    id: 'funnel',
    title: 'Kasus menurut tahap',
    description: `Jumlah kasus pada setiap tahap, sesuai urutan proses. ${description}.`,
    series: [{ name: 'Kasus', colour: STATE_COLOURS.open }],
    rows: f.funnel.map((stage) => ({ label: stage.label, values: [stage.cases] })),
    align: 'center',
    labelWidth: 290,
  });
  return `<section class="card" aria-labelledby="funnel-heading"><h2 id="funnel-heading">Kasus menurut tahap</h2>
<p class="muted">Di mana kasus berada sekarang, dari laporan sampai selesai.</p>${chart}</section>`;
}

function tasks(f: DashboardFigures): string {
  const overdue = (n: number) => (n > 0 ? `<span class="overdue">${n}</span>` : '0');
  const agencies = f.tasks.byAgency
    .map((a) => `<tr><th scope="row">${escapeHtml(a.label)}</th><td class="num">${a.open}</td><td class="num">${overdue(a.overdue)}</td></tr>`)
    .join('');
  const officers = f.tasks.byOfficer.length === 0
    ? '<p class="muted">Tidak ada tugas terbuka.</p>'
    : `<div class="table-wrap"><table><caption class="muted">Petugas dengan tugas terlambat paling atas</caption><thead><tr><th scope="col">Petugas</th><th scope="col">Instansi</th><th scope="col" class="num">Terbuka</th><th scope="col" class="num">Terlambat</th></tr></thead><tbody>${f.tasks.byOfficer
        .map((o) => `<tr><th scope="row">${escapeHtml(o.name)}</th><td>${escapeHtml(f.tasks.byAgency.find((a) => a.agency === o.agency)?.label ?? o.agency)}</td><td class="num">${o.open}</td><td class="num">${overdue(o.overdue)}</td></tr>`)
        .join('')}</tbody></table></div>`;
  return `<section class="split section" aria-label="Tugas">
<div class="card"><h2>Tugas terbuka per instansi</h2><table><thead><tr><th scope="col">Instansi</th><th scope="col" class="num">Terbuka</th><th scope="col" class="num">Terlambat</th></tr></thead><tbody>${agencies}</tbody>
<tfoot><tr><td>Jumlah</td><td class="num">${f.tasks.open}</td><td class="num">${overdue(f.tasks.overdue)}</td></tr></tfoot></table></div>
<div class="card"><h2>Tugas terbuka per petugas</h2>${officers}</div>
</section>`;
}

function kecamatanSection(f: DashboardFigures, values: FilterValues): string {
  const link = (code: string, extra: FilterValues, text: string) => `<a href="/kasus${escapeHtml(queryOf({ ...values, kecamatan: code }, extra))}">${text}</a>`;
  const rows = f.kecamatan
    .map((k) => `<tr><th scope="row">${link(k.code, {}, escapeHtml(k.name))}</th><td class="num">${k.cases}</td><td class="num">${k.open}</td><td class="num">${
      k.overdue > 0 ? link(k.code, { overdue: 'true' }, `<span class="overdue">${k.overdue}</span>`) : '0'
    }</td><td class="num">${k.enrolled}</td><td class="num">${k.closed}</td></tr>`)
    .join('');
  const t = f.totals;
  const table = `<div class="table-wrap"><table><thead><tr><th scope="col">Kecamatan</th><th scope="col" class="num">Kasus</th><th scope="col" class="num">Masih ditangani</th><th scope="col" class="num">Terlambat</th><th scope="col" class="num">Kembali sekolah</th><th scope="col" class="num">Ditutup</th></tr></thead>
<tbody>${rows}</tbody><tfoot><tr><td>Jumlah</td><td class="num">${t.cases}</td><td class="num">${t.open}</td><td class="num">${t.overdue}</td><td class="num">${t.enrolled}</td><td class="num">${t.closed}</td></tr></tfoot></table></div>`;
  const withCases = f.kecamatan.filter((k) => k.cases > 0);
  const chart = withCases.length === 0
    ? '<p class="muted">Belum ada kasus untuk digambarkan.</p>'
    : barChart({
        id: 'kecamatan-chart',
        title: 'Kasus per kecamatan',
        description: `Kasus per kecamatan: masih ditangani, kembali sekolah, dan ditutup. ${withCases
          .map((k) => `${k.name}: ${k.cases} kasus, ${k.open} masih ditangani, ${k.enrolled} kembali sekolah, ${k.closed} ditutup`)
          .join('; ')}.`,
        series: [
          { name: 'Masih ditangani', colour: STATE_COLOURS.open },
          { name: 'Kembali sekolah', colour: STATE_COLOURS.enrolled },
          { name: 'Ditutup', colour: STATE_COLOURS.closed },
        ],
        rows: withCases.map((k) => ({ label: k.name, values: [k.open, k.enrolled, k.closed] })),
      });
  return `<section class="card" aria-labelledby="kecamatan-heading"><h2 id="kecamatan-heading">Per kecamatan</h2>
<p class="muted">“Ditutup” berarti ditutup tanpa kembali sekolah (pindah, kasus ganda, dan sebagainya). Kecamatan tanpa kasus tidak digambarkan pada grafik.</p>
${chart}
${table}</section>`;
}
