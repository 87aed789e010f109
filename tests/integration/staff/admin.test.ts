import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, signInWithInject, STAFF_TEST_PASSWORD } from '../../support/staff.js';
import { startApiTestbed, type ApiTestbed } from '../api/testbed.js';

let bed: ApiTestbed;
let admin: string;

beforeAll(async () => {
  bed = await startApiTestbed({ worker: false });
  admin = await bed.keyFor('ADMIN');
});
afterAll(async () => bed?.close());

const as = (key: string) => ({ authorization: `Bearer ${key}` });
const call = (method: 'GET' | 'POST' | 'PATCH', url: string, key: string, payload?: object) =>
  bed.app.inject({ method, url, headers: as(key), ...(payload ? { payload } : {}) });

describe('an admin manages staff users', () => {
  it('creates a supervisor for two kecamatan, who can then sign in and sees that area', async () => {
    const created = await call('POST', '/api/v1/admin/users', admin, {
      email: 'Yohana.Lawing@kutaitimurkab.go.id.test', name: 'Yohana Lawing', role: 'SUPERVISOR', scope: ['640812', '640804'], password: 'awal-yang-panjang-1',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: 'yohana.lawing@kutaitimurkab.go.id.test', role: 'SUPERVISOR', scope: ['640804', '640812'], locked: false, disabled: false });
    expect(created.body).not.toContain('password');

    const session = await signInWithInject(bed.app, 'yohana.lawing@kutaitimurkab.go.id.test', 'awal-yang-panjang-1');
    expect((await bed.app.inject({ url: '/api/v1/me', headers: { cookie: session.cookie } })).json()).toMatchObject({ role: 'SUPERVISOR', scope: ['640804', '640812'] });
    const listed = (await call('GET', '/api/v1/admin/users', admin)).json() as { email: string }[];
    expect(listed.map((user) => user.email)).toContain('yohana.lawing@kutaitimurkab.go.id.test');
  });

  it('is told, field by field and in Bahasa Indonesia, what is wrong with a new user', async () => {
    const response = await call('POST', '/api/v1/admin/users', admin, { email: 'bukan-email', name: 'Y', role: 'KEPALA', scope: ['999999'], password: 'pendek' });
    expect(response.statusCode).toBe(400);
    const fields = Object.fromEntries((response.json().error.fields as { field: string; message: string }[]).map((f) => [f.field, f.message]));
    expect(fields).toMatchObject({
      email: 'Alamat email tidak valid.',
      name: 'Nama minimal 2 karakter.',
      role: 'Peran harus COORDINATOR, SUPERVISOR, AUDITOR, atau ADMIN.',
      'scope.0': 'Kecamatan tidak dikenal di Kabupaten Kutai Timur.',
      password: 'Kata sandi minimal 12 karakter.',
    });
    const existing = await createStaffUser(bed.prisma, { role: 'AUDITOR' });
    const duplicate = await call('POST', '/api/v1/admin/users', admin, { email: existing.email, name: 'Orang Lain', role: 'AUDITOR', password: 'cukup-panjang-sekali' });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().error.fields).toEqual([{ field: 'email', message: 'Email ini sudah dipakai pengguna lain.' }]);
  });

  it('narrows a user’s area, which signs them out everywhere so no old session keeps the wider area', async () => {
    const user = await createStaffUser(bed.prisma, { role: 'COORDINATOR' });
    const session = await signInWithInject(bed.app, user.email);
    const changed = await call('PATCH', `/api/v1/admin/users/${user.id}`, admin, { scope: ['640809'] });
    expect(changed.json()).toMatchObject({ scope: ['640809'] });
    expect((await bed.app.inject({ url: '/api/v1/me', headers: { cookie: session.cookie } })).statusCode).toBe(401);
    const again = await signInWithInject(bed.app, user.email);
    expect((await bed.app.inject({ url: '/api/v1/me', headers: { cookie: again.cookie } })).json().scope).toEqual(['640809']);
  });

  it('unlocks a locked account, resets a password and disables a leaver', async () => {
    const user = await createStaffUser(bed.prisma, { role: 'COORDINATOR' });
    await bed.prisma.staffUser.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() + 15 * 60_000) } });
    expect((await call('GET', '/api/v1/admin/users', admin)).json().find((u: { id: string }) => u.id === user.id).locked).toBe(true);
    expect((await call('PATCH', `/api/v1/admin/users/${user.id}`, admin, { unlock: true })).json().locked).toBe(false);
    await signInWithInject(bed.app, user.email);

    await call('PATCH', `/api/v1/admin/users/${user.id}`, admin, { password: 'baru-dari-admin-2026' });
    await expect(signInWithInject(bed.app, user.email, STAFF_TEST_PASSWORD)).rejects.toThrow(/sign-in failed/);
    const fresh = await signInWithInject(bed.app, user.email, 'baru-dari-admin-2026');

    expect((await call('PATCH', `/api/v1/admin/users/${user.id}`, admin, { disabled: true })).json().disabled).toBe(true);
    expect((await bed.app.inject({ url: '/api/v1/me', headers: { cookie: fresh.cookie } })).statusCode).toBe(401);
  });

  it('cannot lock themselves out by disabling or demoting their own account', async () => {
    const self = await createStaffUser(bed.prisma, { role: 'ADMIN' });
    const session = await signInWithInject(bed.app, self.email);
    for (const change of [{ disabled: true }, { role: 'AUDITOR' }]) {
      const response = await bed.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${self.id}`, headers: session.headers(), payload: change });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.message).toBe('Anda tidak dapat menonaktifkan atau menurunkan peran akun Anda sendiri.');
    }
  });
});

describe('an admin manages API keys', () => {
  it('issues a key shown once, which works until it is revoked', async () => {
    const issued = await call('POST', '/api/v1/admin/api-keys', admin, { name: 'Integrasi Dapodik', role: 'COORDINATOR', scope: ['640804'] });
    expect(issued.statusCode).toBe(201);
    const { key, id, prefix } = issued.json() as { key: string; id: string; prefix: string };
    expect(key.startsWith(`ats_${prefix}_`)).toBe(true);
    expect((await call('GET', '/api/v1/me', key)).json()).toMatchObject({ kind: 'API_KEY', role: 'COORDINATOR', scope: ['640804'] });

    const listed = (await call('GET', '/api/v1/admin/api-keys', admin)).json() as { id: string; key?: string }[];
    expect(listed.find((row) => row.id === id)).toBeDefined();
    expect(JSON.stringify(listed)).not.toContain(key);

    const revoked = await call('POST', `/api/v1/admin/api-keys/${id}/revoke`, admin);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await call('GET', '/api/v1/me', key)).statusCode).toBe(401);
    expect((await call('POST', `/api/v1/admin/api-keys/${id}/revoke`, admin)).json().revokedAt).toBe(revoked.json().revokedAt);
  });
});

describe('an admin manages the officer directory', () => {
  it('adds a field officer for a kecamatan, moves them, and deactivates them', async () => {
    const added = await call('POST', '/api/v1/admin/officers', admin, {
      name: 'Yakobus Ding', email: 'yakobus.ding@kutaitimurkab.go.id.test', phone: '081250001234', agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: '640806',
    });
    expect(added.statusCode).toBe(201);
    const officer = added.json() as { id: string };
    expect(added.json()).toMatchObject({ kecamatan: '640806', desa: null, active: true, language: 'id', openTasks: 0 });

    const moved = await call('PATCH', `/api/v1/admin/officers/${officer.id}`, admin, { kecamatan: '640809' });
    expect(moved.json()).toMatchObject({ kecamatan: '640809' });
    const deactivated = await call('PATCH', `/api/v1/admin/officers/${officer.id}`, admin, { active: false });
    expect(deactivated.json().active).toBe(false);
    const stored = await bed.prisma.officer.findUniqueOrThrow({ where: { id: officer.id } });
    expect(stored).toMatchObject({ kecamatan: '640809', active: false });
  });

  it('refuses an officer with an unknown kecamatan or a desa without its kecamatan', async () => {
    const response = await call('POST', '/api/v1/admin/officers', admin, { name: 'Tanpa Wilayah', email: 'x@kutaitimurkab.go.id.test', agency: 'DINSOS', role: 'FIELD_OFFICER', desa: 'Singa Gembara' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ field: 'desa', message: 'Desa hanya dapat diisi bersama kecamatannya.' }]);
    const unknown = await call('POST', '/api/v1/admin/officers', admin, { name: 'Salah Kode', email: 'y@kutaitimurkab.go.id.test', agency: 'DINSOS', role: 'FIELD_OFFICER', kecamatan: '640899' });
    expect(unknown.json().error.fields).toEqual([{ field: 'kecamatan', message: 'Kecamatan tidak dikenal di Kabupaten Kutai Timur.' }]);
  });
});

describe('the admin page', () => {
  it('issues a key shown once on the page, revokes it, and deactivates an officer, with the same effect as the API', async () => {
    const user = await createStaffUser(bed.prisma, { role: 'ADMIN' });
    const session = await signInWithInject(bed.app, user.email);
    const post = (url: string, payload: Record<string, string | string[]>) =>
      bed.app.inject({ method: 'POST', url, headers: { cookie: session.cookie }, payload: { _csrf: session.csrfToken, ...payload } });

    const issued = await post('/admin/kunci', { name: 'Sistem SIPBM Desa', role: 'COORDINATOR', scope: ['640804', '640812'] });
    expect(issued.statusCode).toBe(201);
    const key = /<code id="kunci-baru">(ats_[^<]+)<\/code>/.exec(issued.body)?.[1];
    expect(key).toBeDefined();
    expect((await call('GET', '/api/v1/me', key!)).json()).toMatchObject({ role: 'COORDINATOR', scope: ['640804', '640812'] });
    const overview = await bed.app.inject({ url: '/admin', headers: { cookie: session.cookie } });
    expect(overview.body).not.toContain(key!);

    const row = await bed.prisma.apiKey.findFirstOrThrow({ where: { name: 'Sistem SIPBM Desa' } });
    const revoked = await post(`/admin/kunci/${row.id}/cabut`, {});
    expect(revoked.headers.location).toBe('/admin?selesai=kunci-dicabut');
    expect((await call('GET', '/api/v1/me', key!)).statusCode).toBe(401);

    const invalid = await post('/admin/kunci', { name: '', role: 'PETUGAS' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Peran harus COORDINATOR, SUPERVISOR, AUDITOR, atau ADMIN.');

    const officer = await bed.prisma.officer.findFirstOrThrow({ where: { role: 'FIELD_OFFICER', kecamatan: '640809' } });
    expect((await post(`/admin/petugas/${officer.id}/nonaktifkan`, {})).headers.location).toBe('/admin?selesai=petugas-diubah');
    expect((await bed.prisma.officer.findUniqueOrThrow({ where: { id: officer.id } })).active).toBe(false);
    await post(`/admin/petugas/${officer.id}/aktifkan`, {});
    expect((await bed.prisma.officer.findUniqueOrThrow({ where: { id: officer.id } })).active).toBe(true);
  });
});
