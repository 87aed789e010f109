import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../../use-cases/errors.js';

/** An uploaded file as a route sees it in its body: read whole, with the name the browser gave it. */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
}

/** The largest file a form may upload (a CSV of 10,000 children is about 3 MB). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export const UNREADABLE_FORM_MESSAGE =
  'Formulir yang dikirim tidak dapat dibaca: data multipart/form-data tidak lengkap atau tanpa pembatas (boundary) yang sah. Kirim ulang formulirnya.';

/**
 * multipart/form-data bodies, fields and files alike, parsed before validation: the access
 * control's form-token check then finds `_csrf` in a file-upload form as in any other form, so
 * plain HTML upload forms work without JavaScript. Registered before the access control.
 */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, parts: 25 } });
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart()) request.body = await readMultipartBody(request);
  });
}

/**
 * The parts of a multipart body by name (a repeated name becomes a list), files read whole. We read
 * them ourselves rather than through the plugin's `attachFieldsToBody` because a body the parser
 * cannot read (no boundary, cut off, a broken part header) throws a bare error there, which the
 * error handler can only take for a fault of ours; it is the sender's, and answers 400.
 */
async function readMultipartBody(request: FastifyRequest): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  try {
    for await (const part of request.parts()) {
      const value = part.type === 'file' ? ({ filename: part.filename, mimetype: part.mimetype, data: await part.toBuffer() } satisfies UploadedFile) : part.value;
      const earlier = body[part.fieldname];
      body[part.fieldname] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
    }
  } catch (error) {
    // The plugin's own errors (a file too large, too many parts) carry their status and keep it.
    if (typeof (error as { statusCode?: unknown }).statusCode === 'number') throw error;
    throw new ApiError(400, 'BAD_REQUEST', UNREADABLE_FORM_MESSAGE);
  }
  return body;
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).data) && typeof (value as UploadedFile).filename === 'string';
}
