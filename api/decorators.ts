import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { Env } from '../config/env.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { ApiKeyPrincipal } from './auth/api-keys.js';

declare module 'fastify' {
  interface FastifyInstance {
    env: Env;
    prisma: PrismaClient;
    temporal: Client;
  }
  interface FastifyRequest {
    /** The verified caller of an /api/v1 route; set by the authentication hook. */
    apiKey: ApiKeyPrincipal;
  }
}

export interface AppServices {
  env: Env;
  prisma: PrismaClient;
  temporal: Client;
}

export function decorateServices(app: FastifyInstance, services: AppServices): void {
  app.decorate('env', services.env);
  app.decorate('prisma', services.prisma);
  app.decorate('temporal', services.temporal);
  app.decorateRequest('apiKey', null as unknown as ApiKeyPrincipal);
}
