import type { FastifyReply, FastifyRequest } from 'fastify';

/** Officers' pages are whole HTML documents in UTF-8. */
export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(html);
}

/** Officers' links also take JSON from integrations: such a caller gets JSON back, a browser gets a page. */
export function isJsonRequest(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}
