import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app.js';
import { parseEnv } from '../../../config/env.js';
import { createStaffUser, signInWithInject, STAFF_TEST_PASSWORD } from '../../support/staff.js';
import { startApiTestbed, type ApiTestbed } from '../api/testbed.js';

let bed: ApiTestbed;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: false });
});
afterAll(async () => bed?.close());

const signInForm = (email: string, password: string, lanjut?: string) =>
  bed.app.inject({ method: 'POST', url: '/masuk', payload: { email, password, ...(lanjut !== undefined ? { lanjut } : {}) } });

const me = (headers: Record<string, string>) => bed.app.inject({ url: '/api/v1/me', headers });

describe('a coordinator signs in to the staff pages', () => {
  it('with email and password, and lands on the page they asked for with a session cookie only the server can read', async () => {
    const user = await createStaffUser(bed.prisma, { role: 'COORDINATOR', email: 'Rina.Wulandari@kutaitimurkab.go.id.test' });
    const login = await bed.app.inject({ url: '/masuk?lanjut=%2Fakun' });
    expect(login.statusCode).toBe(200);
    expect(login.body).toContain('<label for="email">Email dinas</label>');

    const response = await signInForm('  RINA.wulandari@kutaitimurkab.go.id.test ', STAFF_TEST_PASSWORD, '/akun');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/akun');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^ats_sesi=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');

    const session = cookie.split(';')[0]!;
    const whoAmI = await me({ cookie: session });
    expect(whoAmI.json()).toEqual({ kind: 'USER', id: user.id, name: user.name, role: 'COORDINATOR', scope: [] });
    const stored = await bed.prisma.staffSession.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(session.split('=')[1]!);
  });

  it('is told the same thing for a wrong password and an unknown email, without learning which', async () => {
    const user = await createStaffUser(bed.prisma, { role: 'COORDINATOR' });
    const wrongPassword = await signInForm(user.email, 'bukan-kata-sandinya');
    const unknownEmail = await signInForm('tidak.ada@kutaitimurkab.go.id.test', 'bukan-kata-sandinya');
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('Email atau kata sandi salah.');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    expect(wrongPassword.body).toContain(`value="${user.email}"`);
  });

  it('is locked out after five wrong passwords in a row, even with the right one, until the lock passes or an admin lifts it', async () => {
    const user = await createStaffUser(bed.prisma, { role: 'SUPERVISOR', scope: ['640804'] });
    for (let attempt = 1; attempt <= 4; attempt++) expect((await signInForm(user.email, `salah-${attempt}`)).statusCode).toBe(401);
    const fifth = await signInForm(user.email, 'salah-5');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.body).toContain('Akun ini dikunci sementara');
    expect(fifth.body).toMatch(/Coba lagi setelah .+ pukul \d{2}\.\d{2} WITA/);

    const rightPasswordWhileLocked = await signInForm(user.email, STAFF_TEST_PASSWORD);
    expect(rightPasswordWhileLocked.statusCode).toBe(423);
    expect(rightPasswordWhileLocked.headers['set-cookie']).toBeUndefined();

    // Fifteen minutes later the lock has passed.
    await bed.prisma.staffUser.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await signInForm(user.email, STAFF_TEST_PASSWORD)).statusCode).toBe(303);
  });

  it('counts wrong passwords sent all at once, so parallel guessing gains nothing', async () => {
    const user = await createStaffUser(bed.prisma, { role: 'COORDINATOR' });
    const attempts = await Promise.all(Array.from({ length: 8 }, (_, i) => signInForm(user.email, `tebakan-${i}`)));
    expect(attempts.some((response) => response.statusCode === 423)).toBe(true);
    const stored = await bed.prisma.staffUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it('from one address is slowed down after twenty attempts a minute, whichever accounts are tried', async () => {
    const app = await buildApp({ env: parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CASE_KEY_SECRET: 'a-secret-for-this-app-only-0123456789' }), prisma: bed.prisma, temporal: bed.temporal, logger: false });
    try {
      const attempt = (i: number) => app.inject({ method: 'POST', url: '/masuk', payload: { email: `akun-${i}@kutaitimurkab.go.id.test`, password: 'tebakan-saja' } });
      for (let i = 0; i < 20; i++) expect((await attempt(i)).statusCode).toBe(401);
      const slowed = await attempt(20);
      expect(slowed.statusCode).toBe(429);
      expect(slowed.headers['content-type']).toMatch(/^text\/html/);
      expect(slowed.body).toContain('Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.');
    } finally {
      await app.close();
    }
  });

  it('is never sent to another site after signing in', async () => {
    const user = await createStaffUser(bed.prisma, { role: 'AUDITOR' });
    for (const lanjut of ['//phishing.example/masuk', 'https://phishing.example/', '/\\phishing.example']) {
      const response = await signInForm(user.email, STAFF_TEST_PASSWORD, lanjut);
      expect(response.headers.location).toBe('/dasbor');
    }
  });
});

describe('a signed-in session', () => {
  it('is sent to the sign-in page, and back, when opening a staff page without one', async () => {
    const response = await bed.app.inject({ url: '/akun' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/masuk?lanjut=%2Fakun');
    const api = await me({});
    expect(api.statusCode).toBe(401);
    expect(api.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('ends on sign-out: the cookie is cleared and the old cookie opens nothing', async () => {
    const user = await createStaffUser(bed.prisma, { role: 'COORDINATOR' });
    const session = await signInWithInject(bed.app, user.email);
    const out = await bed.app.inject({ method: 'POST', url: '/keluar', headers: { cookie: session.cookie }, payload: { _csrf: session.csrfToken } });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/masuk?keluar=1');
    expect(String(out.headers['set-cookie'])).toMatch(/ats_sesi=;/);
    expect((await bed.app.inject({ url: '/masuk?keluar=1' })).body).toContain('Anda sudah keluar.');
    expect((await me({ cookie: session.cookie })).statusCode).toBe(401);
  });

  it('ends after two hours without a request, and at once when an admin disables the account', async () => {
    const idle = await createStaffUser(bed.prisma, { role: 'COORDINATOR' });
    const idleSession = await signInWithInject(bed.app, idle.email);
    await bed.prisma.staffSession.updateMany({ where: { userId: idle.id }, data: { lastSeenAt: new Date(Date.now() - 121 * 60_000) } });
    expect((await me({ cookie: idleSession.cookie })).statusCode).toBe(401);

    const leaver = await createStaffUser(bed.prisma, { role: 'COORDINATOR' });
    const leaverSession = await signInWithInject(bed.app, leaver.email);
    expect((await me({ cookie: leaverSession.cookie })).statusCode).toBe(200);
    await bed.prisma.staffUser.update({ where: { id: leaver.id }, data: { disabledAt: new Date() } });
    expect((await me({ cookie: leaverSession.cookie })).statusCode).toBe(401);
    expect((await signInForm(leaver.email, STAFF_TEST_PASSWORD)).statusCode).toBe(401);
  });

  it('cannot be made to change anything by another site: a form without the page’s token is refused', async () => {
    const user = await createStaffUser(bed.prisma, { role: 'COORDINATOR' });
    const session = await signInWithInject(bed.app, user.email);
    for (const payload of [{}, { _csrf: 'dari-situs-lain' }]) {
      const forged = await bed.app.inject({ method: 'POST', url: '/keluar', headers: { cookie: session.cookie }, payload });
      expect(forged.statusCode).toBe(403);
      expect(forged.body).toContain('Formulir kedaluwarsa atau tidak berasal dari halaman ini.');
    }
    expect((await me({ cookie: session.cookie })).statusCode).toBe(200);
  });

  it('lets the user change their own password, which ends their other sessions', async () => {
    const user = await createStaffUser(bed.prisma, { role: 'SUPERVISOR', scope: ['640809'] });
    const laptop = await signInWithInject(bed.app, user.email);
    const tablet = await signInWithInject(bed.app, user.email);
    const change = (currentPassword: string, newPassword: string) =>
      bed.app.inject({ method: 'POST', url: '/akun/kata-sandi', headers: { cookie: laptop.cookie }, payload: { _csrf: laptop.csrfToken, currentPassword, newPassword } });

    const wrongCurrent = await change('bukan-ini', 'kata-sandi-baru-2026');
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.body).toContain('Kata sandi sekarang tidak cocok.');
    const tooShort = await change(STAFF_TEST_PASSWORD, 'pendek');
    expect(tooShort.body).toContain('Kata sandi minimal 12 karakter.');

    const changed = await change(STAFF_TEST_PASSWORD, 'kata-sandi-baru-2026');
    expect(changed.headers.location).toBe('/akun?diganti=1');
    expect((await me({ cookie: laptop.cookie })).statusCode).toBe(200);
    expect((await me({ cookie: tablet.cookie })).statusCode).toBe(401);
    expect((await signInForm(user.email, STAFF_TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signInForm(user.email, 'kata-sandi-baru-2026')).statusCode).toBe(303);
  });
});
