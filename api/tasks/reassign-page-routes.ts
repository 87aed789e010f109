import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eligibleAssignees } from '../../activities/officer-directory.js';
import { reassignFormSchema } from '../../domain/task-moves.js';
import { type FieldError, z } from '../../domain/validation.js';
import { UPDATE_REJECTIONS } from '../../workflows/messages.js';
import { sendHtml } from './html-reply.js';
import { CSRF_FIELD, csrfTokenFor, isValidCsrfToken } from './csrf.js';
import { type FormFields, formToObject } from './form-data.js';
import { problemPage, unknownLinkPage } from './html/pages.js';
import { reassignClosedPage, reassignedPage, reassignFormPage } from './html/reassign-pages.js';
import { markReassignLinkUsed, type OpenReassignLink, resolveReassignLink } from './reassign-links.js';
import { linkTokenSchema } from './task-links.js';
import { reassignTask } from './reassign-service.js';

const paramsSchema = z.object({ token: linkTokenSchema });

/**
 * /penyelia/:token: a supervisor's page, opened from an escalation or decline email, to hand a task
 * to another officer (HTML, no login, no JavaScript). The link is bound to that supervisor and that
 * task, stored only as a hash, and works for one reassignment.
 */
export const reassignPageRoutes: FastifyPluginAsyncZod = async (app) => {
  const secret = app.env.CASE_KEY_SECRET!;
  const formPage = async (link: OpenReassignLink, submitted?: { values: FormFields; errors: FieldError[] }): Promise<string> => {
    const notCandidates = new Set([link.assignee.id, link.declined?.officer.id]);
    const candidates = (await eligibleAssignees(app.prisma, link.task.type, link.task.kecamatan)).filter((o) => !notCandidates.has(o.id));
    return reassignFormPage({
      info: link.info,
      assigneeName: link.assignee.name,
      heldByViewer: link.assignee.id === link.supervisor.id,
      ...(link.declined ? { declined: { officerName: link.declined.officer.name, reason: link.declined.reason } } : {}),
      candidates,
      csrfField: { name: CSRF_FIELD, value: csrfTokenFor(secret, link.tokenHash, 'reassign-form') },
      ...(submitted ? { submitted } : {}),
    });
  };

  app.get(
    '/penyelia/:token',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Halaman pengalihan tugas untuk pengawas (HTML)',
        description: 'Daftar petugas yang dapat menerima tugas, dari tautan dalam surel eskalasi atau penolakan tugas.',
        params: paramsSchema,
      },
    },
    async (request, reply) => {
      const state = await resolveReassignLink(app.prisma, request.params.token);
      if (state.kind === 'UNKNOWN') return sendHtml(reply, 404, unknownLinkPage());
      if (state.kind === 'CLOSED') return sendHtml(reply, 410, reassignClosedPage(state.reason, state.info, state.assigneeName));
      return sendHtml(reply, 200, await formPage(state.link));
    },
  );

  app.post(
    '/penyelia/:token',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Alihkan tugas kepada petugas lain',
        description: 'Formulir HTML dengan `officerId` (petugas dari daftar) dan `reason` (5–500 karakter).',
        params: paramsSchema,
      },
    },
    async (request, reply) => {
      const state = await resolveReassignLink(app.prisma, request.params.token);
      if (state.kind === 'UNKNOWN') return sendHtml(reply, 404, unknownLinkPage());
      if (state.kind === 'CLOSED') return sendHtml(reply, 409, reassignClosedPage(state.reason, state.info, state.assigneeName));
      const { link } = state;
      const fields = (request.body ?? {}) as FormFields;
      if (!isValidCsrfToken(secret, link.tokenHash, fields[CSRF_FIELD], 'reassign-form')) {
        return sendHtml(reply, 403, problemPage('Formulir kedaluwarsa', 'Formulir ini tidak dapat diproses. Buka kembali tautan dari surel Anda, lalu isi ulang.'));
      }
      const form = formToObject(fields, reassignFormSchema);
      const updateId = `task-reassign-${createHash('sha256').update(link.tokenHash).update('\n').update(JSON.stringify(form)).digest('hex').slice(0, 32)}`;
      const outcome = await reassignTask(
        { prisma: app.prisma, temporal: app.temporal },
        link.task,
        form,
        { kind: 'OFFICER', id: link.supervisor.id },
        updateId,
      );
      switch (outcome.kind) {
        case 'REASSIGNED':
          await markReassignLinkUsed(app.prisma, link.tokenRowId);
          return sendHtml(reply, 200, reassignedPage(link.info, outcome.moved.assignee.name, new Date(outcome.moved.dueAt)));
        case 'INVALID':
          return sendHtml(reply, 400, await formPage(link, { values: fields, errors: outcome.fields }));
        case 'REFUSED': {
          const reason = outcome.message === UPDATE_REJECTIONS.TASK_COMPLETED ? 'COMPLETED' : 'CANCELLED';
          const busy = outcome.message === UPDATE_REJECTIONS.TASK_BEING_MOVED;
          return busy
            ? sendHtml(reply, 409, problemPage('Tugas sedang dialihkan', outcome.message))
            : sendHtml(reply, 409, reassignClosedPage(reason, link.info, link.assignee.name, outcome.message));
        }
      }
    },
  );
};
