import { OUTREACH_OUTCOME_LABELS, OUTREACH_OUTCOMES } from '../../../domain/welfare-outreach.js';
import type { FieldError } from '../../../domain/validation.js';
import type { FormFields } from '../form-data.js';
import type { OutreachHousehold } from '../outreach-service.js';
import { errorSummary, FormState, optionsOf, radioGroup, textArea, textField } from './fields.js';
import { escapeHtml, formatDay, page } from './layout.js';

/**
 * The pages of an officer's outreach link: the list of families to visit, one family's visit form,
 * and what the officer sees after recording it. Like the task pages: no script, readable on a phone.
 */
const EYEBROW = 'Kunjungan pencegahan · ATS Kabupaten Kutai Timur';

function householdCard(household: OutreachHousehold): string {
  const aid = household.programmes.length ? household.programmes.join(', ') : 'Belum ada';
  return `<section class="card"><dl>
<dt>Desa</dt><dd>${escapeHtml(household.desa)}, Kec. ${escapeHtml(household.kecamatanName)}</dd>
<dt>No. KK</dt><dd>${escapeHtml(household.noKk)}</dd>
<dt>Desil</dt><dd>${household.decile}</dd>
<dt>Anak bersekolah</dt><dd>${household.children}</dd>
<dt>Bantuan</dt><dd>${escapeHtml(aid)}</dd>
</dl></section>`;
}

export function outreachListPage(input: { officerName: string; households: OutreachHousehold[]; householdHref: (ref: string) => string }): string {
  if (input.households.length === 0) {
    return page({
      title: 'Kunjungan pencegahan',
      eyebrow: EYEBROW,
      body: `<section class="card ok"><p>${escapeHtml(input.officerName)}, semua kunjungan Anda sudah dicatat. Terima kasih.</p></section>`,
    });
  }
  const items = input.households
    .map(
      (h) => `<li><a class="task" href="${escapeHtml(input.householdHref(h.ref))}">Desa ${escapeHtml(h.desa)} · KK ${escapeHtml(h.noKk)}</a>
<span>Desil ${h.decile} · ${h.children} anak bersekolah · ${h.programmes.length ? escapeHtml(h.programmes.join(', ')) : 'belum menerima PIP/KIP'}</span></li>`,
    )
    .join('\n');
  return page({
    title: 'Kunjungan pencegahan',
    eyebrow: EYEBROW,
    body: `<section class="card notice"><p>${escapeHtml(input.officerName)}, <strong id="households-open">${input.households.length}</strong> keluarga menunggu kunjungan Anda. Keluarga ini miskin (desil Dinsos) dan anaknya masih bersekolah: pastikan anak tetap bersekolah dan bantu keluarga mengurus PIP/KIP. Ketuk keluarga untuk mencatat kunjungan.</p></section>
<section class="card"><ul class="tasks">
${items}
</ul></section>`,
  });
}

export function outreachFormPage(input: {
  household: OutreachHousehold;
  csrfField: { name: string; value: string };
  formAction: string;
  listHref: string;
  submitted?: { values: FormFields; errors: FieldError[] };
}): string {
  const state = new FormState(input.submitted?.values ?? {}, input.submitted?.errors ?? []);
  const fields = [
    textField(state, { name: 'visitedOn', label: 'Tanggal kunjungan', type: 'date', hint: 'Hari Anda mengunjungi keluarga, paling lambat hari ini.' }),
    radioGroup(state, { name: 'outcome', label: 'Hasil kunjungan', choices: optionsOf(OUTREACH_OUTCOMES, OUTREACH_OUTCOME_LABELS) }),
    textArea(state, { name: 'note', label: 'Catatan', optional: true, hint: 'Misalnya siapa yang ditemui atau apa yang disepakati.' }),
  ].join('\n');
  return page({
    title: 'Catat kunjungan',
    eyebrow: EYEBROW,
    body: `${errorSummary(state, 'Kunjungan belum tercatat')}
${householdCard(input.household)}
<form method="post" action="${escapeHtml(input.formAction)}" class="card" novalidate>
<input type="hidden" name="${escapeHtml(input.csrfField.name)}" value="${escapeHtml(input.csrfField.value)}">
${fields}
<button type="submit">Simpan kunjungan</button>
</form>
<p><a href="${escapeHtml(input.listHref)}">Kembali ke daftar keluarga</a></p>`,
  });
}

function visitCard(household: OutreachHousehold): string {
  const visit = household.visit;
  if (!visit) return '';
  return `<section class="card"><dl>
<dt>Tanggal kunjungan</dt><dd>${escapeHtml(formatDay(visit.visitedOn))}</dd>
<dt>Hasil</dt><dd>${escapeHtml(OUTREACH_OUTCOME_LABELS[visit.outcome])}</dd>${visit.note ? `\n<dt>Catatan</dt><dd>${escapeHtml(visit.note)}</dd>` : ''}
</dl></section>`;
}

export function visitRecordedPage(household: OutreachHousehold, listHref: string, remaining: number): string {
  return page({
    title: 'Terima kasih, kunjungan tercatat',
    eyebrow: EYEBROW,
    body: `<section class="card ok"><p>Kunjungan ke keluarga ini sudah tersimpan.${remaining ? ` Masih ada ${remaining} keluarga lain menunggu kunjungan Anda.` : ' Semua kunjungan Anda sudah dicatat.'}</p></section>
${householdCard(household)}
${visitCard(household)}
<p><a href="${escapeHtml(listHref)}">Kembali ke daftar keluarga</a></p>`,
  });
}

export function visitAlreadyRecordedPage(household: OutreachHousehold, listHref: string): string {
  return page({
    title: 'Kunjungan sudah dicatat',
    eyebrow: EYEBROW,
    body: `<section class="card notice"><p>Kunjungan ke keluarga ini sudah dicatat sebelumnya, sehingga tidak dapat dicatat lagi. Bila catatan di bawah keliru, hubungi koordinator kecamatan Anda.</p></section>
${householdCard(household)}
${visitCard(household)}
<p><a href="${escapeHtml(listHref)}">Kembali ke daftar keluarga</a></p>`,
  });
}

export function householdNotInListPage(listHref: string): string {
  return page({
    title: 'Keluarga tidak ada di daftar Anda',
    eyebrow: EYEBROW,
    body: `<section class="card notice"><p>Keluarga ini tidak ada di daftar kunjungan Anda. Buka daftar untuk melihat keluarga yang menunggu kunjungan.</p><p><a href="${escapeHtml(listHref)}">Daftar keluarga</a></p></section>`,
  });
}

export function expiredOutreachPage(): string {
  return page({
    title: 'Tautan sudah kedaluwarsa',
    eyebrow: EYEBROW,
    body: '<section class="card notice"><p>Tautan kunjungan ini sudah kedaluwarsa. Buka tautan dari surel kunjungan pencegahan terbaru Anda, atau hubungi koordinator kecamatan untuk mencatat kunjungan yang tersisa.</p></section>',
  });
}
