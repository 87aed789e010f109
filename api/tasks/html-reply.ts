import type { FastifyReply } from 'fastify';

/** Officers' pages are whole HTML documents in UTF-8. */
export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(html);
}
