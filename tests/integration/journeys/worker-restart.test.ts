import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmEnrolment, daysFromNow, reportVisit, TARGET_SCHOOL } from './field-officer.js';
import { auditLogOf, browser, emailTo, fieldOfficerFor, reportOf, startJourneyStack, taskLinkIn, watchingSchoolRoll, type JourneyStack } from './stack.js';
import { startWorkerProcess, type WorkerProcess } from './worker-process.js';

let stack: JourneyStack;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  stack = await startJourneyStack({ inProcessWorker: false });
});

afterAll(async () => {
  for (const worker of workers) await worker.kill();
  await stack?.close();
});

/**
 * The worker process bundles the workflows when it starts (seconds each time), and work the dead
 * worker held is handed to the new one only when its timeout passes: 10 seconds for a workflow
 * task, 30 for an activity attempt. That is how Temporal learns that work was lost; hence the
 * longer limits here.
 */
const EMAIL_AFTER_RESTART_MS = 75_000;

/** temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT: a workflow task its worker never finished. */
const WORKFLOW_TASK_TIMED_OUT = 8;

describe('Killing the worker mid-case loses nothing and sends no email twice', () => {
  it('carries the case to enrolment across a kill -9, with one email per step and one unbroken audit log', { timeout: 150_000 }, async () => {
    const { child } = stack.simulators.population.scenarios.nonPoorHousehold;
    const fieldOfficer = fieldOfficerFor(child.kecamatanCode, child.desa);
    workers.push(startWorkerProcess(stack));

    const { status, body } = await stack.coordinator.reportChild(reportOf(child));
    expect(status).toBe(201);
    const { caseId } = body;
    const scheduling = await emailTo(stack.sink, fieldOfficer, 'Jadwalkan kunjungan rumah', 60_000);

    // The officer schedules the visit; the instant the page confirms, the worker dies with the next steps under way.
    const link = taskLinkIn(scheduling);
    const page = await browser.open(link);
    const sent = await browser.submit(link, page.form.type('visitDate', daysFromNow(2)));
    expect(sent.status).toBe(200);
    await workers[0]!.kill();
    expect(stack.sink.messages().filter((m) => m.subject.includes('Laporan kunjungan rumah'))).toEqual([]);

    // A new worker picks up where the old one stopped.
    workers.push(startWorkerProcess(stack));
    await emailTo(stack.sink, fieldOfficer, 'Laporan kunjungan rumah', EMAIL_AFTER_RESTART_MS);
    await reportVisit(stack.sink, fieldOfficer);
    await confirmEnrolment(stack.sink, fieldOfficer);
    const enrolled = await watchingSchoolRoll(stack, caseId);
    expect(enrolled).toMatchObject({ stage: 'MONITORING', enrolment: { npsn: TARGET_SCHOOL.npsn } });

    // Each email reached the officer once: in the mailbox, and in the email log.
    const mailbox = stack.sink.messages();
    expect(mailbox.map((m) => [m.to.join(','), m.subject.replace(/ — .*/, '')])).toEqual([
      [fieldOfficer.email, '[ATS Kutim] Jadwalkan kunjungan rumah'],
      [fieldOfficer.email, '[ATS Kutim] Laporan kunjungan rumah'],
      [fieldOfficer.email, '[ATS Kutim] Konfirmasi pendaftaran sekolah'],
    ]);
    expect(new Set(mailbox.map((m) => m.messageId)).size).toBe(3);
    const emailLog = await stack.prisma.emailLog.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } });
    expect(emailLog.map((row) => [row.taskId, row.kind, row.status])).toEqual([
      ['visit-scheduling-1', 'ASSIGNED', 'SENT'],
      ['visit-report-1', 'ASSIGNED', 'SENT'],
      ['enrolment-confirmation-1', 'ASSIGNED', 'SENT'],
    ]);

    // Each task exists once and is done.
    const tasks = await stack.prisma.task.findMany({ where: { caseId }, orderBy: { openedAt: 'asc' } });
    expect(tasks.map((task) => [task.taskId, task.status])).toEqual([
      ['visit-scheduling-1', 'COMPLETED'],
      ['visit-report-1', 'COMPLETED'],
      ['enrolment-confirmation-1', 'COMPLETED'],
    ]);

    // The audit log is the same story as without the crash: nothing lost, nothing twice, the chain unbroken.
    const log = await auditLogOf(stack.prisma, caseId);
    expect(log.types).toEqual([
      'CASE_OPENED', 'IDENTITY_CONFIRMED', 'STAGE_CHANGED', 'WELFARE_CHECKED', 'STAGE_CHANGED',
      'TASK_OPENED', 'TASK_COMPLETED', 'TASK_OPENED', 'TASK_COMPLETED', 'STAGE_CHANGED',
      'TASK_OPENED', 'TASK_COMPLETED', 'ENROLMENT_CONFIRMED', 'STAGE_CHANGED',
    ]);
    expect(new Set(log.eventIds).size).toBe(log.eventIds.length);
    expect(log.chain).toMatchObject({ valid: true, length: 14 });

    // The kill did land mid-work: the server took back a task the dead worker held, and the new worker finished the case.
    const events = (await stack.temporal.workflow.getHandle(caseId).fetchHistory()).events ?? [];
    const lostWithTheWorker = events.filter(
      (event) => event.eventType === WORKFLOW_TASK_TIMED_OUT || (event.activityTaskStartedEventAttributes?.attempt ?? 1) > 1,
    );
    expect(lostWithTheWorker.length).toBeGreaterThan(0);
    const workerIdentities = new Set(events.map((event) => event.workflowTaskStartedEventAttributes?.identity).filter(Boolean));
    expect(workerIdentities.size).toBe(2);
  });
});
