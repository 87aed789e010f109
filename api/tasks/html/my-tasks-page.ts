import type { MyTask } from '../my-tasks-links.js';
import { escapeHtml, formatDue, page } from './layout.js';

/** The officer's open tasks with their due dates, overdue ones marked; each opens its task page. */
export function myTasksPage(input: { officerName: string; tasks: MyTask[]; taskHref: (ref: string) => string; now: Date }): string {
  if (input.tasks.length === 0) {
    return page({
      title: 'Tugas Anda',
      body: `<section class="card ok"><p>${escapeHtml(input.officerName)}, saat ini tidak ada tugas terbuka untuk Anda.</p></section>`,
    });
  }
  const items = input.tasks
    .map(({ ref, info }) => {
      const overdue = info.dueAt.getTime() < input.now.getTime();
      return `<li><a class="task" href="${escapeHtml(input.taskHref(ref))}">${escapeHtml(info.title)}</a>
<span>Anak: ${escapeHtml(info.childFirstName)} · Desa ${escapeHtml(info.desa)}, Kec. ${escapeHtml(info.kecamatanName)}</span><br>
<span${overdue ? ' class="overdue"' : ''}>${overdue ? 'Terlambat — batas ' : 'Batas '}${escapeHtml(formatDue(info.dueAt))}</span></li>`;
    })
    .join('\n');
  const overdueCount = input.tasks.filter(({ info }) => info.dueAt.getTime() < input.now.getTime()).length;
  return page({
    title: 'Tugas Anda',
    body: `<section class="card notice"><p>${escapeHtml(input.officerName)}, Anda memiliki ${input.tasks.length} tugas terbuka${
      overdueCount ? `, <strong class="overdue">${overdueCount} terlambat</strong>` : ''
    }. Ketuk tugas untuk membukanya.</p></section>
<section class="card"><ul class="tasks">
${items}
</ul></section>`,
  });
}

export function expiredMyTasksPage(): string {
  return page({
    title: 'Tautan sudah kedaluwarsa',
    body: '<section class="card notice"><p>Tautan daftar tugas ini sudah kedaluwarsa. Buka tautan “Daftar semua tugas Anda” dari surel tugas terbaru Anda.</p></section>',
  });
}

export function taskNotInListPage(): string {
  return page({
    title: 'Tugas tidak lagi di daftar Anda',
    body: '<section class="card notice"><p>Tugas ini sudah selesai, dibatalkan, atau dialihkan kepada petugas lain. Kembali ke daftar tugas Anda untuk melihat tugas yang masih terbuka.</p></section>',
  });
}
