import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/** An uploaded file as a route sees it in its body: read whole, with the name the browser gave it. */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
}

/** The largest file a form may upload (a CSV of 10,000 children is about 3 MB). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/**
 * multipart/form-data bodies, fields and files alike, parsed before validation: the access
 * control's form-token check then finds `_csrf` in a file-upload form as in any other form, so
 * plain HTML upload forms work without JavaScript. Registered before the access control.
 */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, parts: 25 },
    async onFile(part: MultipartFile) {
      const file: UploadedFile = { filename: part.filename, mimetype: part.mimetype, data: await part.toBuffer() };
      (part as unknown as { value: UploadedFile }).value = file;
    },
  });
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).data) && typeof (value as UploadedFile).filename === 'string';
}
