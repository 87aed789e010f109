import { may, type Permission, type Principal, STAFF_ROLE_LABELS } from '../../../domain/access.js';
import { kecamatanName } from '../../../domain/kecamatan.js';
import { htmlDocument } from '../../html/document.js';
import { escapeHtml } from '../../tasks/html/layout.js';

/**
 * The shell of every staff page: one document with its CSS inline and no external files, laid out
 * for a laptop and still usable on a tablet held upright (768 px).
 */
const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;background:#f3f4f6}
.top{background:#0b4f6c;color:#fff}
.top .bar{max-width:75rem;margin:0 auto;padding:.6rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.25rem}
.brand{font-weight:700;color:#fff;text-decoration:none;margin-right:auto}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
nav a{display:inline-block;color:#fff;text-decoration:none;padding:.45rem .7rem;border-radius:.3rem;min-height:2.75rem;line-height:1.85rem}
nav a[aria-current=page]{background:#fff;color:#0b4f6c;font-weight:700}
nav a:hover{background:rgba(255,255,255,.15)}nav a[aria-current=page]:hover{background:#fff}
.who{display:flex;align-items:center;gap:.6rem;font-size:.9rem}
.who a{color:#fff}.who form{margin:0}.who button{min-height:2.75rem;padding:.3rem .8rem;background:#fff;color:#0b4f6c;border:0;border-radius:.3rem;font:inherit;font-weight:700;cursor:pointer}
main{max-width:75rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:0 0 .75rem}
.card{background:#fff;border-radius:.5rem;padding:1rem;margin-bottom:1rem;border:1px solid #d1d5db}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr))}
.figure{font-size:2rem;font-weight:700;line-height:1.1}.figure-label{color:#374151}
table{width:100%;border-collapse:collapse;font-size:.95rem}th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid #e5e7eb;vertical-align:top}
th{background:#f9fafb;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.table-wrap{overflow-x:auto}
label{display:block;font-weight:600;margin-bottom:.3rem}
.field{margin:0 0 1rem}fieldset.field{border:0;padding:0}legend{font-weight:600;margin-bottom:.3rem}
.hint{margin:.1rem 0 .35rem;color:#4b5563;font-size:.9rem}
.choice{display:inline-flex;align-items:center;gap:.4rem;min-height:2.25rem;margin:.1rem .9rem .1rem 0;font-weight:400}
.choice input{width:1.15rem;height:1.15rem;margin:0}
.actions{display:flex;flex-wrap:wrap;gap:.4rem}.actions form{margin:0}.actions button{min-height:2.25rem;padding:.25rem .7rem;font-size:.9rem}
input[type=text],input[type=email],input[type=password],input[type=date],input[type=number],input[type=file],select,textarea{width:100%;min-height:2.75rem;padding:.5rem .65rem;font:inherit;border:2px solid #6b7280;border-radius:.3rem;background:#fff;color:#111827}
textarea{min-height:5rem}
input:focus,select:focus,textarea:focus,button:focus,a:focus{outline:3px solid #f59e0b;outline-offset:2px}
.filters{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));align-items:end}
.filters .field{margin:0}
button,.button{display:inline-block;min-height:2.75rem;font:inherit;font-weight:700;color:#fff;background:#0b4f6c;border:0;border-radius:.3rem;padding:.5rem 1rem;cursor:pointer;text-decoration:none;text-align:center}
button.secondary,.button.secondary{background:#fff;color:#0b4f6c;border:2px solid #0b4f6c}
button.danger{background:#991b1b}
.error{color:#b91c1c;font-weight:600;margin:.2rem 0 .4rem}
.has-error input,.has-error select,.has-error textarea{border-color:#b91c1c}
.summary{border:3px solid #b91c1c;background:#fef2f2}
.ok{border-left:6px solid #047857}.notice{border-left:6px solid #0b4f6c}
.overdue{color:#b91c1c;font-weight:700}
.muted{color:#4b5563}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:999px;background:#e5e7eb;font-size:.85rem}
a{color:#0b4f6c}
progress{width:100%;height:1.5rem}
`;

interface NavItem {
  href: string;
  label: string;
  permission: Permission;
}

const NAV: readonly NavItem[] = [
  { href: '/dasbor', label: 'Dasbor', permission: 'cases.read' },
  { href: '/kasus', label: 'Kasus', permission: 'cases.read' },
  { href: '/impor', label: 'Impor', permission: 'cases.import' },
  { href: '/tinjauan-duplikat', label: 'Tinjauan duplikat', permission: 'cases.read' },
  { href: '/rekonsiliasi', label: 'Rekonsiliasi', permission: 'cases.read' },
  { href: '/audit', label: 'Audit', permission: 'audit.read' },
  { href: '/admin', label: 'Admin', permission: 'staff.manage' },
];

export interface StaffPageOptions {
  title: string;
  principal: Principal;
  /** The session's form token: the sign-out button posts it. Empty for API-key callers, who have no session. */
  csrfToken: string;
  body: string;
  /** The nav entry to mark as the current page, by its href. */
  active?: string;
}

export function staffPage(options: StaffPageOptions): string {
  const { principal } = options;
  const items = NAV.filter((item) => may(principal.role, item.permission))
    .map((item) => `<li><a href="${item.href}"${item.href === options.active ? ' aria-current="page"' : ''}>${escapeHtml(item.label)}</a></li>`)
    .join('');
  const signOut = options.csrfToken
    ? `<form method="post" action="/keluar"><input type="hidden" name="_csrf" value="${escapeHtml(options.csrfToken)}"><button type="submit">Keluar</button></form>`
    : '';
  return document(
    options.title,
    `<header class="top"><div class="bar">
<a class="brand" href="/dasbor">ATS Kutai Timur</a>
<nav aria-label="Menu utama"><ul>${items}</ul></nav>
<div class="who"><span>${principal.kind === 'USER' ? `<a href="/akun">${escapeHtml(principal.name)}</a>` : escapeHtml(principal.name)} · ${escapeHtml(STAFF_ROLE_LABELS[principal.role])} · ${escapeHtml(areaLabel(principal.scope))}</span>${signOut}</div>
</div></header>
<main>
<h1>${escapeHtml(options.title)}</h1>
${options.body}
</main>`,
  );
}

/** A page for someone who is not signed in (the sign-in page itself). */
export function publicStaffPage(title: string, body: string): string {
  return document(title, `<header class="top"><div class="bar"><span class="brand">ATS Kutai Timur</span></div></header><main>${body}</main>`);
}

function document(title: string, body: string): string {
  return htmlDocument({ title, style: STYLE, body });
}

export function areaLabel(scope: readonly string[]): string {
  return scope.length === 0 ? 'Seluruh Kutai Timur' : scope.map(kecamatanName).join(', ');
}

/** The hidden field every staff form carries. */
export function csrfField(token: string): string {
  return `<input type="hidden" name="_csrf" value="${escapeHtml(token)}">`;
}
