import type { FastifyRequest } from 'fastify';
import { escapeHtml } from '../../tasks/html/layout.js';
import { publicStaffPage, staffPage } from './layout.js';

const TITLES: Record<number, string> = {
  400: 'Data tidak valid',
  403: 'Akses ditolak',
  404: 'Tidak ditemukan',
  409: 'Tidak dapat diproses',
  429: 'Terlalu banyak permintaan',
};

/** A refusal or failure of a staff page as a page: the caller stays inside the application and knows what to do next. */
export function staffErrorPage(request: FastifyRequest, status: number, message: string): string {
  const title = TITLES[status] ?? 'Terjadi kesalahan';
  const body = `<div class="card summary" role="alert"><p>${escapeHtml(message)}</p><p><a href="/dasbor">Kembali ke dasbor</a></p></div>`;
  const principal = request.principal as typeof request.principal | null;
  return principal ? staffPage({ title, principal, csrfToken: request.csrfToken, body }) : publicStaffPage(title, body);
}
