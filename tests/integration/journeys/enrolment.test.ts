import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officerIds } from '../../../infra/seed.js';
import { confirmEnrolment, daysFromNow, reportVisit, scheduleVisit, TARGET_SCHOOL } from './field-officer.js';
import {
  auditLogOf, browser, caseProcessFinished, emailTo, enterOnSchoolRoll, fieldOfficerFor, officer, reportOf, startJourneyStack, taskLinkIn,
  type JourneyStack,
} from './stack.js';

let stack: JourneyStack;

/** The months of monitoring after an enrolment pass in seconds here. */
const CHECKS = { ENROLMENT_MONITORING_CHECKS: '4s,8s' };
const FIRST_SCHOOL_DAY = daysFromNow(0);

beforeAll(async () => {
  stack = await startJourneyStack({ env: CHECKS });
});

afterAll(async () => {
  await stack?.close();
});

describe('A child reported by a coordinator is back in school', () => {
  it('goes from the report through the home visit and the enrolment to months still on the school roll, each step an email and a form', async () => {
    const child = stack.simulators.population.scenarios.matchingChild;
    const fieldOfficer = fieldOfficerFor(child.kecamatanCode, child.desa);

    // The coordinator reports the child exactly as Dukcapil holds them.
    const reported = await stack.coordinator.reportChild(reportOf(child));
    expect(reported.status).toBe(201);
    expect(reported.body.status).toBe('CREATED');
    const { caseId } = reported.body;
    expect(reported.location).toBe(`/api/v1/cases/${caseId}`);

    // Dukcapil confirms the child; the field officer of the child's desa is asked, in Indonesian, to schedule a visit.
    const scheduling = await emailTo(stack.sink, fieldOfficer, 'Jadwalkan kunjungan rumah');
    expect(scheduling.subject).toMatch(/^\[ATS Kutim\] Jadwalkan kunjungan rumah — batas /);
    expect(scheduling.text).toContain(`Yth. ${fieldOfficer.name},`);
    expect(scheduling.text).toContain(child.fullName.split(' ')[0]);

    // The officer taps the link: a form with the hidden CSRF field, which a post without it cannot pass.
    const link = taskLinkIn(scheduling);
    expect(link.startsWith(`${stack.apiUrl}/tasks/`)).toBe(true);
    const page = await browser.open(link);
    expect(page.form.fieldNames).toEqual(['_csrf', 'visitDate', 'note']);
    expect(page.form.valuesOf('_csrf')[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const forged = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ visitDate: daysFromNow(2) }).toString(),
    });
    expect(forged.status).toBe(403);
    const scheduled = await browser.submit(link, page.form.type('visitDate', daysFromNow(2)));
    expect(scheduled.status).toBe(200);
    expect(scheduled.html).toContain('Terima kasih, laporan tersimpan');

    const visiting = await stack.coordinator.waitForCase(caseId, (c) => c.tasks.some((t) => t.type === 'VISIT_REPORT'), 'the visit report task');
    expect(visiting).toMatchObject({ stage: 'HOME_VISIT', identityStatus: 'CONFIRMED', welfare: { pipCandidate: false } });

    // After the visit the officer reports an agreement, then confirms the enrolment once the child sits in class.
    await reportVisit(stack.sink, fieldOfficer);
    const agreed = await stack.coordinator.waitForCase(caseId, (c) => c.stage === 'AWAITING_ENROLMENT', 'the wait for the enrolment');
    expect(agreed.agreedPath).toBe('FORMAL_SCHOOL');
    await confirmEnrolment(stack.sink, fieldOfficer, FIRST_SCHOOL_DAY);

    // Enrolled, the case stays open and watches the school roll, where the school's operator enters the child.
    const watching = await stack.coordinator.waitForCase(caseId, (c) => c.stage === 'MONITORING', 'the case watching the school roll');
    expect(watching.outcome).toBeUndefined();
    expect(watching.monitoring!.checks).toHaveLength(2);
    expect((await stack.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).enrolledAt).not.toBeNull();
    await enterOnSchoolRoll(stack, child, TARGET_SCHOOL);

    await stack.coordinator.waitForCase(caseId, (c) => c.outcome === 'RETAINED', 'the case closed as retained', 60_000);
    await caseProcessFinished(stack, caseId);
    // Long after the process has finished, the case still says where the child went back to school.
    const closed = await stack.coordinator.caseDetail(caseId);
    expect(closed).toMatchObject({
      live: false,
      stage: 'CLOSED',
      outcome: 'RETAINED',
      enrolment: { npsn: TARGET_SCHOOL.npsn, schoolName: TARGET_SCHOOL.name, grade: 5 },
    });
    expect(closed.closedAt).toBeDefined();
    const row = await stack.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row).toMatchObject({ outcome: 'RETAINED', enrolledNpsn: TARGET_SCHOOL.npsn, enrolledSchoolName: TARGET_SCHOOL.name });

    // Every task went to the same officer, and each email reached them exactly once.
    const subjects = stack.sink.messages().filter((m) => m.to.includes(fieldOfficer.email)).map((m) => m.subject.replace(/ — .*/, ''));
    expect(subjects).toEqual(['[ATS Kutim] Jadwalkan kunjungan rumah', '[ATS Kutim] Laporan kunjungan rumah', '[ATS Kutim] Konfirmasi pendaftaran sekolah']);
    // The district coordinator hears the outcome once, and no one else is written to.
    const outcome = stack.sink.messages().filter((m) => !m.to.includes(fieldOfficer.email)).map((m) => [m.to.join(','), m.subject]);
    expect(outcome).toEqual([[officer(officerIds.coordinator()).email, `[ATS Kutim] Kasus selesai: anak tetap bersekolah (Desa ${child.desa}) — tidak perlu tindakan`]]);

    // The audit log tells the same story, and its hash chain is unbroken.
    const log = await auditLogOf(stack.prisma, caseId);
    expect(log.types).toEqual([
      'CASE_OPENED', 'IDENTITY_CONFIRMED', 'STAGE_CHANGED', 'WELFARE_CHECKED', 'STAGE_CHANGED',
      'TASK_OPENED', 'TASK_COMPLETED', 'TASK_OPENED', 'TASK_COMPLETED', 'STAGE_CHANGED',
      'TASK_OPENED', 'TASK_COMPLETED', 'ENROLMENT_CONFIRMED', 'STAGE_CHANGED', 'SCHOOL_ROLL_CHECKED', 'SCHOOL_ROLL_CHECKED',
      'STAGE_CHANGED', 'CASE_CLOSED',
    ]);
    const checks = await stack.prisma.caseEvent.findMany({ where: { caseId, type: 'SCHOOL_ROLL_CHECKED' }, orderBy: { sequence: 'asc' } });
    expect(checks.map((event) => event.data)).toEqual([
      { check: 1, of: 2, finding: 'ON_ROLL', npsn: TARGET_SCHOOL.npsn, schoolName: TARGET_SCHOOL.name },
      { check: 2, of: 2, finding: 'ON_ROLL', npsn: TARGET_SCHOOL.npsn, schoolName: TARGET_SCHOOL.name },
    ]);
    expect(log.chain).toMatchObject({ valid: true, length: log.types.length });
    const completedBy = await stack.prisma.caseEvent.findMany({ where: { caseId, type: 'TASK_COMPLETED' }, select: { actorKind: true, actorId: true } });
    expect(completedBy).toEqual(Array(3).fill({ actorKind: 'OFFICER', actorId: fieldOfficer.id }));
  });

  it('refers a poor family to Dinsos for education aid while the field officer visits', async () => {
    const { child } = stack.simulators.population.scenarios.poorHousehold;
    const fieldOfficer = fieldOfficerFor(child.kecamatanCode, child.desa);
    const dinsosOfficer = officer(officerIds.dinsosFieldOfficer());
    const reported = await stack.coordinator.reportChild(reportOf(child));
    expect(reported.status).toBe(201);
    const { caseId } = reported.body;

    // Both emails go out at once: the Dinsos referral does not wait for the visit, nor the visit for it.
    const [referralEmail] = await Promise.all([
      emailTo(stack.sink, dinsosOfficer, 'Rujukan bantuan PIP/KIP'),
      emailTo(stack.sink, fieldOfficer, 'Jadwalkan kunjungan rumah'),
    ]);
    const bothOpen = await stack.coordinator.caseDetail(caseId);
    expect(bothOpen.welfare).toEqual({ status: 'REGISTERED', decile: 2, pipCandidate: true });
    expect(bothOpen.tasks.filter((t) => t.status === 'OPEN').map((t) => [t.type, t.assignee.officerId]).sort()).toEqual([
      ['DINSOS_REFERRAL', dinsosOfficer.id],
      ['VISIT_SCHEDULING', fieldOfficer.id],
    ]);

    // The Dinsos officer sees the family's decile and proposes the child for PIP.
    const referralLink = taskLinkIn(referralEmail);
    const referral = await browser.open(referralLink);
    expect(referral.html).toContain('desil <strong>2</strong>');
    expect((await browser.submit(referralLink, referral.form.check('outcome', 'PIP_PROPOSED'))).status).toBe(200);

    await scheduleVisit(stack.sink, fieldOfficer);
    await reportVisit(stack.sink, fieldOfficer);
    await confirmEnrolment(stack.sink, fieldOfficer, FIRST_SCHOOL_DAY);
    await enterOnSchoolRoll(stack, child, TARGET_SCHOOL);
    await stack.coordinator.waitForCase(caseId, (c) => c.outcome === 'RETAINED', 'the case closed as retained', 60_000);
    await caseProcessFinished(stack, caseId);

    const referralTask = await stack.prisma.task.findUniqueOrThrow({ where: { caseId_taskId: { caseId, taskId: 'dinsos-referral-1' } } });
    expect(referralTask).toMatchObject({ status: 'COMPLETED', assigneeId: dinsosOfficer.id, result: { outcome: 'PIP_PROPOSED' } });
    const log = await auditLogOf(stack.prisma, caseId);
    expect(log.chain.valid).toBe(true);
    expect(log.types.filter((type) => type === 'TASK_COMPLETED')).toHaveLength(4);
  });

  it('is visited again by the field officer when the school roll shows the child left after the enrolment', async () => {
    // A pupil who dropped out last year: the roll still shows the old school's exit.
    const child = stack.simulators.population.scenarios.droppedOut[0]!;
    const fieldOfficer = fieldOfficerFor(child.kecamatanCode, child.desa);
    const reported = await stack.coordinator.reportChild(reportOf(child));
    expect(reported.status).toBe(201);
    const { caseId } = reported.body;
    const firstScheduling = await emailTo(stack.sink, fieldOfficer, 'Jadwalkan kunjungan rumah');

    await scheduleVisit(stack.sink, fieldOfficer);
    await reportVisit(stack.sink, fieldOfficer);
    await confirmEnrolment(stack.sink, fieldOfficer, FIRST_SCHOOL_DAY);
    await stack.coordinator.waitForCase(caseId, (c) => c.stage === 'MONITORING', 'the case watching the school roll');
    // Within the month the child stops coming, and the school records the exit.
    await enterOnSchoolRoll(stack, child, TARGET_SCHOOL, { exitType: 'DO', exitDate: FIRST_SCHOOL_DAY });

    const followUp = await stack.sink.waitFor(
      (m) => m.to.includes(fieldOfficer.email) && m.subject.includes('Jadwalkan kunjungan rumah') && m.messageId !== firstScheduling.messageId,
      60_000,
    );
    const revisiting = await stack.coordinator.caseDetail(caseId);
    expect(revisiting).toMatchObject({ stage: 'HOME_VISIT', visitAttempts: 1 });
    expect(revisiting.enrolment).toBeUndefined();
    expect(revisiting.outcome).toBeUndefined();
    const page = await browser.open(taskLinkIn(followUp));
    expect(page.html).toContain('Kunjungan tindak lanjut');
    expect(page.html).toContain(`Dapodik mencatat anak keluar dari <strong>${TARGET_SCHOOL.name}</strong>`);
    expect(page.html).toContain('kunjungan ke-2');

    const row = await stack.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row).toMatchObject({ stage: 'HOME_VISIT', enrolledAt: null, enrolledNpsn: null });
    const log = await auditLogOf(stack.prisma, caseId);
    expect(log.types).toEqual(expect.arrayContaining(['ENROLMENT_CONFIRMED', 'SCHOOL_ROLL_CHECKED', 'LEFT_SCHOOL_AGAIN']));
    expect(log.chain.valid).toBe(true);
    const timeline = await stack.coordinator.timeline(caseId);
    expect(timeline.map((entry) => entry.text)).toContain(
      'Anak keluar lagi dari sekolah (menurut Dapodik); kunjungan rumah tindak lanjut dijadwalkan.',
    );
  });
});
