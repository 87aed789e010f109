import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../../api/auth/api-keys.js';
import type { OutreachProgress } from '../../../api/reconciliation/schemas.js';
import { maskNik } from '../../../domain/nik.js';
import { todayIso } from '../../../domain/validation.js';
import { hashTaskToken } from '../../../infra/task-tokens.js';
import { HtmlForm } from '../../support/html-form.js';
import { createStaffUser, sessionCookieOver } from '../../support/staff.js';
import { browser, startJourneyStack, type JourneyStack } from '../journeys/stack.js';
import { outreachLinkIn, outreachNight, reconciliationActivitiesAt } from './outreach-night.js';

/**
 * Sangatta Utara's poor families with children in school are flagged one night; the desa officer opens
 * the link in the email, records visits, and the families visited rest until the cooldown is over.
 */
const KECAMATAN = '640804';
const DAY_MS = 86_400_000;
const firstNight = new Date();

let stack: JourneyStack;

beforeAll(async () => {
  stack = await startJourneyStack({ inProcessWorker: false, simulators: { population: { households: 400, kecamatan: [KECAMATAN] } } });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

/** A page without a form (the list of families), as the phone loads it. */
async function openPage(link: string): Promise<{ status: number; html: string }> {
  const response = await fetch(link);
  expect(response.headers.get('content-type')).toContain('text/html');
  return { status: response.status, html: await response.text() };
}

function post(link: string, body: string, contentType = 'application/x-www-form-urlencoded') {
  return fetch(link, { method: 'POST', headers: { 'content-type': contentType }, body });
}

describe('A desa officer records the preventive visits the nightly reconciliation asked for', () => {
  let officerEmail: string;
  let listLink: string;
  let visitedRef: string;

  it('opens the link in the email, sees their families by their family card, and records a visit', { timeout: 180_000 }, async () => {
    const flagged = await outreachNight(stack, { runId: 'night-1', kecamatan: KECAMATAN, at: firstNight });
    expect(flagged.atRiskHouseholds).toBeGreaterThan(5);

    const email = await stack.sink.waitFor((m) => m.subject.includes('Kunjungan pencegahan'));
    officerEmail = email.to[0]!;
    const officer = await stack.prisma.officer.findFirstOrThrow({ where: { email: officerEmail } });
    const theirs = await stack.prisma.welfareOutreach.findMany({ where: { officerId: officer.id, status: 'OPEN' }, orderBy: [{ desa: 'asc' }, { noKk: 'asc' }] });
    expect(email.subject).toContain(`${theirs.length} keluarga`);
    // The email names each family by desa and masked KK only, and links to the officer's page.
    for (const row of theirs) {
      expect(email.text).toContain(`KK ${maskNik(row.noKk)}`);
      expect(email.text).not.toContain(row.noKk);
    }
    listLink = outreachLinkIn(email);
    const stored = await stack.prisma.officerLink.findUniqueOrThrow({ where: { tokenHash: hashTaskToken(listLink.split('/kunjungan/')[1]!) } });
    expect(stored).toMatchObject({ officerId: officer.id, purpose: 'OUTREACH' });

    const list = await openPage(listLink);
    expect(list.status).toBe(200);
    expect(list.html).toContain(`<strong id="households-open">${theirs.length}</strong> keluarga menunggu kunjungan Anda`);
    const first = theirs[0]!;
    for (const row of theirs) expect(list.html).toContain(`Desa ${row.desa} · KK ${row.noKk}`);

    const householdLink = `${stack.apiUrl}${/href="(\/kunjungan\/[^"]+\/keluarga\/[0-9a-f-]+)"/.exec(list.html)![1]!}`;
    visitedRef = householdLink.split('/keluarga/')[1]!;
    expect(visitedRef).toBe(first.id);
    const page = await browser.open(householdLink);
    expect(page.html).toContain(`<dt>Desil</dt><dd>${first.decile}</dd>`);
    expect(page.html).toContain(`<dt>Anak bersekolah</dt><dd>${first.children}</dd>`);
    expect(page.html).not.toContain('<script');

    // Mistakes come back beside their fields, in Indonesian, with what the officer typed kept.
    const empty = await browser.submit(householdLink, HtmlForm.parse(page.html).type('note', 'Rumah dekat masjid'));
    expect(empty.status).toBe(400);
    expect(empty.html).toMatch(/<p class="error" id="f-visitedOn-error">Wajib diisi\.<\/p>/);
    expect(empty.html).toMatch(/<p class="error" id="f-outcome-error">Pilih hasil kunjungan\.<\/p>/);
    expect(empty.html).toContain('Rumah dekat masjid');
    const tomorrow = todayIso(Date.now() + DAY_MS);
    const future = await browser.submit(householdLink, HtmlForm.parse(page.html).type('visitedOn', tomorrow).check('outcome', 'ADVISED'));
    expect(future.status).toBe(400);
    expect(future.html).toContain('Tanggal kunjungan tidak boleh setelah hari ini.');
    const badDate = await browser.submit(householdLink, HtmlForm.parse(page.html).type('visitedOn', '2026-02-30').check('outcome', 'ADVISED'));
    expect(badDate.html).toContain('Tanggal tidak ada di kalender.');

    // A form from elsewhere, without the page's CSRF field, is refused.
    const forged = await post(householdLink, new URLSearchParams({ visitedOn: todayIso(), outcome: 'ADVISED' }).toString());
    expect(forged.status).toBe(403);

    const today = todayIso();
    const done = await browser.submit(
      householdLink,
      HtmlForm.parse(page.html).type('visitedOn', today).check('outcome', 'PIP_KIP_PROPOSED').type('note', 'Ibu akan mengurus KIP di sekolah'),
    );
    expect(done.status).toBe(200);
    expect(done.html).toContain('Terima kasih, kunjungan tercatat');
    expect(done.html).toContain(`Masih ada ${theirs.length - 1} keluarga lain`);
    const row = await stack.prisma.welfareOutreach.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({
      status: 'DONE',
      openHouseholdHash: null,
      visitedOn: today,
      outcome: 'PIP_KIP_PROPOSED',
      note: 'Ibu akan mengurus KIP di sekolah',
      doneBy: officer.id,
    });
    expect(Math.abs(row.doneAt!.getTime() - Date.now())).toBeLessThan(60_000);

    // The household is recorded once: a second submission and the reopened form say so.
    const twice = await browser.submit(householdLink, HtmlForm.parse(page.html).type('visitedOn', today).check('outcome', 'ADVISED'));
    expect(twice.status).toBe(409);
    expect(twice.html).toContain('Kunjungan sudah dicatat');
    expect(twice.html).toContain('Keluarga ditemui dan diusulkan menerima PIP/KIP');
    expect((await fetch(householdLink)).status).toBe(410);
    expect((await openPage(listLink)).html).toContain(`<strong id="households-open">${theirs.length - 1}</strong>`);
  });

  it('takes the same record as JSON, with the same rules', async () => {
    const officer = await stack.prisma.officer.findFirstOrThrow({ where: { email: officerEmail } });
    const next = await stack.prisma.welfareOutreach.findFirstOrThrow({ where: { officerId: officer.id, status: 'OPEN' } });
    const url = `${listLink}/keluarga/${next.id}`;
    const wrong = await post(url, JSON.stringify({ visitedOn: '07-12-2026', outcome: 'SOMETHING' }), 'application/json');
    expect(wrong.status).toBe(400);
    const body = (await wrong.json()) as { error: { code: string; fields: { field: string; message: string }[] } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields).toEqual([
      { field: 'visitedOn', message: 'Gunakan format tanggal TTTT-BB-HH.' },
      { field: 'outcome', message: 'Pilih hasil kunjungan.' },
    ]);
    const ok = await post(url, JSON.stringify({ visitedOn: todayIso(), outcome: 'FAMILY_NOT_FOUND' }), 'application/json');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ outreachId: next.id, status: 'DONE', visitedOn: todayIso(), outcome: 'FAMILY_NOT_FOUND' });
    const again = await post(url, JSON.stringify({ visitedOn: todayIso(), outcome: 'ADVISED' }), 'application/json');
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe('Kunjungan ke keluarga ini sudah dicatat sebelumnya.');
  });

  it('refuses another officer’s family, an unknown link and an expired one with a clear page', async () => {
    const officer = await stack.prisma.officer.findFirstOrThrow({ where: { email: officerEmail } });
    const colleague = await stack.prisma.officer.findFirstOrThrow({ where: { id: { not: officer.id }, role: 'FIELD_OFFICER' } });
    const theirs = await stack.prisma.welfareOutreach.create({
      data: {
        householdHash: 'a-household-of-a-colleague', openHouseholdHash: 'a-household-of-a-colleague', kecamatan: KECAMATAN, desa: 'Swarga Bara',
        noKk: '6408041203090004', decile: 2, programmes: [], children: 1, officerId: colleague.id, status: 'OPEN', raisedInRun: 'night-1', raisedAt: firstNight,
      },
    });
    const foreign = await fetch(`${listLink}/keluarga/${theirs.id}`);
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toContain('Keluarga tidak ada di daftar Anda');
    const foreignPost = await post(`${listLink}/keluarga/${theirs.id}`, JSON.stringify({ visitedOn: todayIso(), outcome: 'ADVISED' }), 'application/json');
    expect(foreignPost.status).toBe(404);
    await stack.prisma.welfareOutreach.delete({ where: { id: theirs.id } });
    const unknown = await fetch(`${stack.apiUrl}/kunjungan/${'x'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    const unknownHtml = await unknown.text();
    expect(unknownHtml).toContain('Tautan tidak dikenal');
    expect(unknownHtml).not.toMatch(/at \w+ \(|Error:/);

    const tokenHash = hashTaskToken(listLink.split('/kunjungan/')[1]!);
    await stack.prisma.officerLink.update({ where: { tokenHash }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await fetch(listLink);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('Tautan sudah kedaluwarsa');
    const open = await stack.prisma.welfareOutreach.findFirstOrThrow({ where: { officerId: officer.id, status: 'OPEN' } });
    const late = await post(`${listLink}/keluarga/${open.id}`, JSON.stringify({ visitedOn: todayIso(), outcome: 'ADVISED' }), 'application/json');
    expect(late.status).toBe(410);
    expect(await stack.prisma.welfareOutreach.count({ where: { id: open.id, status: 'OPEN' } })).toBe(1);
  });

  it('shows coordinators per kecamatan how many families wait and how many were visited', async () => {
    const open = await stack.prisma.welfareOutreach.count({ where: { status: 'OPEN' } });
    const { key } = await createApiKey(stack.prisma, { name: 'Koordinator Sangatta Utara', role: 'COORDINATOR', scope: [KECAMATAN] });
    const response = await fetch(`${stack.apiUrl}/api/v1/reconciliation/outreach`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      items: [{ kecamatan: KECAMATAN, kecamatanName: 'Sangatta Utara', open, done: 2 }],
      totals: { open, done: 2 },
    });
    const { key: busang } = await createApiKey(stack.prisma, { name: 'Koordinator Busang', role: 'COORDINATOR', scope: ['640806'] });
    const theirs = (await (await fetch(`${stack.apiUrl}/api/v1/reconciliation/outreach`, { headers: { authorization: `Bearer ${busang}` } })).json()) as OutreachProgress;
    expect(theirs).toEqual({ items: [], totals: { open: 0, done: 0 } });

    const user = await createStaffUser(stack.prisma, { role: 'COORDINATOR', scope: [KECAMATAN] });
    const cookie = await sessionCookieOver(stack.apiUrl, user.email, user.password);
    const html = await (await fetch(`${stack.apiUrl}/rekonsiliasi`, { headers: { cookie } })).text();
    expect(html).toContain(`<tr><th scope="row">Sangatta Utara</th><td class="num">${open}</td><td class="num">2</td></tr>`);
  });

  it('leaves a visited family alone the next nights, and flags it again once the cooldown is over', { timeout: 240_000 }, async () => {
    const visited = await stack.prisma.welfareOutreach.findUniqueOrThrow({ where: { id: visitedRef } });
    const firstNightHouseholds = (await stack.prisma.welfareOutreach.findMany({ where: { raisedInRun: 'night-1' } })).map((r) => r.householdHash);
    // Children have birthdays between nights, so a family may join or leave the list; the families of the first night are not raised again.
    const raisedAgain = (runId: string) => stack.prisma.welfareOutreach.count({ where: { raisedInRun: runId, householdHash: { in: firstNightHouseholds } } });

    const nextNight = await outreachNight(stack, { runId: 'night-2', kecamatan: KECAMATAN, at: new Date(firstNight.getTime() + DAY_MS) });
    expect(await raisedAgain('night-2')).toBe(0);
    expect(nextNight.alreadyFlagged).toBeGreaterThan(firstNightHouseholds.length - 5);
    expect(await stack.prisma.welfareOutreach.count({ where: { householdHash: visited.householdHash } })).toBe(1);

    // A district with a cooldown of three days: two days after the visit the family still rests, four days after it is flagged again.
    await outreachNight(stack, { runId: 'night-3', kecamatan: KECAMATAN, at: new Date(Date.now() + 2 * DAY_MS), cooldownDays: 3 });
    expect(await stack.prisma.welfareOutreach.count({ where: { householdHash: visited.householdHash } })).toBe(1);

    await outreachNight(stack, { runId: 'night-4', kecamatan: KECAMATAN, at: new Date(Date.now() + 4 * DAY_MS), cooldownDays: 3 });
    const rows = await stack.prisma.welfareOutreach.findMany({ where: { householdHash: visited.householdHash }, orderBy: { raisedAt: 'asc' } });
    expect(rows.map((r) => [r.status, r.raisedInRun])).toEqual([
      ['DONE', 'night-1'],
      ['OPEN', 'night-4'],
    ]);
    expect(rows[1]!.openHouseholdHash).toBe(visited.householdHash);
  });

  it('reminds an officer whose families still wait two weeks on, once, with a fresh link', { timeout: 240_000 }, async () => {
    const reminders = () => stack.sink.messages().filter((m) => m.subject.startsWith('[ATS Kutim] Pengingat kunjungan pencegahan'));
    expect(reminders()).toEqual([]);
    // A retried activity of the first night sends its digests again to nobody.
    const digests = stack.sink.messages().length;
    await reconciliationActivitiesAt(stack, { at: firstNight }).notifyOutreachOfficers({ runId: 'night-1', kecamatan: KECAMATAN });
    expect(stack.sink.messages()).toHaveLength(digests);

    const lastRaised = await stack.prisma.welfareOutreach.aggregate({ _max: { raisedAt: true } });
    const twoWeeksOn = new Date(lastRaised._max.raisedAt!.getTime() + 15 * DAY_MS);
    await outreachNight(stack, { runId: 'night-5', kecamatan: KECAMATAN, at: twoWeeksOn, cooldownDays: 3 });

    // Officers with new families tonight got their digest; the others with families still waiting get a reminder.
    const digested = new Set((await stack.prisma.welfareOutreach.findMany({ where: { raisedInRun: 'night-5' } })).map((row) => row.officerId));
    const waiting = await stack.prisma.welfareOutreach.groupBy({ by: ['officerId'], where: { status: 'OPEN', kecamatan: KECAMATAN }, _count: true });
    const toRemind = waiting.filter((group) => !digested.has(group.officerId));
    expect(toRemind.length).toBeGreaterThan(0);
    const sent = await stack.sink.waitFor((m) => m.subject.startsWith('[ATS Kutim] Pengingat kunjungan pencegahan'));
    await expect.poll(() => reminders().length).toBe(toRemind.length);
    for (const group of toRemind) {
      const officer = await stack.prisma.officer.findUniqueOrThrow({ where: { id: group.officerId } });
      const theirs = reminders().filter((m) => m.to.includes(officer.email));
      expect(theirs.map((m) => m.subject)).toEqual([
        `[ATS Kutim] Pengingat kunjungan pencegahan: ${group._count} keluarga masih menunggu di Kecamatan Sangatta Utara`,
      ]);
    }
    const page = await openPage(outreachLinkIn(sent));
    expect(page.status).toBe(200);
    expect(page.html).toContain('keluarga menunggu kunjungan Anda');

    // The next night nobody is reminded again.
    await outreachNight(stack, { runId: 'night-6', kecamatan: KECAMATAN, at: new Date(twoWeeksOn.getTime() + DAY_MS), cooldownDays: 3 });
    expect(reminders()).toHaveLength(toRemind.length);
  });
});
