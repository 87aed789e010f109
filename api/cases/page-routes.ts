import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inScope, may } from '../../domain/access.js';
import { caseNoteRequestSchema, closeCaseRequestSchema } from '../../domain/case.js';
import { reassignFormSchema } from '../../domain/task-moves.js';
import { type FieldError, fieldErrors } from '../../domain/validation.js';
import { kecamatanChoices, setFilters, validSubset } from '../dashboard/filters.js';
import { recordCaseAccess } from '../../infra/case-access-log.js';
import { ApiError, notFound } from '../../use-cases/errors.js';
import { staffPage } from '../staff/html/layout.js';
import { type FormFields, formToObject } from '../tasks/form-data.js';
import { sendHtml } from '../tasks/html-reply.js';
import { reassignmentCandidates } from '../tasks/reassign-candidates.js';
import { reassignTask } from '../tasks/reassign-service.js';
import { isTaskType } from '../tasks/task-links.js';
import { addNote } from './case-notes.js';
import { closeCase, getCase, listCases } from './case-service.js';
import { caseTimeline } from './case-timeline.js';
import { CASE_LIST_FILTERS, caseListBody } from './html/case-list-page.js';
import { casePageBody, type OpenTaskRow } from './html/case-page.js';
import { emptyForm, type FormValues } from './html/form-fields.js';
import { caseIdParamsSchema, listQuerySchema } from './schemas.js';

/** What the page says after an action, keyed by the `selesai` query parameter of the redirect. */
const CONFIRMATIONS: Record<string, string> = {
  catatan: 'Catatan tersimpan dalam riwayat kasus.',
  dialihkan: 'Tugas dialihkan. Petugas baru menerima surel dengan tautan tugas; tautan petugas lama tidak berlaku lagi.',
  ditutup: 'Kasus ditutup. Petugas yang tugasnya dibatalkan diberi tahu lewat surel.',
};

const SUBMISSION_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Which of the case page's forms came back refused, with what was typed and why: field errors go beside
 * their fields, a refusal no field explains (the case closed, the task moved meanwhile) heads the page.
 */
type Refused = ({ form: 'note' | 'close' } | { form: 'reassign'; taskId: string }) & { values: FormFields; errors: FieldError[]; problem?: string };

/**
 * /kasus: the case list, and one case's page with the coordinator's actions (reassign a task, add a
 * note, close the case). Server-rendered, no script; every form posts with the session's `_csrf`
 * field, comes back with field errors in Indonesian when refused, and redirects back with a
 * confirmation when done. A case outside the viewer's area is not found.
 */
export const casePageRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = (request: FastifyRequest) => ({ prisma: app.prisma, temporal: app.temporal, log: request.log });

  app.get('/kasus', { config: { access: 'cases.read', page: true }, schema: { tags: ['staff pages'], summary: 'Daftar kasus (HTML)' } }, async (request, reply) => {
    const { principal } = request;
    const values = setFilters(request.query as Record<string, unknown>, [...CASE_LIST_FILTERS, 'cursor']);
    const { data, errors } = validSubset(values, (v) => listQuerySchema.safeParse(v));
    let list;
    try {
      list = await listCases(app.prisma, data ?? { limit: 20 }, principal);
    } catch (error) {
      if (!(error instanceof ApiError) || error.statusCode !== 400) throw error;
      // A cursor from an old bookmark: start again from the first page.
      list = await listCases(app.prisma, { ...(data ?? {}), cursor: undefined, limit: 20 }, principal);
    }
    const names = await app.prisma.child.findMany({ where: { caseId: { in: list.items.map((item) => item.caseId) } }, select: { caseId: true, fullName: true } });
    const nameOf = new Map(names.map((child) => [child.caseId, child.fullName]));
    const { cursor, ...filterValues } = values;
    const body = caseListBody({
      items: list.items.map((item) => ({ ...item, ...(nameOf.has(item.caseId) ? { childName: nameOf.get(item.caseId)! } : {}) })),
      total: list.total,
      nextCursor: list.nextCursor,
      paged: cursor !== undefined,
      values: filterValues,
      errors,
      kecamatanChoices: kecamatanChoices(principal.scope),
    });
    return sendHtml(reply, errors.length > 0 ? 400 : 200, staffPage({ title: 'Kasus', principal, csrfToken: request.csrfToken, body, active: '/kasus' }));
  });

  async function renderCase(request: FastifyRequest, reply: FastifyReply, caseId: string, status: number, refused?: Refused): Promise<FastifyReply> {
    const { principal } = request;
    const detail = await getCase(deps(request), caseId, principal);
    await recordCaseAccess(app.prisma, principal, caseId, 'VIEW', 'PAGE /kasus/:caseId');
    const canAct = may(principal.role, 'cases.act');
    const open = detail.tasks.filter((task) => task.status === 'OPEN');
    const [timeline, candidates] = await Promise.all([
      caseTimeline(app.prisma, caseId),
      Promise.all(
        open.map((task) =>
          canAct
            ? reassignmentCandidates(app.prisma, { caseId, taskId: task.taskId, type: task.type, kecamatan: detail.kecamatan, assigneeId: task.assignee.officerId })
            : [],
        ),
      ),
    ]);
    const formFor = (id: string, match: boolean): FormValues =>
      match && refused ? { id, values: textValues(refused.values), errors: refused.errors } : emptyForm(id);
    const openTasks: OpenTaskRow[] = open.map((task, index) => ({
      task,
      candidates: candidates[index]!.map((officer) => ({ id: officer.id, name: officer.name, role: officer.role })),
      form: formFor(`reassign-${task.taskId}`, refused?.form === 'reassign' && refused.taskId === task.taskId),
    }));
    const done = (request.query as Record<string, unknown>).selesai;
    const body = casePageBody({
      detail,
      timeline,
      openTasks,
      canAct,
      csrfToken: request.csrfToken,
      noteForm: formFor('note', refused?.form === 'note'),
      closeForm: formFor('close', refused?.form === 'close'),
      ...(status === 200 && typeof done === 'string' && CONFIRMATIONS[done] ? { confirmation: CONFIRMATIONS[done] } : {}),
      ...(refused?.problem ? { problem: refused.problem } : {}),
      submissionId: randomBytes(16).toString('base64url'),
      now: new Date(),
    });
    return sendHtml(reply, status, staffPage({ title: 'Detail kasus', principal, csrfToken: request.csrfToken, body, active: '/kasus' }));
  }

  const caseIdOf = (request: FastifyRequest): string => {
    const parsed = caseIdParamsSchema.safeParse(request.params);
    if (!parsed.success) throw notFound();
    return parsed.data.caseId;
  };
  const updateId = (request: FastifyRequest, action: string, fields: FormFields): string => {
    const nonce = fields.submissionId;
    return typeof nonce === 'string' && SUBMISSION_ID.test(nonce) ? `page-${action}-${nonce}` : request.id;
  };
  const backTo = (reply: FastifyReply, caseId: string, done: string) => reply.redirect(`/kasus/${encodeURIComponent(caseId)}?selesai=${done}#${done === 'dialihkan' ? 'tasks-heading' : 'timeline-heading'}`, 303);

  app.get('/kasus/:caseId', { config: { access: 'cases.read', page: true }, schema: { tags: ['staff pages'], summary: 'Halaman kasus (HTML)' } }, async (request, reply) =>
    renderCase(request, reply, caseIdOf(request), 200),
  );

  app.post('/kasus/:caseId/catatan', { config: { access: 'cases.act', page: true }, schema: { tags: ['staff pages'], summary: 'Tambah catatan (formulir HTML)' } }, async (request, reply) => {
    const caseId = caseIdOf(request);
    const fields = (request.body ?? {}) as FormFields;
    const parsed = caseNoteRequestSchema.safeParse(formToObject(fields, caseNoteRequestSchema));
    if (!parsed.success) return renderCase(request, reply, caseId, 400, { form: 'note', values: fields, errors: fieldErrors(parsed.error) });
    try {
      await addNote(deps(request), caseId, parsed.data, request.principal, updateId(request, 'note', fields));
    } catch (error) {
      const refusal = refusalOf(error);
      return renderCase(request, reply, caseId, refusal.status, { form: 'note', values: fields, ...refusal.shown });
    }
    return backTo(reply, caseId, 'catatan');
  });

  app.post('/kasus/:caseId/tutup', { config: { access: 'cases.act', page: true }, schema: { tags: ['staff pages'], summary: 'Tutup kasus (formulir HTML)' } }, async (request, reply) => {
    const caseId = caseIdOf(request);
    const fields = (request.body ?? {}) as FormFields;
    const parsed = closeCaseRequestSchema.safeParse(formToObject(fields, closeCaseRequestSchema));
    if (!parsed.success) return renderCase(request, reply, caseId, 400, { form: 'close', values: fields, errors: fieldErrors(parsed.error) });
    try {
      await closeCase(deps(request), caseId, parsed.data, request.principal, updateId(request, 'close', fields));
    } catch (error) {
      const refusal = refusalOf(error);
      return renderCase(request, reply, caseId, refusal.status, { form: 'close', values: fields, ...refusal.shown });
    }
    return backTo(reply, caseId, 'ditutup');
  });

  app.post(
    '/kasus/:caseId/tugas/:taskId/alihkan',
    { config: { access: 'cases.act', page: true }, schema: { tags: ['staff pages'], summary: 'Alihkan tugas (formulir HTML)' } },
    async (request, reply) => {
      const caseId = caseIdOf(request);
      const taskId = String((request.params as { taskId?: unknown }).taskId ?? '');
      const task = await app.prisma.task.findUnique({ where: { caseId_taskId: { caseId, taskId } } });
      if (!task || !isTaskType(task.type) || !inScope(request.principal, task.kecamatan)) throw notFound();
      const fields = (request.body ?? {}) as FormFields;
      const outcome = await reassignTask(
        { prisma: app.prisma, temporal: app.temporal },
        { caseId, taskId, type: task.type, kecamatan: task.kecamatan },
        formToObject(fields, reassignFormSchema),
        { kind: 'STAFF', id: request.principal.id },
        updateId(request, `reassign-${taskId}`, fields),
      );
      switch (outcome.kind) {
        case 'REASSIGNED':
          return backTo(reply, caseId, 'dialihkan');
        case 'INVALID':
          return renderCase(request, reply, caseId, 400, { form: 'reassign', taskId, values: fields, errors: outcome.fields });
        case 'REFUSED':
          return renderCase(request, reply, caseId, 409, { form: 'reassign', taskId, values: fields, errors: [], problem: outcome.message });
      }
    },
  );
};

/** A refused action: field errors stay beside their fields, a conflict (the case closed meanwhile) heads the page. */
function refusalOf(error: unknown): { status: number; shown: { errors: FieldError[]; problem?: string } } {
  if (!(error instanceof ApiError) || error.statusCode === 404 || error.statusCode >= 500) throw error;
  return { status: error.statusCode, shown: error.fields ? { errors: error.fields } : { errors: [], problem: error.message } };
}

function textValues(fields: FormFields): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}
