import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { issueTaskBoundToken } from '../../activities/officer-links.js';
import { z } from '../../domain/validation.js';
import { sendHtml } from './html-reply.js';
import { unknownLinkPage } from './html/pages.js';
import { expiredMyTasksPage, myTasksPage, taskNotInListPage } from './html/my-tasks-page.js';
import { openTasksOf } from './my-tasks-links.js';
import { resolveOfficerLink } from './officer-links.js';
import { linkTokenSchema } from './task-links.js';

const listParams = z.object({ token: linkTokenSchema });
const taskParams = z.object({ token: linkTokenSchema, taskRef: z.string().uuid() });

/**
 * /petugas/:token: an officer's own list of open tasks, from the personal link in every task email.
 * Task links are stored only as hashes, so the list cannot show the ones already emailed: each entry
 * leads through /petugas/:token/tugas/:taskRef, which issues a fresh task link bound to the officer
 * and the task (only if the task is still open and theirs) and redirects to it.
 */
export const myTasksRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/petugas/:token',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Daftar tugas petugas (HTML)',
        description: 'Tugas terbuka petugas dengan batas waktunya; tugas yang terlambat ditandai.',
        params: listParams,
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      const state = await resolveOfficerLink(app.prisma, token, 'MY_TASKS');
      if (state.kind === 'UNKNOWN') return sendHtml(reply, 404, unknownLinkPage());
      if (state.kind === 'EXPIRED') return sendHtml(reply, 410, expiredMyTasksPage());
      const tasks = await openTasksOf(app.prisma, state.officer.id);
      return sendHtml(reply, 200, myTasksPage({ officerName: state.officer.name, tasks, taskHref: (ref) => `/petugas/${token}/tugas/${ref}`, now: new Date() }));
    },
  );

  app.get(
    '/petugas/:token/tugas/:taskRef',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Buka tugas dari daftar tugas',
        description: 'Menerbitkan tautan tugas baru untuk petugas dan mengalihkan (303) ke halaman tugas.',
        params: taskParams,
      },
    },
    async (request, reply) => {
      const { token, taskRef } = request.params;
      const state = await resolveOfficerLink(app.prisma, token, 'MY_TASKS');
      if (state.kind === 'UNKNOWN') return sendHtml(reply, 404, unknownLinkPage());
      if (state.kind === 'EXPIRED') return sendHtml(reply, 410, expiredMyTasksPage());
      const task = await app.prisma.task.findFirst({ where: { id: taskRef, assigneeId: state.officer.id, status: 'OPEN' } });
      const taskToken = task ? await issueTaskBoundToken(app.prisma, task.id, state.officer.id, 'TASK') : undefined;
      if (taskToken === undefined) return sendHtml(reply, 404, taskNotInListPage());
      return reply.redirect(`/tasks/${taskToken}`, 303);
    },
  );
};
