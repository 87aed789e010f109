import { readFileSync } from 'node:fs';
import { TypedSearchAttributes } from '@temporalio/common';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../../config/env.js';
import { CASE_SEARCH_ATTRIBUTES } from '../../../domain/search-attributes.js';

type Service = {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
};

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
const command = (name: string) => [service(name).command ?? []].flat().join(' ');
const dependencies = (name: string) => Object.entries(service(name).depends_on ?? {});

describe('docker-compose.yml, the whole system for people with Docker', () => {
  it('runs PostgreSQL, Temporal with its UI, Mailpit, the simulators, the API and the worker', () => {
    expect(service('postgres').image).toBe('postgres:16');
    expect(service('temporal').image).toMatch(/^temporalio\/(server|auto-setup):/);
    expect(service('temporal-ui').image).toMatch(/^temporalio\/ui:/);
    expect(service('temporal-ui').ports).toContain('8080:8080');
    expect(service('mailpit').image).toMatch(/^axllent\/mailpit:/);
    expect(service('mailpit').ports).toContain('8025:8025');
    expect(command('simulators')).toBe('npx tsx simulators/main.ts');
    expect(command('api')).toBe('npm run api');
    expect(command('worker')).toBe('npm run worker');
    expect(command('migrate')).toBe('npm run db:migrate');
  });

  it('gives the app processes only settings that config/env.ts knows', () => {
    const known = Object.keys(envSchema.shape);
    for (const name of ['api', 'worker', 'simulators', 'migrate']) {
      for (const variable of Object.keys(service(name).environment ?? {})) {
        expect(known, `${name}: ${variable}`).toContain(variable);
      }
    }
  });

  it('gives the api and worker every setting their processes refuse to start without', () => {
    const api = service('api').environment ?? {};
    const worker = service('worker').environment ?? {};
    for (const variable of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'CASE_KEY_SECRET', 'PAYLOAD_ENCRYPTION_KEYS', 'PUBLIC_URL']) {
      expect(api, `api: ${variable}`).toHaveProperty(variable);
      expect(worker, `worker: ${variable}`).toHaveProperty(variable);
    }
    for (const variable of ['SMTP_URL', 'DUKCAPIL_URL', 'DINSOS_URL']) expect(worker, `worker: ${variable}`).toHaveProperty(variable);
    expect(api.HOST).toBe('0.0.0.0');
    expect(worker.SMTP_URL).toBe('smtp://mailpit:1025');
    expect(worker.DUKCAPIL_URL).toMatch(/^http:\/\/simulators:4010\//);
    expect(worker.DINSOS_URL).toMatch(/^http:\/\/simulators:4010\//);
    expect(api.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(api.DATABASE_URL).toBe(worker.DATABASE_URL);
    expect(api.CASE_KEY_SECRET).toBe(worker.CASE_KEY_SECRET);
    expect(api.PAYLOAD_ENCRYPTION_KEYS).toBe(worker.PAYLOAD_ENCRYPTION_KEYS);
  });

  it('publishes the API on the port it listens on', () => {
    const { PORT } = service('api').environment ?? {};
    expect(service('api').ports).toContain(`${PORT}:${PORT}`);
  });

  it('starts each service after what it needs', () => {
    expect(dependencies('temporal').map(([name]) => name)).toContain('temporal-schema');
    expect(dependencies('temporal-schema')).toContainEqual(['postgres', { condition: 'service_healthy' }]);
    expect(dependencies('temporal-setup')).toContainEqual(['temporal', { condition: 'service_healthy' }]);
    expect(dependencies('migrate')).toContainEqual(['postgres', { condition: 'service_healthy' }]);
    for (const app of ['api', 'worker']) {
      expect(dependencies(app)).toContainEqual(['migrate', { condition: 'service_completed_successfully' }]);
      expect(dependencies(app)).toContainEqual(['temporal-setup', { condition: 'service_completed_successfully' }]);
    }
    expect(dependencies('worker').map(([name]) => name)).toEqual(expect.arrayContaining(['mailpit', 'simulators']));
  });

  it('registers exactly the case search attributes the workflows set, with their types', () => {
    const registered = [...command('temporal-setup').matchAll(/^\s*add (\w+) (\w+)\s*$/gm)].map(([, name, type]) => `${name}=${type}`);
    const expected = CASE_SEARCH_ATTRIBUTES.map(({ name, type }) => `${name}=${TypedSearchAttributes.toMetadataType(type)}`);
    expect(registered.sort()).toEqual(expected.sort());
  });
});
