import { may, type Principal } from '../../../domain/access.js';
import { REVIEW_STATUS_LABELS, REVIEW_STATUSES, NOTE_MAX_LENGTH, type ReviewStatus } from '../../../domain/duplicate-review.js';
import { ATS_CATEGORY_LABELS, REPORT_SOURCE_LABELS } from '../../../domain/intake.js';
import type { FieldError } from '../../../domain/validation.js';
import { formatDeadline } from '../../../emails/format.js';
import { escapeHtml } from '../../tasks/html/layout.js';
import { csrfField, staffPage } from '../../staff/html/layout.js';
import type { ReviewDetail, ReviewSummary } from '../schemas.js';

/** The coordinator's pages of duplicate reviews: the list, and one review with the two records side by side. */

const PAGE_STYLE = `<style>
tr.diff th,tr.diff td{background:#fef3c7}
tr.diff td.value{font-weight:700}
.diff-mark{display:inline-block;margin-left:.4rem;font-size:.8rem;font-weight:700;color:#92400e}
.choices label{font-weight:400;display:flex;gap:.5rem;align-items:flex-start;padding:.4rem 0}
.choices input{width:1.3rem;height:1.3rem;margin-top:.15rem}
.side{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr))}
</style>`;

const BIRTH_DATE_TEXT: Record<string, (days: number) => string> = {
  SAME: () => 'sama',
  CLOSE: (days) => `selisih ${days} hari`,
  DAY_MONTH_SWAPPED: () => 'tanggal dan bulan tertukar',
  FAR: (days) => `selisih ${days} hari`,
};

const FIELD_LABELS: Record<string, string> = {
  fullName: 'Nama lengkap',
  nik: 'NIK',
  birthDate: 'Tanggal lahir',
  sex: 'Jenis kelamin',
  desa: 'Desa',
  address: 'Alamat',
};

const percent = (value: number) => `${Math.round(value * 100)}%`;
const when = (iso: string | undefined) => (iso ? formatDeadline(Date.parse(iso)) : '—');

export function reviewListPage(options: { principal: Principal; csrfToken: string; items: ReviewSummary[]; status?: ReviewStatus | undefined }): string {
  const filter = `<form method="get" action="/tinjauan-duplikat" class="card filters">
<div class="field"><label for="status">Status</label><select id="status" name="status">
<option value="">Semua</option>
${REVIEW_STATUSES.map((s) => `<option value="${s}"${options.status === s ? ' selected' : ''}>${escapeHtml(REVIEW_STATUS_LABELS[s])}</option>`).join('')}
</select></div>
<div class="field"><button type="submit" class="secondary">Tampilkan</button></div>
</form>`;
  const rows = options.items
    .map(
      (item) => `<tr>
<td><span class="badge">${escapeHtml(item.statusLabel)}</span></td>
<td>${escapeHtml(item.desa)}, ${escapeHtml(item.kecamatanName)}</td>
<td>${escapeHtml(when(item.createdAt))}</td>
<td${item.overdue ? ' class="overdue"' : ''}>${escapeHtml(item.status === 'PENDING' ? when(item.dueAt) : `Diputuskan ${when(item.decidedAt)}`)}${item.overdue ? ' (terlambat)' : ''}</td>
<td class="num">${item.candidateCount}</td>
<td class="num">${percent(item.topScore)}</td>
<td><a href="/tinjauan-duplikat/${encodeURIComponent(item.reviewId)}">Tinjau <span class="muted">${escapeHtml(item.reviewId)}</span></a></td>
</tr>`,
    )
    .join('\n');
  const table = options.items.length
    ? `<div class="card table-wrap"><table>
<thead><tr><th>Status</th><th>Lokasi</th><th>Diterima</th><th>Batas waktu</th><th class="num">Kasus mirip</th><th class="num">Kemiripan</th><th>Tinjauan</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : `<div class="card notice"><p>Tidak ada tinjauan duplikat${options.status ? ' dengan status ini' : ''}.</p></div>`;
  return staffPage({
    title: 'Tinjauan duplikat',
    principal: options.principal,
    csrfToken: options.csrfToken,
    active: '/tinjauan-duplikat',
    body: `<p class="muted">Laporan anak tanpa NIK yang mirip dengan anak yang sudah memiliki kasus menunggu di sini: gabungkan ke kasus yang ada, atau pisahkan bila anak yang berbeda. Yang menunggu keputusan tampil lebih dulu.</p>
${filter}
${table}`,
  });
}

export interface DecisionFormState {
  errors?: FieldError[];
  choice?: string;
  note?: string;
  decidedNow?: boolean;
}

export function reviewDetailPage(options: { principal: Principal; csrfToken: string; review: ReviewDetail } & DecisionFormState): string {
  const { review } = options;
  const report = review.report;
  const facts = `<div class="card"><table>
<tr><th>Status</th><td><span class="badge">${escapeHtml(review.statusLabel)}</span></td></tr>
<tr><th>Lokasi</th><td>${escapeHtml(review.desa)}, Kecamatan ${escapeHtml(review.kecamatanName)}</td></tr>
<tr><th>Laporan diterima</th><td>${escapeHtml(when(review.createdAt))}</td></tr>
<tr><th>Batas keputusan</th><td${review.overdue ? ' class="overdue"' : ''}>${escapeHtml(when(review.dueAt))}${review.overdue ? ' (terlambat)' : ''}</td></tr>
<tr><th>Kategori</th><td>${escapeHtml(ATS_CATEGORY_LABELS[report.category])}</td></tr>
<tr><th>Sumber laporan</th><td>${escapeHtml(REPORT_SOURCE_LABELS[report.source.channel])}${report.source.reference ? ` (${escapeHtml(report.source.reference)})` : ''}</td></tr>
</table></div>`;
  const comparisons = review.candidates.map((candidate, index) => comparison(review, candidate, index)).join('\n');
  const done = options.decidedNow ? `<div class="card ok" role="status"><p>Keputusan disimpan.</p></div>` : '';
  return staffPage({
    title: `Tinjauan duplikat ${review.reviewId}`,
    principal: options.principal,
    csrfToken: options.csrfToken,
    active: '/tinjauan-duplikat',
    body: `${PAGE_STYLE}
<p><a href="/tinjauan-duplikat">← Semua tinjauan</a></p>
${done}
${errorSummary(options.errors)}
${facts}
${comparisons}
${review.decision ? decisionSummary(review) : decisionForm(options)}`,
  });
}

type Candidate = ReviewDetail['candidates'][number];

function comparison(review: ReviewDetail, candidate: Candidate, index: number): string {
  const fresh = review.report.child;
  const existing = candidate.child;
  const rows = (Object.keys(FIELD_LABELS) as (keyof typeof fresh & string)[])
    .map((field) => {
      const differs = candidate.differences.includes(field);
      const show = (value: string | undefined) => escapeHtml(value === undefined || value === '' ? '—' : field === 'sex' ? (value === 'L' ? 'Laki-laki' : 'Perempuan') : value);
      return `<tr${differs ? ' class="diff"' : ''}><th scope="row">${escapeHtml(FIELD_LABELS[field]!)}${differs ? '<span class="diff-mark">berbeda</span>' : ''}</th>
<td class="value">${show(fresh[field] as string | undefined)}</td><td class="value">${show(existing?.[field] as string | undefined)}</td></tr>`;
    })
    .join('\n');
  const matched = candidate.matched;
  return `<section class="card" aria-labelledby="kandidat-${index}">
<h2 id="kandidat-${index}">Kasus mirip ${index + 1}: ${escapeHtml(candidate.caseId)}</h2>
<p>Kemiripan ${percent(candidate.score)} · nama ${percent(matched.nameSimilarity)} · tanggal lahir ${escapeHtml(BIRTH_DATE_TEXT[matched.birthDate]!(matched.daysApart))} · desa ${matched.desaSimilarity === 1 ? 'sama' : percent(matched.desaSimilarity)}${candidate.case ? ` · kasus ${escapeHtml(candidate.case.stageLabel)}, ${candidate.case.reportCount} laporan` : ''}</p>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Data anak</th><th scope="col">Laporan baru</th><th scope="col">Kasus ${escapeHtml(candidate.caseId)}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
</section>`;
}

function errorSummary(errors: FieldError[] | undefined): string {
  if (!errors?.length) return '';
  return `<div class="card summary" role="alert" tabindex="-1"><h2>Keputusan belum dapat disimpan</h2><ul>
${errors.map((error) => `<li><a href="#${error.field === 'note' ? 'note' : 'choice-0'}">${escapeHtml(error.message)}</a></li>`).join('')}
</ul></div>`;
}

function decisionForm(options: { principal: Principal; csrfToken: string; review: ReviewDetail } & DecisionFormState): string {
  if (!may(options.principal.role, 'reviews.decide')) {
    return `<div class="card notice"><p>Keputusan tinjauan ini diambil oleh koordinator.</p></div>`;
  }
  const { review } = options;
  const errorOf = (field: string) => options.errors?.find((error) => error.field === field || (field === 'choice' && (error.field === 'decision' || error.field === 'caseId')));
  const choiceError = errorOf('choice');
  const noteError = errorOf('note');
  const choices = [
    ...review.candidates.map((candidate) => ({ value: `MERGE:${candidate.caseId}`, label: `Gabungkan: anak yang sama dengan kasus ${candidate.caseId}` })),
    { value: 'KEEP_APART', label: 'Pisahkan: anak yang berbeda, buat kasus tersendiri untuk laporan ini' },
  ];
  return `<form method="post" action="/tinjauan-duplikat/${encodeURIComponent(review.reviewId)}" class="card" novalidate>
<h2>Keputusan</h2>
${csrfField(options.csrfToken)}
<fieldset class="field choices${choiceError ? ' has-error' : ''}"><legend><strong>Apakah ini anak yang sama?</strong></legend>
${choiceError ? `<p class="error">${escapeHtml(choiceError.message)}</p>` : ''}
${choices
  .map(
    (choice, index) =>
      `<label for="choice-${index}"><input type="radio" id="choice-${index}" name="choice" value="${escapeHtml(choice.value)}"${options.choice === choice.value ? ' checked' : ''}> ${escapeHtml(choice.label)}</label>`,
  )
  .join('\n')}
</fieldset>
<div class="field${noteError ? ' has-error' : ''}"><label for="note">Alasan keputusan</label>
${noteError ? `<p class="error" id="note-error">${escapeHtml(noteError.message)}</p>` : ''}
<textarea id="note" name="note" maxlength="${NOTE_MAX_LENGTH}"${noteError ? ' aria-describedby="note-error"' : ''}>${escapeHtml(options.note ?? '')}</textarea></div>
<button type="submit">Simpan keputusan</button>
</form>`;
}

function decisionSummary(review: ReviewDetail): string {
  const decision = review.decision!;
  const what = decision.decision === 'MERGE' ? `Digabungkan ke kasus ${decision.caseId}` : `Dipisahkan; laporan menjadi kasus ${decision.caseId}`;
  return `<div class="card ok"><h2>Keputusan</h2><p>${escapeHtml(what)}</p>
<p class="muted">Oleh ${escapeHtml(decision.decidedBy)} pada ${escapeHtml(when(decision.decidedAt))}</p>
<p>Alasan: ${escapeHtml(decision.note)}</p></div>`;
}
