import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officerIds } from '../../../infra/seed.js';
import { decodeEntities, HtmlForm } from '../../support/html-form.js';
import { daysFromNow } from '../journeys/field-officer.js';
import {
  auditLogOf, browser, caseProcessFinished, emailTo, fieldOfficerFor, officer, reportOf, startJourneyStack, type DirectoryOfficer, type JourneyStack,
} from '../journeys/stack.js';
import { addFieldOfficer, declineFormOf, get, linkIn, post } from './support.js';

let stack: JourneyStack;
let child: JourneyStack['simulators']['population']['scenarios']['nonPoorHousehold']['child'];
let fieldOfficer: DirectoryOfficer;
let supervisor: DirectoryOfficer;
let colleague: DirectoryOfficer;

beforeAll(async () => {
  stack = await startJourneyStack();
  child = stack.simulators.population.scenarios.nonPoorHousehold.child;
  fieldOfficer = fieldOfficerFor(child.kecamatanCode, child.desa);
  supervisor = officer(officerIds.supervisor(child.kecamatanCode));
  colleague = await addFieldOfficer(stack.prisma, child.kecamatanCode, 'Yusuf Hamdani');
});

afterAll(async () => {
  await stack?.close();
});

const TASK = 'Jadwalkan kunjungan rumah';
const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

describe('An officer who cannot do a task', () => {
  it('declines it from the task page; the supervisor reassigns it from their own link; the new officer does it', async () => {
    const { body } = await stack.coordinator.reportChild(reportOf(child));
    const { caseId } = body;

    // The officer opens the task and says why they cannot do it.
    const assignment = await emailTo(stack.sink, fieldOfficer, TASK);
    const link = linkIn(assignment, 'tasks');
    const page = await browser.open(link);
    expect(page.html).toContain('Tidak dapat mengerjakan tugas ini');
    const decline = declineFormOf(page.html);
    const declineUrl = `${link}/tolak`;
    const tooShort = await post(declineUrl, decline.type('reason', 'cuti'));
    expect(tooShort.status).toBe(400);
    expect(tooShort.html).toMatch(/<p class="error" id="f-reason-error">Minimal 5 karakter\.<\/p>/);
    const declined = await post(declineUrl, declineFormOf(tooShort.html).type('reason', 'Saya cuti melahirkan sampai bulan depan.'));
    expect(declined.status).toBe(200);
    expect(text(declined.html)).toContain(`Tugas ini sudah diteruskan kepada ${supervisor.name}`);

    // The link is dead and says so; the supervisor is asked to reassign the task, with the reason.
    const reopened = await get(link);
    expect(reopened.status).toBe(410);
    expect(text(reopened.html)).toContain('Tugas ini sudah Anda tolak');
    const toSupervisor = await emailTo(stack.sink, supervisor, `Perlu dialihkan: ${TASK}`);
    expect(toSupervisor.text).toContain(`${fieldOfficer.name} tidak dapat mengerjakan tugas berikut, dengan alasan: “Saya cuti melahirkan sampai bulan depan.”`);
    const held = await stack.coordinator.caseDetail(caseId);
    expect(held.tasks.find((t) => t.taskId === 'visit-scheduling-1')).toMatchObject({ status: 'OPEN', assignee: { officerId: supervisor.id } });

    // The supervisor opens their link on a phone and picks the colleague.
    const reassignLink = linkIn(toSupervisor, 'penyelia');
    const reassignPage = await get(reassignLink);
    expect(reassignPage.status).toBe(200);
    expect(reassignPage.html).not.toContain('<script');
    expect(text(reassignPage.html)).toContain('Tugas ini sekarang Anda pegang.');
    expect(text(reassignPage.html)).not.toContain('dipegang oleh');
    expect(text(reassignPage.html)).toContain(`${fieldOfficer.name} tidak dapat mengerjakan tugas ini, dengan alasan: “Saya cuti melahirkan sampai bulan depan.”`);
    expect(reassignPage.html).toContain(`value="${colleague.id}"`);
    expect(reassignPage.html).not.toContain(`value="${fieldOfficer.id}"`);
    const form = HtmlForm.parse(reassignPage.html);
    expect(form.fieldNames).toEqual(['_csrf', 'officerId', 'reason']);
    const noReason = await post(reassignLink, form.check('officerId', colleague.id));
    expect(noReason.status).toBe(400);
    expect(noReason.html).toMatch(/<p class="error" id="f-reason-error">Wajib diisi\.<\/p>/);
    const forged = await post(reassignLink, HtmlForm.parse(reassignPage.html).type('_csrf', 'forged').check('officerId', colleague.id).type('reason', 'Yusuf dekat dengan desa.'));
    expect(forged.status).toBe(403);
    const done = await post(reassignLink, HtmlForm.parse(noReason.html).check('officerId', colleague.id).type('reason', 'Yusuf tinggal dekat dengan desa.'));
    expect(done.status).toBe(200);
    expect(text(done.html)).toContain(`Tugas ini sekarang dipegang oleh ${colleague.name}`);
    const usedAgain = await get(reassignLink);
    expect(usedAgain.status).toBe(410);
    expect(text(usedAgain.html)).toContain('Tautan ini sudah digunakan');

    // The colleague gets the task with a link of their own, and does it.
    const toColleague = await emailTo(stack.sink, colleague, TASK);
    const newLink = linkIn(toColleague, 'tasks');
    expect(newLink).not.toBe(link);
    const colleaguePage = await browser.open(newLink);
    const sent = await browser.submit(newLink, colleaguePage.form.type('visitDate', daysFromNow(2)));
    expect(sent.status).toBe(200);
    await emailTo(stack.sink, supervisor, `Tugas dialihkan: ${TASK}`);
    // The next task of the case opens once the completion is recorded; each task is assigned on its own.
    await emailTo(stack.sink, fieldOfficer, 'Laporan kunjungan rumah');

    const aboutTheTask = stack.sink.messages().filter((m) => m.subject.includes(TASK)).map((m) => [m.to[0], m.subject.replace(/ — .*$/, '')]);
    expect(aboutTheTask).toEqual([
      [fieldOfficer.email, `[ATS Kutim] ${TASK}`],
      [supervisor.email, `[ATS Kutim] Perlu dialihkan: ${TASK}`],
      [supervisor.email, `[ATS Kutim] Tugas dialihkan: ${TASK}`],
      [colleague.email, `[ATS Kutim] ${TASK}`],
    ]);
    const log = await auditLogOf(stack.prisma, caseId);
    const moves = log.types.filter((type) => type.startsWith('TASK_'));
    expect(moves.slice(0, 4)).toEqual(['TASK_OPENED', 'TASK_DECLINED', 'TASK_REASSIGNED', 'TASK_COMPLETED']);
    const rows = await stack.prisma.caseEvent.findMany({ where: { caseId, type: { in: ['TASK_DECLINED', 'TASK_REASSIGNED'] } }, orderBy: { sequence: 'asc' } });
    expect(rows.map((row) => [row.type, row.actorKind, row.actorId])).toEqual([
      ['TASK_DECLINED', 'OFFICER', fieldOfficer.id],
      ['TASK_REASSIGNED', 'OFFICER', supervisor.id],
    ]);
    expect(rows[1]!.data).toMatchObject({ fromOfficerId: supervisor.id, toOfficerId: colleague.id, reason: 'Yusuf tinggal dekat dengan desa.' });
    expect(log.chain.valid).toBe(true);
  });
});

describe('A case the coordinator closes', () => {
  it('tells the officer whose task it cancelled, and the coordinator, how it ended', async () => {
    const other = stack.simulators.population.scenarios.unregisteredHousehold.child;
    const otherOfficer = fieldOfficerFor(other.kecamatanCode, other.desa);
    const coordinator = officer(officerIds.coordinator());
    const { body } = await stack.coordinator.reportChild(reportOf(other));
    const assignment = await emailTo(stack.sink, otherOfficer, TASK);

    const closed = await stack.coordinator.closeCase(body.caseId, { reason: 'MOVED', note: 'Keluarga pindah ke Samarinda.' });
    expect(closed.status).toBe(200);
    await caseProcessFinished(stack, body.caseId);

    const cancelled = await emailTo(stack.sink, otherOfficer, `Tugas dibatalkan: ${TASK}`);
    expect(cancelled.subject).toBe(`[ATS Kutim] Tugas dibatalkan: ${TASK} — kasus ditutup, tidak perlu tindakan`);
    expect(cancelled.text).not.toContain('/tasks/');
    const outcome = await emailTo(stack.sink, coordinator, 'Kasus ditutup');
    expect(outcome.subject).toBe(`[ATS Kutim] Kasus ditutup: Pindah ke luar daerah (Desa ${other.desa}) — tidak perlu tindakan`);
    expect(outcome.text).toContain(body.caseId);
    expect(outcome.text).not.toContain(other.fullName);
    expect((await get(linkIn(assignment, 'tasks'))).status).toBe(410);
  });
});
