import { escapeHtml } from '../../tasks/html/layout.js';
import { publicStaffPage } from './layout.js';

export interface SignInPageOptions {
  next: string;
  email?: string;
  /** Why the last attempt failed, or why the visitor is here (signed out, session ended). */
  problem?: string;
  notice?: string;
}

export function signInPage(options: SignInPageOptions): string {
  const problem = options.problem
    ? `<div class="card summary" role="alert" id="masalah"><p>${escapeHtml(options.problem)}</p></div>`
    : '';
  const notice = options.notice ? `<div class="card ok" role="status"><p>${escapeHtml(options.notice)}</p></div>` : '';
  return publicStaffPage(
    'Masuk',
    `<div style="max-width:26rem;margin:2rem auto">
<h1>Masuk untuk petugas dinas</h1>
${notice}${problem}
<form method="post" action="/masuk" class="card"${options.problem ? ' aria-describedby="masalah"' : ''}>
<input type="hidden" name="lanjut" value="${escapeHtml(options.next)}">
<div class="field"><label for="email">Email dinas</label><input type="email" id="email" name="email" autocomplete="username" required value="${escapeHtml(options.email ?? '')}"></div>
<div class="field"><label for="password">Kata sandi</label><input type="password" id="password" name="password" autocomplete="current-password" required></div>
<button type="submit">Masuk</button>
</form>
<p class="muted">Petugas lapangan tidak perlu masuk: buka tautan tugas dari surel Anda.</p>
</div>`,
  );
}
