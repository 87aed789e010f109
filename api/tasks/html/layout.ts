import { escapeHtml, htmlDocument } from '../../html/document.js';
import { formatDeadline } from '../../../emails/format.js';

/**
 * The shell of every task page: one HTML document with its CSS inline, no scripts and no
 * external files, readable on a small phone in bright daylight.
 */
const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:18px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;background:#f3f4f6}
header{background:#0b4f6c;color:#fff;padding:1rem}
header p{margin:0;font-size:.9rem;opacity:.9}
header h1{margin:.25rem 0 0;font-size:1.35rem;line-height:1.3}
main{max-width:40rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:.5rem;padding:1rem;margin-bottom:1rem;border:1px solid #d1d5db}
dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}
dt{font-weight:600}dd{margin:0}
.field{margin:0 0 1.25rem;border:0;padding:0}
label,legend{display:block;font-weight:600;margin-bottom:.35rem}
.hint{margin:.1rem 0 .4rem;color:#4b5563;font-size:.9rem}
input[type=text],input[type=date],input[type=number],select,textarea{width:100%;min-height:3rem;padding:.6rem .75rem;font:inherit;border:2px solid #6b7280;border-radius:.375rem;background:#fff;color:#111827}
textarea{min-height:6rem}
input:focus,select:focus,textarea:focus,button:focus{outline:3px solid #f59e0b;outline-offset:2px}
.choice{display:flex;align-items:center;gap:.75rem;min-height:3rem;padding:.5rem .75rem;margin:.35rem 0;border:2px solid #d1d5db;border-radius:.375rem;font-weight:400;background:#fff}
.choice input{width:1.5rem;height:1.5rem;margin:0;flex:none}
.has-error input[type=text],.has-error input[type=date],.has-error input[type=number],.has-error select,.has-error textarea,.has-error .choice{border-color:#b91c1c}
.error{color:#b91c1c;font-weight:600;margin:.2rem 0 .4rem}
.summary{border:3px solid #b91c1c;background:#fef2f2}
.notice{border-left:6px solid #0b4f6c}
.ok{border-left:6px solid #047857}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #e5e7eb;vertical-align:top}
button{display:block;width:100%;min-height:3.25rem;font:inherit;font-weight:700;color:#fff;background:#0b4f6c;border:0;border-radius:.375rem;padding:.75rem;cursor:pointer}
button.secondary{background:#fff;color:#7f1d1d;border:2px solid #7f1d1d}
.overdue{color:#b91c1c;font-weight:700}
ul.tasks{list-style:none;margin:0;padding:0}ul.tasks li{border-top:1px solid #e5e7eb;padding:.75rem 0}ul.tasks li:first-child{border-top:0}
a.task{display:block;min-height:3rem;font-weight:700;padding:.25rem 0}
h2{font-size:1.15rem;margin:0 0 .75rem}
a{color:#0b4f6c}
`;

export { escapeHtml };

/** `eyebrow` is the small line above the heading (e.g. the service name). */
export function page(options: { title: string; eyebrow?: string; body: string }): string {
  return htmlDocument({
    title: options.title,
    style: STYLE,
    body: `<header><p>${escapeHtml(options.eyebrow ?? 'Penanganan Anak Tidak Sekolah · Kabupaten Kutai Timur')}</p><h1>${escapeHtml(options.title)}</h1></header>
<main>
${options.body}
</main>`,
  });
}

/** A deadline as officers in Kutai Timur read it, written as their emails write it: "Kamis, 3 Desember 2026 pukul 17.00 WITA". */
export function formatDue(date: Date): string {
  return formatDeadline(date.getTime());
}

/** A calendar date (YYYY-MM-DD) in Indonesian, e.g. "14 Juli 2025". */
export { indonesianDay as formatDay } from '../../../domain/period.js';
