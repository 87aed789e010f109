import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inScope } from '../../domain/access.js';
import { z } from '../../domain/validation.js';
import { errorBodySchema } from '../cases/schemas.js';
import { notFound } from '../../use-cases/errors.js';
import { reassignmentCandidates } from './reassign-candidates.js';
import { isTaskType } from './task-links.js';

const security: Record<string, string[]>[] = [{ bearerKey: [] }, { headerKey: [] }];

const paramsSchema = z.object({ caseId: z.string().min(1).max(100), taskId: z.string().min(1).max(100) });

const candidatesSchema = z
  .object({
    items: z.array(z.object({ officerId: z.string(), name: z.string(), role: z.enum(['FIELD_OFFICER', 'SUPERVISOR', 'COORDINATOR', 'HEAD']) })),
  })
  .meta({
    description: 'Petugas yang dapat menerima tugas ini: aktif, dari instansi pemilik tugas, mencakup kecamatan kasus; petugas sekarang dan yang baru menolak tidak termasuk.',
    examples: [{ items: [{ officerId: 'disdik-fo-640804-swarga-bara', name: 'Rina Marlina', role: 'FIELD_OFFICER' }, { officerId: 'disdik-spv-640804', name: 'Bambang Sutrisno', role: 'SUPERVISOR' }] }],
  });

/** /api/v1/cases/:caseId/tasks/:taskId/candidates: whom an open task may be reassigned to (the list the case page offers). */
export const taskCandidateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/cases/:caseId/tasks/:taskId/candidates',
    {
      config: { access: 'cases.act' },
      schema: {
        tags: ['tasks'],
        summary: 'Calon penerima pengalihan tugas',
        security,
        params: paramsSchema,
        response: { 200: candidatesSchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const { caseId, taskId } = request.params;
      const task = await app.prisma.task.findUnique({ where: { caseId_taskId: { caseId, taskId } } });
      if (!task || task.status !== 'OPEN' || !isTaskType(task.type) || !inScope(request.principal, task.kecamatan)) throw notFound();
      const officers = await reassignmentCandidates(app.prisma, { caseId, taskId, type: task.type, kecamatan: task.kecamatan, assigneeId: task.assigneeId });
      return { items: officers.map((o) => ({ officerId: o.id, name: o.name, role: o.role as 'FIELD_OFFICER' })) };
    },
  );
};
