import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { declineFormSchema } from '../../domain/task-moves.js';
import { taskFormSchemas } from '../../domain/tasks.js';
import { type FieldError, z } from '../../domain/validation.js';
import { UPDATE_REJECTIONS } from '../../workflows/messages.js';
import { ApiError, notFound, validationFailed } from '../../use-cases/errors.js';
import { sendApiError, toApiError } from '../plugins/error-handler.js';
import { CSRF_FIELD, csrfTokenFor, isValidCsrfToken } from './csrf.js';
import { declineTask } from './decline-service.js';
import { type FormFields, formToObject } from './form-data.js';
import { isJsonRequest, sendHtml } from './html-reply.js';
import { closedTaskPage, confirmationPage, declinedPage, problemPage, taskFormPage, unknownLinkPage } from './html/pages.js';
import { myTasksRoutes } from './my-tasks-routes.js';
import { outreachRoutes } from './outreach-routes.js';
import { reassignPageRoutes } from './reassign-page-routes.js';
import { submitTaskForm } from './submit-service.js';
import { type ClosedReason, linkTokenSchema, type OpenTaskLink, resolveTaskLink, supervisorContact } from './task-links.js';

/** Officers open these from the link in their email; a link is its own credential, so guessing is throttled per address. */
const RATE_LIMIT = { max: 30, timeWindow: '1 minute' } as const;

const paramsSchema = z.object({ token: linkTokenSchema });

const CLOSED_REASON_OF_REJECTION: Record<string, ClosedReason> = {
  [UPDATE_REJECTIONS.TASK_CANCELLED]: 'CANCELLED',
  [UPDATE_REJECTIONS.CASE_CLOSED]: 'CANCELLED',
  [UPDATE_REJECTIONS.NOT_THE_ASSIGNEE]: 'REASSIGNED',
  [UPDATE_REJECTIONS.TASK_BEING_MOVED]: 'REASSIGNED',
};

type Submitted = { values: FormFields; errors: FieldError[] };

/**
 * /tasks/:token: the page an officer opens from an email (HTML, no login, no JavaScript) and its
 * submission, which integrations may also send as JSON in the same shape as the task's schema;
 * /tasks/:token/tolak: the officer cannot do the task and it goes to their supervisor. The officers'
 * other pages (a supervisor's reassignment page, an officer's list of tasks, an officer's preventive
 * visits) live beside them, under
 * the same rate limit and error pages.
 */
export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const secret = app.env.CASE_KEY_SECRET;
  if (!secret) throw new Error('CASE_KEY_SECRET must be set before the task routes are registered');
  const formPage = (token: string, link: OpenTaskLink, submitted?: { task?: Submitted; decline?: Submitted }): string =>
    taskFormPage({
      type: link.type,
      context: link.context,
      info: link.info,
      csrfField: { name: CSRF_FIELD, value: csrfTokenFor(secret, link.tokenHash) },
      formAction: `/tasks/${token}`,
      decline: { action: `/tasks/${token}/tolak`, ...(submitted?.decline ? { submitted: submitted.decline } : {}) },
      ...(link.child ? { child: link.child } : {}),
      ...(submitted?.task ? { submitted: submitted.task } : {}),
    });

  /**
   * What every submission through a task link goes through first: the link must be known and its task
   * open, and a browser form must carry its CSRF field. Answers the request itself when it may not go on.
   */
  const openForSubmission = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
  ): Promise<{ json: boolean; link: OpenTaskLink; fields: FormFields } | undefined> => {
    const json = isJsonRequest(request);
    const state = await resolveTaskLink(app.prisma, token);
    if (state.kind === 'UNKNOWN') {
      void (json ? sendApiError(notFound(), reply) : sendHtml(reply, 404, unknownLinkPage()));
      return undefined;
    }
    if (state.kind === 'CLOSED') {
      void (json
        ? sendApiError(new ApiError(409, 'TASK_CLOSED', UPDATE_REJECTIONS.TASK_COMPLETED), reply)
        : sendHtml(reply, 409, closedTaskPage(state.reason, state.info, state.contact)));
      return undefined;
    }
    const fields = (request.body ?? {}) as FormFields;
    if (!json && !isValidCsrfToken(secret, state.link.tokenHash, fields[CSRF_FIELD])) {
      void sendHtml(reply, 403, problemPage('Formulir kedaluwarsa', 'Formulir ini tidak dapat diproses. Buka kembali tautan dari surel Anda, lalu isi ulang.'));
      return undefined;
    }
    return { json, link: state.link, fields };
  };

  await app.register(rateLimit, RATE_LIMIT);

  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error, request);
    if (isJsonRequest(request)) return sendApiError(apiError, reply);
    return sendHtml(reply, apiError.statusCode, problemPage(apiError.statusCode >= 500 ? 'Terjadi kesalahan' : 'Permintaan ditolak', apiError.message));
  });

  app.get(
    '/tasks/:token',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Halaman tugas petugas (HTML)',
        description: 'Formulir tugas untuk petugas yang membuka tautan dari surel penugasan.',
        params: paramsSchema,
      },
    },
    async (request, reply) => {
      const state = await resolveTaskLink(app.prisma, request.params.token);
      if (state.kind === 'UNKNOWN') return sendHtml(reply, 404, unknownLinkPage());
      if (state.kind === 'CLOSED') return sendHtml(reply, 410, closedTaskPage(state.reason, state.info, state.contact));
      return sendHtml(reply, 200, formPage(request.params.token, state.link));
    },
  );

  app.post(
    '/tasks/:token',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Kirim hasil tugas',
        description:
          'Menerima formulir HTML (application/x-www-form-urlencoded) dari halaman tugas, atau JSON dengan bentuk yang sama seperti skema formulir jenis tugas tersebut.',
        params: paramsSchema,
      },
    },
    async (request, reply) => {
      const submission = await openForSubmission(request, reply, request.params.token);
      if (!submission) return reply;
      const { json, link, fields } = submission;
      const form = json ? request.body : formToObject(fields, taskFormSchemas[link.type]);
      const outcome = await submitTaskForm({ prisma: app.prisma, temporal: app.temporal }, link, form);
      switch (outcome.kind) {
        case 'COMPLETED':
          return json ? reply.status(200).send({ taskId: outcome.taskId, status: 'COMPLETED' }) : sendHtml(reply, 200, confirmationPage(link.info));
        case 'INVALID':
          return json
            ? sendApiError(validationFailed(outcome.fields), reply)
            : sendHtml(reply, 400, formPage(request.params.token, link, { task: { values: fields, errors: outcome.fields } }));
        case 'REFUSED': {
          if (json) return sendApiError(new ApiError(409, 'TASK_CLOSED', outcome.message), reply);
          const reason = CLOSED_REASON_OF_REJECTION[outcome.message] ?? 'COMPLETED';
          const contact = await supervisorContact(app.prisma, link.type, link.kecamatan);
          return sendHtml(reply, 409, closedTaskPage(reason, link.info, contact, outcome.message));
        }
      }
    },
  );

  app.post(
    '/tasks/:token/tolak',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Tolak tugas (tidak dapat mengerjakan)',
        description:
          'Petugas menyatakan tidak dapat mengerjakan tugas, dengan alasan (`reason`, 5–500 karakter). Tugas diteruskan kepada pengawasnya untuk dialihkan, dan tautan petugas tidak berlaku lagi. Menerima formulir HTML atau JSON `{ "reason": "…" }`.',
        params: paramsSchema,
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      const submission = await openForSubmission(request, reply, token);
      if (!submission) return reply;
      const { json, link, fields } = submission;
      const outcome = await declineTask(app.temporal, link, json ? request.body : formToObject(fields, declineFormSchema));
      switch (outcome.kind) {
        case 'DECLINED':
          return json
            ? reply.status(200).send({ taskId: outcome.moved.taskId, status: 'DECLINED', assignee: outcome.moved.assignee })
            : sendHtml(reply, 200, declinedPage(link.info, outcome.moved.assignee.name));
        case 'INVALID':
          return json
            ? sendApiError(validationFailed(outcome.fields), reply)
            : sendHtml(reply, 400, formPage(token, link, { decline: { values: fields, errors: outcome.fields } }));
        case 'REFUSED': {
          if (json) return sendApiError(new ApiError(409, 'TASK_CLOSED', outcome.message), reply);
          const reason = CLOSED_REASON_OF_REJECTION[outcome.message] ?? 'COMPLETED';
          const contact = await supervisorContact(app.prisma, link.type, link.kecamatan);
          return sendHtml(reply, 409, closedTaskPage(reason, link.info, contact, outcome.message));
        }
      }
    },
  );

  await app.register(reassignPageRoutes);
  await app.register(myTasksRoutes);
  await app.register(outreachRoutes);
};
