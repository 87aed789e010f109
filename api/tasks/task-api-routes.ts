import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { reassignFormSchema } from '../../domain/task-moves.js';
import { z } from '../../domain/validation.js';
import { UPDATE_REJECTIONS } from '../../workflows/messages.js';
import { inScope } from '../../domain/access.js';
import { errorBodySchema } from '../cases/schemas.js';
import { ApiError, notFound, validationFailed } from '../../use-cases/errors.js';
import { reassignTask } from './reassign-service.js';
import { isTaskType } from './task-links.js';

const security: Record<string, string[]>[] = [{ bearerKey: [] }, { headerKey: [] }];

const paramsSchema = z.object({ caseId: z.string().min(1).max(100), taskId: z.string().min(1).max(100) });

const reassignedSchema = z.object({
  taskId: z.string(),
  assignee: z.object({ officerId: z.string(), name: z.string() }),
  dueAt: z.string().meta({ description: 'Batas waktu baru (ISO 8601): tenggat dihitung ulang dari saat pengalihan.' }),
});

/** /api/v1/cases/:caseId/tasks/…: task actions for coordinators, supervisors and integrations with an API key. */
export const taskApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/cases/:caseId/tasks/:taskId/reassign',
    {
      config: { access: 'cases.act' },
      schema: {
        tags: ['tasks'],
        summary: 'Alihkan tugas kepada petugas lain',
        description:
          'Petugas baru harus aktif, dari instansi pemilik tugas, dan mencakup kecamatan kasus. Tautan petugas lama tidak berlaku lagi; petugas baru menerima surel dengan tautan baru dan tenggat baru. Kunci berperan AUDITOR tidak boleh mengalihkan; kasus di luar wilayah kunci dijawab 404.',
        security,
        params: paramsSchema,
        body: reassignFormSchema,
        response: { 200: reassignedSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request) => {
      const { caseId, taskId } = request.params;
      const task = await app.prisma.task.findUnique({ where: { caseId_taskId: { caseId, taskId } } });
      if (!task || !isTaskType(task.type) || !inScope(request.principal, task.kecamatan)) throw notFound();
      const outcome = await reassignTask(
        { prisma: app.prisma, temporal: app.temporal },
        { caseId, taskId, type: task.type, kecamatan: task.kecamatan },
        request.body,
        { kind: 'STAFF', id: request.principal.id },
        request.id,
      );
      switch (outcome.kind) {
        case 'REASSIGNED':
          return outcome.moved;
        case 'INVALID':
          throw validationFailed(outcome.fields);
        case 'REFUSED':
          throw new ApiError(409, outcome.message === UPDATE_REJECTIONS.TASK_BEING_MOVED ? 'CONFLICT' : 'TASK_CLOSED', outcome.message);
      }
    },
  );
};
