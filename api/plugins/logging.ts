import type { FastifyServerOptions } from 'fastify';

/**
 * Request bodies are never logged (fastify does not by default, and we never add them);
 * these paths are a second line of defence for anything that carries them, a key or a child's
 * identity into a log line.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'body',
  '*.body',
  ...['nik', 'noKk', 'fullName', 'name', 'address', 'birthDate', 'guardian', 'child', 'form'].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

/** Task links, and the codec endpoint of the development Web UI, carry their secret in the path: keep it out of access logs. */
export function loggableUrl(url: string): string {
  if (url.startsWith('/tasks/')) return '/tasks/[token]';
  return url.startsWith('/codec/key/') ? '/codec/key/[key]' : url;
}

export function loggerOptions(logger: boolean | object, level: string): FastifyServerOptions['logger'] {
  if (logger === false) return false;
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: { method: string; url: string; ip?: string }) => ({
        method: request.method,
        url: loggableUrl(request.url),
        remoteAddress: request.ip,
      }),
    },
    ...(typeof logger === 'object' ? logger : {}),
  };
}
