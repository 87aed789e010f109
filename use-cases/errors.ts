import type { FieldError } from '../domain/validation.js';

/** Codes of the single HTTP error shape `{ error: { code, message, fields? } }`. */
export type ApiErrorCode =
  | 'VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'CASE_ALREADY_CLOSED'
  | 'TASK_CLOSED'
  | 'MANUAL_REPAIR_NEEDED'
  | 'LINK_EXPIRED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'SERVICE_BUSY'
  | 'NOT_CONFIGURED'
  | 'INTERNAL_ERROR';

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; fields?: FieldError[] };
}

/** An expected failure with the status, code and Indonesian message the caller sees. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

export const VALIDATION_MESSAGE = 'Data tidak valid.';
export const NOT_FOUND_MESSAGE = 'Data tidak ditemukan.';
export const INTERNAL_MESSAGE = 'Terjadi kesalahan pada server. Silakan coba lagi nanti.';

/** One message per field, the first: a later one is usually a consequence (a date in the wrong format is also "not in the calendar"). */
export const validationFailed = (fields: FieldError[]) =>
  new ApiError(400, 'VALIDATION_FAILED', VALIDATION_MESSAGE, fields.filter((error, index) => fields.findIndex((e) => e.field === error.field) === index));
export const notFound = () => new ApiError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
