import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { Env } from '../config/env.js';
import type { PrismaClient } from '../generated/prisma/client.js';

declare module 'fastify' {
  interface FastifyInstance {
    env: Env;
    prisma: PrismaClient;
    temporal: Client;
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
}
