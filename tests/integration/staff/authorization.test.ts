import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '../../../api/auth/access-control.js';
import { may, STAFF_ROLES, type StaffRole } from '../../../domain/access.js';
import { createStaffUser, signInWithInject } from '../../support/staff.js';
import { startApiTestbed, type ApiTestbed } from '../api/testbed.js';

/**
 * Every route the application serves, asked by every role: the gate lets through exactly the roles
 * that domain/access.ts grants, refuses the others, and sends the anonymous away. Routes are read
 * from the running application, so a route added later is covered without touching this file.
 */
let bed: ApiTestbed;
let keys: Record<StaffRole, string>;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: false });
  const entries = await Promise.all(STAFF_ROLES.map(async (role) => [role, await bed.keyFor(role)] as const));
  keys = Object.fromEntries(entries) as Record<StaffRole, string>;
});
afterAll(async () => bed?.close());

const guarded = () => bed.app.accessCatalogue.filter((route): route is RouteAccess & { access: NonNullable<RouteAccess['access']> } => route.access !== undefined);

/** A concrete URL for a route pattern: every parameter gets a value that names nothing real. */
function urlOf(route: RouteAccess, apiKey?: string): string {
  return route.url.replace(/:(\w+)/g, (_, name: string) => (name === 'apiKey' ? (apiKey ?? 'ats_tidakada') : `uji-${name}`));
}

async function ask(route: RouteAccess, headers: Record<string, string>, apiKey?: string) {
  return bed.app.inject({ method: route.method as 'GET', url: urlOf(route, apiKey), headers, ...(route.method === 'GET' ? {} : { payload: {} }) });
}

describe('the access gate', () => {
  it('guards every API route: none is open without a declared permission', () => {
    const api = bed.app.accessCatalogue.filter((route) => route.url.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(10);
    expect(api.filter((route) => route.access === undefined)).toEqual([]);
  });

  it('turns away a caller without credentials: 401 from the API, the sign-in page for staff pages', async () => {
    for (const route of guarded()) {
      const response = await ask(route, {});
      if (route.page) {
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(303);
        expect(response.headers.location, `${route.method} ${route.url}`).toMatch(/^\/masuk\?lanjut=/);
      } else {
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
        expect(response.json().error.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('refuses a revoked or made-up key like no key at all', async () => {
    const { id, key } = await bed.prisma.apiKey.findFirstOrThrow({ where: { role: 'COORDINATOR' } }).then(async (row) => ({ id: row.id, key: keys.COORDINATOR }));
    await bed.prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    for (const presented of [key, 'ats_abcdefgh_' + 'x'.repeat(43), 'Basic dXNlcjpwYXNz']) {
      const headers = presented.startsWith('Basic') ? { authorization: presented } : { authorization: `Bearer ${presented}` };
      expect((await bed.app.inject({ url: '/api/v1/cases', headers })).statusCode).toBe(401);
    }
    keys.COORDINATOR = await bed.keyFor('COORDINATOR');
  });

  for (const role of STAFF_ROLES) {
    it(`lets a ${role} through exactly the routes the role is granted, on every route`, async () => {
      const decisions: string[] = [];
      for (const route of guarded()) {
        const response = await ask(route, { authorization: `Bearer ${keys[role]}` }, keys[role]);
        const allowed = may(role, route.access);
        const refused = response.statusCode === 403 && (route.page || response.json().error.code === 'FORBIDDEN');
        if (allowed === refused || response.statusCode === 401) decisions.push(`${route.method} ${route.url} (${route.access}) → ${response.statusCode}`);
      }
      expect(decisions, `routes that decided wrongly for ${role}`).toEqual([]);
    });
  }

  it('decides the same for a signed-in user as for an API key of the same role, on every staff page', async () => {
    for (const role of STAFF_ROLES) {
      const user = await createStaffUser(bed.prisma, { role });
      const session = await signInWithInject(bed.app, user.email);
      for (const route of guarded().filter((r) => r.page && r.method === 'GET')) {
        const response = await bed.app.inject({ url: urlOf(route), headers: { cookie: session.cookie } });
        expect(response.statusCode === 403, `${role} ${route.url}`).toBe(!may(role, route.access));
        expect(response.statusCode, `${role} ${route.url}`).not.toBe(303);
      }
    }
  });
});

describe('area scope', () => {
  const SANGATTA_UTARA = '640804';
  const BENGALON = '640809';

  async function caseIn(kecamatan: string): Promise<string> {
    const id = `ats-uji-wilayah-${kecamatan}-${Math.random().toString(36).slice(2, 8)}`;
    await bed.prisma.case.create({
      data: {
        id, stage: 'HOME_VISIT', kecamatan, desa: 'Singa Gembara', category: 'DO', openedAt: new Date(),
        child: { create: { fullName: 'Anak Uji Wilayah', birthDate: '2013-03-12', sex: 'P', kecamatan, desa: 'Singa Gembara', address: 'Jl. Uji' } },
      },
    });
    return id;
  }

  it('hides a case in another kecamatan from a supervisor: not found, not forbidden, and absent from lists', async () => {
    const inSangatta = await caseIn(SANGATTA_UTARA);
    const inBengalon = await caseIn(BENGALON);
    const bengalonSupervisor = await bed.keyFor('SUPERVISOR', [BENGALON]);
    const headers = { authorization: `Bearer ${bengalonSupervisor}` };

    const detail = await bed.app.inject({ url: `/api/v1/cases/${inSangatta}`, headers });
    expect(detail.statusCode).toBe(404);
    expect(detail.json().error.code).toBe('NOT_FOUND');
    expect((await bed.app.inject({ url: `/api/v1/cases/${inBengalon}`, headers })).statusCode).toBe(200);

    const list = (await bed.app.inject({ url: '/api/v1/cases?limit=100', headers })).json() as { items: { caseId: string }[] };
    expect(list.items.map((item) => item.caseId)).toContain(inBengalon);
    expect(list.items.map((item) => item.caseId)).not.toContain(inSangatta);
    const asked = (await bed.app.inject({ url: `/api/v1/cases?kecamatan=${SANGATTA_UTARA}`, headers })).json() as { items: unknown[]; total: number };
    expect(asked).toMatchObject({ items: [], total: 0 });

    const close = await bed.app.inject({ method: 'POST', url: `/api/v1/cases/${inSangatta}/close`, headers, payload: { reason: 'MOVED', note: 'Pindah ke Samarinda.' } });
    expect(close.statusCode).toBe(404);
    const report = await bed.app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload: {} });
    expect(report.statusCode).toBe(400);
  });

  it('hides another kecamatan’s audit trail from an auditor limited to one kecamatan', async () => {
    const inSangatta = await caseIn(SANGATTA_UTARA);
    const headers = { authorization: `Bearer ${await bed.keyFor('AUDITOR', [BENGALON])}` };
    expect((await bed.app.inject({ url: `/api/v1/cases/${inSangatta}/events/verify`, headers })).statusCode).toBe(404);
    expect((await bed.app.inject({ url: `/api/v1/cases/${inSangatta}`, headers })).statusCode).toBe(404);
    const districtAuditor = { authorization: `Bearer ${keys.AUDITOR}` };
    expect((await bed.app.inject({ url: `/api/v1/cases/${inSangatta}/events/verify`, headers: districtAuditor })).statusCode).toBe(200);
  });

  it('gives a signed-in supervisor the same area as a key: their session cannot see past it', async () => {
    const inSangatta = await caseIn(SANGATTA_UTARA);
    const supervisor = await createStaffUser(bed.prisma, { role: 'SUPERVISOR', scope: [BENGALON] });
    const session = await signInWithInject(bed.app, supervisor.email);
    expect((await bed.app.inject({ url: `/api/v1/cases/${inSangatta}`, headers: { cookie: session.cookie } })).statusCode).toBe(404);
  });
});
