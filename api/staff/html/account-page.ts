import type { Principal } from '../../../domain/access.js';
import { STAFF_ROLE_LABELS } from '../../../domain/access.js';
import { MIN_PASSWORD_LENGTH } from '../../../domain/staff.js';
import type { FieldError } from '../../../domain/validation.js';
import { escapeHtml } from '../../tasks/html/layout.js';
import { areaLabel, csrfField, staffPage } from './layout.js';

export interface AccountPageOptions {
  principal: Principal;
  csrfToken: string;
  email: string;
  errors?: FieldError[];
  changed?: boolean;
}

export function accountPage(options: AccountPageOptions): string {
  const { principal } = options;
  const errorOf = (field: string) => options.errors?.find((error) => error.field === field)?.message;
  const passwordField = (name: string, label: string, autocomplete: string, hint?: string) => {
    const error = errorOf(name);
    return `<div class="field${error ? ' has-error' : ''}"><label for="${name}">${label}</label>${hint ? `<p class="muted" id="${name}-hint">${hint}</p>` : ''}${error ? `<p class="error" id="${name}-error">${escapeHtml(error)}</p>` : ''}<input type="password" id="${name}" name="${name}" autocomplete="${autocomplete}" required${error ? ` aria-invalid="true" aria-describedby="${name}-error"` : hint ? ` aria-describedby="${name}-hint"` : ''}></div>`;
  };
  const body = `${options.changed ? '<div class="card ok" role="status"><p>Kata sandi sudah diganti. Sesi lain akun ini sudah diakhiri.</p></div>' : ''}
<div class="card"><h2>Akun Anda</h2><table>
<tr><th scope="row">Nama</th><td>${escapeHtml(principal.name)}</td></tr>
<tr><th scope="row">Email</th><td>${escapeHtml(options.email)}</td></tr>
<tr><th scope="row">Peran</th><td>${escapeHtml(STAFF_ROLE_LABELS[principal.role])}</td></tr>
<tr><th scope="row">Wilayah</th><td>${escapeHtml(areaLabel(principal.scope))}</td></tr>
</table></div>
<form method="post" action="/akun/kata-sandi" class="card" style="max-width:30rem">
<h2>Ganti kata sandi</h2>
${csrfField(options.csrfToken)}
${passwordField('currentPassword', 'Kata sandi sekarang', 'current-password')}
${passwordField('newPassword', 'Kata sandi baru', 'new-password', `Minimal ${MIN_PASSWORD_LENGTH} karakter.`)}
<button type="submit">Ganti kata sandi</button>
</form>`;
  return staffPage({ title: 'Akun', principal, csrfToken: options.csrfToken, body });
}
