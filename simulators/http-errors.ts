import type { FastifyReply } from 'fastify';
import type { z } from '../domain/validation.js';
import { fieldErrors } from '../domain/validation.js';

/** Answers 400 in the project's single error shape when a body breaks the registry's contract. */
export function rejectMalformedBody(reply: FastifyReply, error: z.ZodError): FastifyReply {
  return reply.code(400).send({
    error: { code: 'INVALID_REQUEST', message: 'The request body does not match the contract.', fields: fieldErrors(error) },
  });
}

/** Answers 400 in the same shape when a query string breaks the registry's contract. */
export function rejectMalformedQuery(reply: FastifyReply, error: z.ZodError): FastifyReply {
  return reply.code(400).send({
    error: { code: 'INVALID_REQUEST', message: 'The query string does not match the contract.', fields: fieldErrors(error) },
  });
}
