import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OUTREACH_OUTCOMES, outreachVisitSchema } from '../../domain/welfare-outreach.js';
import { z } from '../../domain/validation.js';
import { errorBodySchema } from '../cases/schemas.js';
import { ApiError, notFound, validationFailed } from '../../use-cases/errors.js';
import { sendApiError } from '../plugins/error-handler.js';
import { CSRF_FIELD, csrfTokenFor, isValidCsrfToken } from './csrf.js';
import { type FormFields, formToObject } from './form-data.js';
import { isJsonRequest, sendHtml } from './html-reply.js';
import { problemPage, unknownLinkPage } from './html/pages.js';
import {
  expiredOutreachPage,
  householdNotInListPage,
  outreachFormPage,
  outreachListPage,
  visitAlreadyRecordedPage,
  visitRecordedPage,
} from './html/outreach-pages.js';
import { type OfficerLinkState, resolveOfficerLink } from './officer-links.js';
import { linkTokenSchema } from './task-links.js';
import { openOutreachOf, outreachOf, recordVisit } from './outreach-service.js';

const listParams = z.object({ token: linkTokenSchema });
const householdParams = z.object({ token: linkTokenSchema, ref: z.string().uuid() });

const ALREADY_RECORDED = 'Kunjungan ke keluarga ini sudah dicatat sebelumnya.';
const EXPIRED = 'Tautan kunjungan ini sudah kedaluwarsa.';

const visitRecordedSchema = z.object({
  outreachId: z.string(),
  status: z.literal('DONE'),
  visitedOn: z.string(),
  outcome: z.enum(OUTREACH_OUTCOMES),
});

/**
 * /kunjungan/:token: the link in an officer's outreach email lists the poor families the officer is to
 * visit; /kunjungan/:token/keluarga/:ref is one family, where the officer records the visit (an HTML
 * form, or JSON in the shape of the visit schema from an integration). The link is bound to the officer
 * and opens only their households; it expires, and each household is recorded once.
 */
export const outreachRoutes: FastifyPluginAsyncZod = async (app) => {
  const secret = app.env.CASE_KEY_SECRET!;
  const listHref = (token: string) => `/kunjungan/${token}`;
  const householdHref = (token: string, ref: string) => `/kunjungan/${token}/keluarga/${ref}`;

  /** Answers an unknown or expired link itself, as a page or as JSON; undefined when it did. */
  const openLink = (state: OfficerLinkState, reply: FastifyReply, json: boolean) => {
    if (state.kind === 'OPEN') return state;
    if (state.kind === 'UNKNOWN') void (json ? sendApiError(notFound(), reply) : sendHtml(reply, 404, unknownLinkPage()));
    else void (json ? sendApiError(new ApiError(410, 'LINK_EXPIRED', EXPIRED), reply) : sendHtml(reply, 410, expiredOutreachPage()));
    return undefined;
  };

  app.get(
    '/kunjungan/:token',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Daftar kunjungan pencegahan petugas (HTML)',
        description: 'Keluarga miskin dengan anak bersekolah yang menunggu kunjungan petugas desa, dari tautan dalam surel kunjungan pencegahan.',
        params: listParams,
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      const link = openLink(await resolveOfficerLink(app.prisma, token, 'OUTREACH'), reply, false);
      if (!link) return reply;
      const households = await openOutreachOf(app.prisma, link.officer.id);
      return sendHtml(reply, 200, outreachListPage({ officerName: link.officer.name, households, householdHref: (ref) => householdHref(token, ref) }));
    },
  );

  app.get(
    '/kunjungan/:token/keluarga/:ref',
    {
      schema: { tags: ['tasks'], summary: 'Formulir kunjungan pencegahan satu keluarga (HTML)', params: householdParams },
    },
    async (request, reply) => {
      const { token, ref } = request.params;
      const link = openLink(await resolveOfficerLink(app.prisma, token, 'OUTREACH'), reply, false);
      if (!link) return reply;
      const household = await outreachOf(app.prisma, link.officer.id, ref);
      if (!household) return sendHtml(reply, 404, householdNotInListPage(listHref(token)));
      if (household.status === 'DONE') return sendHtml(reply, 410, visitAlreadyRecordedPage(household, listHref(token)));
      const csrfField = { name: CSRF_FIELD, value: csrfTokenFor(secret, link.tokenHash, 'outreach-form') };
      return sendHtml(reply, 200, outreachFormPage({ household, csrfField, formAction: householdHref(token, ref), listHref: listHref(token) }));
    },
  );

  app.post(
    '/kunjungan/:token/keluarga/:ref',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Catat kunjungan pencegahan',
        description:
          'Menerima formulir HTML (application/x-www-form-urlencoded) dari halaman keluarga, atau JSON `{ "visitedOn": "TTTT-BB-HH", "outcome": "ADVISED" | "PIP_KIP_PROPOSED" | "FAMILY_NOT_FOUND" | "MOVED", "note": "…" }`. Tanggal paling lambat hari ini dan tidak sebelum keluarga masuk daftar. Setiap keluarga dicatat sekali: catatan kedua dijawab 409; tautan kedaluwarsa 410.',
        params: householdParams,
        response: { 200: visitRecordedSchema, 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema, 410: errorBodySchema },
      },
    },
    async (request, reply) => {
      const { token, ref } = request.params;
      const json = isJsonRequest(request);
      const link = openLink(await resolveOfficerLink(app.prisma, token, 'OUTREACH'), reply, json);
      if (!link) return reply;
      const household = await outreachOf(app.prisma, link.officer.id, ref);
      if (!household) return json ? sendApiError(notFound(), reply) : sendHtml(reply, 404, householdNotInListPage(listHref(token)));
      const fields = (request.body ?? {}) as FormFields;
      if (!json && !isValidCsrfToken(secret, link.tokenHash, fields[CSRF_FIELD], 'outreach-form')) {
        return sendHtml(reply, 403, problemPage('Formulir kedaluwarsa', 'Formulir ini tidak dapat diproses. Buka kembali tautan dari surel Anda, lalu isi ulang.'));
      }
      const outcome = await recordVisit(app.prisma, link.officer.id, household, json ? request.body : formToObject(fields, outreachVisitSchema));
      switch (outcome.kind) {
        case 'RECORDED': {
          const { visit } = outcome.household;
          if (json) return reply.status(200).send({ outreachId: ref, status: 'DONE' as const, visitedOn: visit!.visitedOn, outcome: visit!.outcome });
          const remaining = (await openOutreachOf(app.prisma, link.officer.id)).length;
          return sendHtml(reply, 200, visitRecordedPage(outcome.household, listHref(token), remaining));
        }
        case 'INVALID':
          if (json) return sendApiError(validationFailed(outcome.fields), reply);
          return sendHtml(
            reply,
            400,
            outreachFormPage({
              household,
              csrfField: { name: CSRF_FIELD, value: csrfTokenFor(secret, link.tokenHash, 'outreach-form') },
              formAction: householdHref(token, ref),
              listHref: listHref(token),
              submitted: { values: fields, errors: outcome.fields },
            }),
          );
        case 'ALREADY_RECORDED':
          return json ? sendApiError(new ApiError(409, 'CONFLICT', ALREADY_RECORDED), reply) : sendHtml(reply, 409, visitAlreadyRecordedPage(outcome.household, listHref(token)));
      }
    },
  );
};
