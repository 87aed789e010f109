import type { FieldError } from '../../../domain/validation.js';
import type { FormFields } from '../form-data.js';
import type { ClosedReason, Contact, TaskPageInfo } from '../task-links.js';
import type { TaskType } from '../../../domain/tasks.js';
import { errorSummary, FormState, textArea } from './fields.js';
import { escapeHtml, formatDue, page } from './layout.js';
import { type KnownChild, TASK_FORM_RENDERERS } from './task-forms.js';

/** The task's facts; a page for a task that is no longer the reader's to do leaves out its deadline. */
export function summaryCard(info: TaskPageInfo, options: { due: boolean } = { due: true }): string {
  return `<section class="card"><dl>
<dt>Anak</dt><dd>${escapeHtml(info.childFirstName)}</dd>
<dt>Desa</dt><dd>${escapeHtml(info.desa)}, Kec. ${escapeHtml(info.kecamatanName)}</dd>${
    options.due ? `\n<dt>Batas waktu</dt><dd>${escapeHtml(formatDue(info.dueAt))}</dd>` : ''
  }
</dl></section>`;
}

export interface TaskFormPageInput<T extends TaskType = TaskType> {
  type: T;
  context: unknown;
  info: TaskPageInfo;
  csrfField: { name: string; value: string };
  child?: KnownChild;
  /** What was submitted, when the form comes back with errors; else the form starts from the task's data. */
  submitted?: { values: FormFields; errors: FieldError[] };
  /** Where the task's form posts; the page's own address when absent. */
  formAction?: string;
  /** Where the "cannot do this task" form posts, and what came back from it with errors. */
  decline?: { action: string; submitted?: { values: FormFields; errors: FieldError[] } };
}

/** The task's form; after a rejected submission, the same form with the officer's input and a message beside each wrong field. */
export function taskFormPage<T extends TaskType>(input: TaskFormPageInput<T>): string {
  const renderer = TASK_FORM_RENDERERS[input.type];
  const context = (input.context ?? {}) as Parameters<typeof renderer.context>[0];
  const state = new FormState(input.submitted?.values ?? renderer.initialValues(context, input.child), input.submitted?.errors ?? []);
  const fields = renderer.fields(state, context);
  const summary = errorSummary(state, 'Laporan belum tersimpan');
  return page({
    title: input.info.title,
    body: `${summary}
${summaryCard(input.info)}
${renderer.context(context)}
<form method="post"${input.formAction ? ` action="${escapeHtml(input.formAction)}"` : ''} class="card" novalidate>
<input type="hidden" name="${escapeHtml(input.csrfField.name)}" value="${escapeHtml(input.csrfField.value)}">
${fields}
<button type="submit">Kirim laporan</button>
</form>
${input.decline ? declineSection(input.decline, input.csrfField) : ''}`,
  });
}

/**
 * The way out for an officer who cannot do the task (on leave, outside their area): a reason, and the
 * task goes to their supervisor. It comes after the task's own form, so the form stays the page's first.
 */
function declineSection(decline: NonNullable<TaskFormPageInput['decline']>, csrfField: TaskFormPageInput['csrfField']): string {
  const state = new FormState(decline.submitted?.values ?? {}, decline.submitted?.errors ?? []);
  return `<section class="card" id="tolak"${decline.submitted ? ' role="alert"' : ''}>
<h2>Tidak dapat mengerjakan tugas ini?</h2>
<p>Bila Anda tidak dapat mengerjakannya, misalnya karena cuti atau di luar wilayah Anda, tuliskan alasannya. Tugas akan diteruskan kepada pengawas Anda untuk dialihkan kepada petugas lain.</p>
<form method="post" action="${escapeHtml(decline.action)}" novalidate>
<input type="hidden" name="${escapeHtml(csrfField.name)}" value="${escapeHtml(csrfField.value)}">
${textArea(state, { name: 'reason', label: 'Alasan tidak dapat mengerjakan', hint: 'Minimal 5 karakter.', maxLength: 500 })}
<button type="submit" class="secondary">Tidak dapat mengerjakan tugas ini</button>
</form>
</section>`;
}

/** After a decline: the task went to the supervisor, who is named. */
export function declinedPage(info: TaskPageInfo, holderName: string): string {
  return page({
    title: 'Tugas diteruskan kepada pengawas',
    body: `<section class="card ok"><h2>${escapeHtml(info.title)}</h2><p>Terima kasih. Tugas ini sudah diteruskan kepada ${escapeHtml(holderName)} untuk dialihkan kepada petugas lain. Anda tidak perlu mengerjakannya, dan tautan tugas ini tidak berlaku lagi.</p></section>
${summaryCard(info, { due: false })}`,
  });
}

const CLOSED_TEXTS: Record<ClosedReason, { title: string; text: string }> = {
  SUBMITTED: { title: 'Tugas ini sudah selesai', text: 'Laporan Anda untuk tugas ini sudah tersimpan. Tidak perlu mengirim lagi.' },
  COMPLETED: { title: 'Tugas ini sudah selesai', text: 'Tugas ini sudah diselesaikan, sehingga formulirnya tidak dapat diisi lagi.' },
  CANCELLED: { title: 'Tugas ini dibatalkan', text: 'Tugas ini tidak perlu dikerjakan lagi, misalnya karena kasusnya sudah ditutup.' },
  REASSIGNED: { title: 'Tugas ini dialihkan', text: 'Tugas ini sudah dialihkan ke petugas lain, sehingga tautan ini tidak berlaku lagi.' },
  DECLINED: { title: 'Tugas ini sudah Anda tolak', text: 'Anda sudah menyatakan tidak dapat mengerjakan tugas ini. Tugas diteruskan kepada pengawas untuk dialihkan, sehingga tautan ini tidak berlaku lagi.' },
};

export function contactParagraph(contact: Contact | undefined): string {
  if (!contact) return '<p>Bila ada pertanyaan, hubungi pengawas kecamatan Anda.</p>';
  return `<p>Bila ada pertanyaan, hubungi ${escapeHtml(contact.name)} (pengawas Kec. ${escapeHtml(contact.kecamatanName)}) di <a href="mailto:${escapeHtml(contact.email)}">${escapeHtml(contact.email)}</a>.</p>`;
}

/** A link that no longer opens a form says what happened and whom to ask. `detail` is the workflow's own explanation, when it gave one. */
export function closedTaskPage(reason: ClosedReason, info: TaskPageInfo, contact: Contact | undefined, detail?: string): string {
  const text = CLOSED_TEXTS[reason];
  return page({
    title: text.title,
    body: `<section class="card notice"><h2>${escapeHtml(info.title)}</h2><p>${escapeHtml(text.text)}</p>${
      detail && detail !== text.text ? `<p>${escapeHtml(detail)}</p>` : ''
    }${contactParagraph(contact)}</section>
${summaryCard(info, { due: false })}`,
  });
}

export function confirmationPage(info: TaskPageInfo): string {
  return page({
    title: 'Terima kasih, laporan tersimpan',
    body: `<section class="card ok"><h2>${escapeHtml(info.title)}</h2><p>Laporan Anda sudah kami terima dan kasus akan dilanjutkan ke langkah berikutnya. Halaman ini boleh ditutup.</p></section>
${summaryCard(info, { due: false })}`,
  });
}

export function unknownLinkPage(): string {
  return page({
    title: 'Tautan tidak dikenal',
    body: `<section class="card notice"><p>Tautan tugas ini tidak dikenal. Pastikan Anda membuka tautan lengkap dari surel penugasan.</p><p>Bila masalah berlanjut, hubungi pengawas kecamatan Anda.</p></section>`,
  });
}

/** For failures that are not about the task itself: too many attempts, a server fault, a stale form. */
export function problemPage(title: string, message: string): string {
  return page({ title, body: `<section class="card summary"><p>${escapeHtml(message)}</p></section>` });
}
