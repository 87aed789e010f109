import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officerIds } from '../../../infra/seed.js';
import { decodeEntities, HtmlForm } from '../../support/html-form.js';
import { daysFromNow } from '../journeys/field-officer.js';
import { browser, emailTo, fieldOfficerFor, officer, reportOf, startJourneyStack, type JourneyStack } from '../journeys/stack.js';
import { addFieldOfficer, get, linkIn, post, withCompressedDeadlines } from './support.js';

/** One day of the deadline policy lasts one second here (see withCompressedDeadlines). */
let stack: JourneyStack;

beforeAll(async () => {
  stack = await startJourneyStack({ adaptActivities: withCompressedDeadlines });
});

afterAll(async () => {
  await stack?.close();
});

const TASK = 'Jadwalkan kunjungan rumah';
const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

describe('A supervisor told that a task is late', () => {
  it('reassigns it from the escalation email; the old link stops working and the new officer gets the reminders and escalations', async () => {
    const child = stack.simulators.population.scenarios.nonPoorHousehold.child;
    const fieldOfficer = fieldOfficerFor(child.kecamatanCode, child.desa);
    const supervisor = officer(officerIds.supervisor(child.kecamatanCode));
    const colleague = await addFieldOfficer(stack.prisma, child.kecamatanCode, 'Yusuf Hamdani');
    const { body } = await stack.coordinator.reportChild(reportOf(child));

    const assignment = await emailTo(stack.sink, fieldOfficer, TASK);
    const late = await emailTo(stack.sink, supervisor, `Terlambat: ${TASK} (${fieldOfficer.name})`, 20_000);
    expect(late.text).not.toContain('/tasks/');
    const reassignLink = linkIn(late, 'penyelia');
    const page = await get(reassignLink);
    expect(page.status).toBe(200);
    const done = await post(reassignLink, HtmlForm.parse(page.html).check('officerId', colleague.id).type('reason', 'Rina belum bisa ke lapangan minggu ini.'));
    expect(done.status).toBe(200);
    const reassignedAt = Date.now();

    // The old officer is told, and their link says the task moved on.
    await emailTo(stack.sink, fieldOfficer, `Tugas dialihkan: ${TASK}`);
    const oldLink = await get(linkIn(assignment, 'tasks'));
    expect(oldLink.status).toBe(410);
    expect(text(oldLink.html)).toContain('Tugas ini dialihkan');

    // The new officer's own ladder: their assignment, their reminder, and the supervisor hears if they are late.
    await emailTo(stack.sink, colleague, TASK);
    await emailTo(stack.sink, colleague, `Pengingat: ${TASK}`, 20_000);
    const lateAgain = await emailTo(stack.sink, supervisor, `Terlambat: ${TASK} (${colleague.name})`, 20_000);
    expect(Date.parse(lateAgain.receivedAt)).toBeGreaterThan(reassignedAt);
    const afterwards = stack.sink.messages().filter((m) => m.to.includes(fieldOfficer.email) && m.subject.includes(TASK) && Date.parse(m.receivedAt) > reassignedAt);
    expect(afterwards.map((m) => m.subject.replace(/ — .*$/, ''))).toEqual([`[ATS Kutim] Tugas dialihkan: ${TASK}`]);

    const detail = await stack.coordinator.caseDetail(body.caseId);
    expect(detail.tasks.find((t) => t.taskId === 'visit-scheduling-1')).toMatchObject({ status: 'OPEN', assignee: { officerId: colleague.id }, escalationLevel: 1 });
  });
});

describe('An officer’s own list of tasks', () => {
  it('comes with every task email, shows the open tasks with due dates, and opens each task with a fresh link', async () => {
    const child = stack.simulators.population.scenarios.unregisteredHousehold.child;
    const fieldOfficer = fieldOfficerFor(child.kecamatanCode, child.desa);
    await stack.prisma.officer.update({ where: { id: fieldOfficer.id }, data: { language: 'en' } });
    try {
      await stack.coordinator.reportChild(reportOf(child));

      // The officer reads English: the email is in English.
      const assignment = await emailTo(stack.sink, fieldOfficer, 'Schedule a home visit');
      expect(assignment.subject).toMatch(/^\[ATS Kutim\] Schedule a home visit — due \w+day, \d{1,2} \w+ \d{4}$/);
      expect(assignment.text).toContain(`Dear ${fieldOfficer.name},`);

      const myTasks = linkIn(assignment, 'petugas');
      const list = await get(myTasks);
      expect(list.status).toBe(200);
      expect(text(list.html)).toContain(`${fieldOfficer.name}, Anda memiliki 1 tugas terbuka`);
      expect(text(list.html)).toContain(TASK);
      expect(text(list.html)).toMatch(/Batas \w+, [1-9]\d? \w+ \d{4} pukul 17\.00 WITA/);
      expect(list.html).not.toContain(child.fullName);
      expect(Buffer.byteLength(list.html)).toBeLessThan(50 * 1024);

      const entry = /href="(\/petugas\/[^"]+\/tugas\/[^"]+)"/.exec(list.html)![1]!;
      const redirect = await fetch(new URL(decodeEntities(entry), stack.apiUrl), { redirect: 'manual' });
      expect(redirect.status).toBe(303);
      const taskUrl = new URL(redirect.headers.get('location')!, stack.apiUrl).toString();
      expect(taskUrl).toMatch(/\/tasks\/[A-Za-z0-9_-]{43}$/);
      const page = await browser.open(taskUrl);
      const sent = await browser.submit(taskUrl, page.form.type('visitDate', daysFromNow(2)));
      expect(sent.status).toBe(200);

      await emailTo(stack.sink, fieldOfficer, 'Home visit report');
      const next = text((await get(myTasks)).html);
      expect(next).not.toContain(TASK);
      expect(next).toContain('Laporan kunjungan rumah');
      expect((await get(`${stack.apiUrl}/petugas/${'x'.repeat(43)}`)).status).toBe(404);
    } finally {
      await stack.prisma.officer.update({ where: { id: fieldOfficer.id }, data: { language: 'id' } });
    }
  });
});
