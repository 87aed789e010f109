import type { OfficerRole } from '../../../domain/tasks.js';
import type { FieldError } from '../../../domain/validation.js';
import type { FormFields } from '../form-data.js';
import type { ReassignClosedReason } from '../reassign-links.js';
import type { TaskPageInfo } from '../task-links.js';
import { errorSummary, FormState, radioGroup, textArea } from './fields.js';
import { escapeHtml, formatDue, page } from './layout.js';
import { summaryCard } from './pages.js';

const ROLE_LABELS: Record<OfficerRole, string> = {
  FIELD_OFFICER: 'Petugas lapangan',
  SUPERVISOR: 'Pengawas',
  COORDINATOR: 'Koordinator',
  HEAD: 'Kepala dinas',
};

export interface Candidate {
  id: string;
  name: string;
  role: string;
  desa: string | null;
}

export interface ReassignFormPageInput {
  info: TaskPageInfo;
  assigneeName: string;
  /** The supervisor opening the page holds the task (after a decline): the page speaks to them, not of them. */
  heldByViewer: boolean;
  declined?: { officerName: string; reason: string };
  candidates: Candidate[];
  csrfField: { name: string; value: string };
  submitted?: { values: FormFields; errors: FieldError[] };
}

function candidateLabel(candidate: Candidate): string {
  const role = ROLE_LABELS[candidate.role as OfficerRole] ?? candidate.role;
  return `${candidate.name} — ${role}${candidate.desa ? `, Desa ${candidate.desa}` : ''}`;
}

/** The supervisor's page: who holds the task now, whom it may go to, and why it moves. */
export function reassignFormPage(input: ReassignFormPageInput): string {
  const state = new FormState(input.submitted?.values ?? {}, input.submitted?.errors ?? []);
  const holder = `<section class="card notice">${
    input.declined
      ? `<p><strong>${escapeHtml(input.declined.officerName)}</strong> tidak dapat mengerjakan tugas ini, dengan alasan: “${escapeHtml(input.declined.reason)}”</p>`
      : ''
  }<p>${
    input.heldByViewer ? 'Tugas ini sekarang Anda pegang.' : `Saat ini tugas ini dipegang oleh <strong>${escapeHtml(input.assigneeName)}</strong>.`
  } Pilih petugas yang akan mengerjakannya; petugas tersebut menerima surel dengan tautan baru, dan tautan lama tidak berlaku lagi.</p></section>`;
  if (input.candidates.length === 0) {
    return page({
      title: 'Alihkan tugas',
      body: `${summaryCard(input.info)}
${holder}
<section class="card summary"><p>Tidak ada petugas lain yang aktif di wilayah ini untuk menerima tugas ini. Hubungi koordinator ATS Disdikbud.</p></section>`,
    });
  }
  const fields = [
    radioGroup(state, { name: 'officerId', label: 'Alihkan kepada', choices: input.candidates.map((c) => [c.id, candidateLabel(c)] as const) }),
    textArea(state, { name: 'reason', label: 'Alasan pengalihan', hint: 'Minimal 5 karakter. Dicatat dalam riwayat kasus.', maxLength: 500 }),
  ].join('\n');
  return page({
    title: 'Alihkan tugas',
    body: `${errorSummary(state, 'Tugas belum dialihkan')}
${summaryCard(input.info)}
${holder}
<form method="post" class="card" novalidate>
<input type="hidden" name="${escapeHtml(input.csrfField.name)}" value="${escapeHtml(input.csrfField.value)}">
${fields}
<button type="submit">Alihkan tugas</button>
</form>`,
  });
}

export function reassignedPage(info: TaskPageInfo, assigneeName: string, dueAt: Date): string {
  return page({
    title: 'Tugas sudah dialihkan',
    body: `<section class="card ok"><h2>${escapeHtml(info.title)}</h2><p>Tugas ini sekarang dipegang oleh <strong>${escapeHtml(assigneeName)}</strong>, dengan batas waktu ${escapeHtml(formatDue(dueAt))}. Petugas tersebut sudah dikirimi surel dengan tautan tugasnya. Halaman ini boleh ditutup.</p></section>
${summaryCard(info, { due: false })}`,
  });
}

const CLOSED_TEXTS: Record<ReassignClosedReason, { title: string; text: (assignee: string) => string }> = {
  COMPLETED: { title: 'Tugas ini sudah selesai', text: () => 'Tugas ini sudah diselesaikan, sehingga tidak perlu dialihkan lagi.' },
  CANCELLED: { title: 'Tugas ini dibatalkan', text: () => 'Tugas ini tidak perlu dikerjakan lagi, misalnya karena kasusnya sudah ditutup.' },
  USED: {
    title: 'Tautan ini sudah digunakan',
    text: (assignee) => `Tugas ini sudah dialihkan melalui tautan ini dan sekarang dipegang oleh ${assignee}. Untuk mengalihkannya lagi, gunakan tautan dari surel yang lebih baru.`,
  },
};

export function reassignClosedPage(reason: ReassignClosedReason, info: TaskPageInfo, assigneeName: string, detail?: string): string {
  const text = CLOSED_TEXTS[reason];
  return page({
    title: text.title,
    body: `<section class="card notice"><h2>${escapeHtml(info.title)}</h2><p>${escapeHtml(text.text(assigneeName))}</p>${
      detail ? `<p>${escapeHtml(detail)}</p>` : ''
    }</section>
${summaryCard(info, { due: false })}`,
  });
}
