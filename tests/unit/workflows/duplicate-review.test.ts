import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  FileReviewedReportInput,
  OpenReviewInput,
  RecordReviewDecisionInput,
  ReviewActivities,
  SendReviewEmailInput,
} from '../../../activities/reviews/contract.js';
import { DEFAULT_DEADLINE_POLICY, scheduleFromRule } from '../../../domain/deadline-policy.js';
import { DUPLICATE_REVIEW_DEADLINE, type DuplicateReviewInput, type ReviewOutcome } from '../../../domain/duplicate-review.js';
import { parseFormRejection } from '../../../workflows/messages.js';
import { addReportToReviewSignal, decideReviewUpdate, getReviewQuery } from '../../../workflows/review-messages.js';
import { WORKFLOW_BUNDLE_PATH } from '../../support/bundle.js';
import { testDataConverter } from '../../support/data-converter.js';
import { createTimeSkippingEnv } from '../../support/time-skipping.js';
import { aReport, eventually } from './case-harness.js';

/** The review's activities as plain records of what the workflow asked for. */
class FakeReviewActivities {
  opened: OpenReviewInput[] = [];
  emails: SendReviewEmailInput[] = [];
  filed: FileReviewedReportInput[] = [];
  decisions: RecordReviewDecisionInput[] = [];
  /** Reviews whose report is filed only once the test lets go (a decision being carried out). */
  held = new Map<string, Promise<void>>();

  readonly activities: ReviewActivities = {
    openReview: async (input) => {
      this.opened.push(input);
      const schedule = scheduleFromRule(DEFAULT_DEADLINE_POLICY, DUPLICATE_REVIEW_DEADLINE, input.openedAt);
      return {
        dueAt: schedule.dueAt,
        coordinatorId: 'disdik-koordinator',
        ladder: [
          ...schedule.reminders.map((at) => ({ kind: 'REMINDER' as const, at, level: 0, recipientOfficerId: 'disdik-koordinator' })),
          ...schedule.escalations.map((step) => ({ kind: 'ESCALATION' as const, at: step.at, level: step.level, recipientOfficerId: 'disdik-kepala' })),
        ],
      };
    },
    sendReviewEmail: async (input) => {
      this.emails.push(input);
      return { sent: true };
    },
    fileReviewedReport: async (input) => {
      await this.held.get(input.reviewId);
      this.filed.push(input);
      return { caseId: input.decision === 'MERGE' ? input.caseId! : 'ats-own-case-of-the-report' };
    },
    recordReviewDecision: async (input) => {
      this.decisions.push(input);
    },
  };

  of(reviewId: string) {
    return {
      emails: this.emails.filter((e) => e.reviewId === reviewId).map((e) => [e.kind, e.recipientOfficerId]),
      filed: this.filed.filter((f) => f.reviewId === reviewId),
      decisions: this.decisions.filter((d) => d.reviewId === reviewId),
      opened: this.opened.find((o) => o.reviewId === reviewId),
    };
  }
}

type ReviewHandle = WorkflowHandle<(input: DuplicateReviewInput) => Promise<ReviewOutcome>>;

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const fake = new FakeReviewActivities();
const taskQueue = `reviews-${randomUUID()}`;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
    dataConverter: testDataConverter,
    activities: fake.activities,
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

const CANDIDATE = 'ats-case-of-muhammad-rizky';
const OTHER_CANDIDATE = 'ats-case-of-muhamad-rizki';
const COORDINATOR = { kind: 'STAFF' as const, id: 'koordinator-sangatta-utara' };

async function openReview(): Promise<ReviewHandle> {
  const reviewId = `dup-${randomUUID()}`;
  const report = aReport({ child: { fullName: 'Muhamad Rizki Pratama', nik: undefined, noKk: undefined } });
  return env.client.workflow.start('duplicateReviewWorkflow', {
    taskQueue,
    workflowId: reviewId,
    args: [
      {
        reviewId,
        kecamatan: '640804',
        desa: 'Swarga Bara',
        report,
        reportedBy: { kind: 'STAFF', id: 'operator-sipbm' },
        requestId: 'req-1',
        candidates: [
          { caseId: CANDIDATE, score: 0.97, nameSimilarity: 1, birthDate: 'CLOSE', daysApart: 3, desaSimilarity: 1 },
          { caseId: OTHER_CANDIDATE, score: 0.9, nameSimilarity: 0.9, birthDate: 'SAME', daysApart: 0, desaSimilarity: 1 },
        ],
      },
    ],
  });
}

/** Replays the review's history against the workflow code: proof that the code is deterministic. */
async function expectReplays(handle: ReviewHandle): Promise<void> {
  await Worker.runReplayHistory(
    { workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH }, dataConverter: testDataConverter },
    await handle.fetchHistory(),
    handle.workflowId,
  );
}

async function skipTo(at: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (at > now) await env.sleep(at - now);
}

async function rejectionOf(update: Promise<unknown>): Promise<string> {
  const error = await update.then(() => undefined, (failure: unknown) => failure);
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return (error as WorkflowUpdateFailedError).cause?.message ?? '';
}

async function updateEventsIn(handle: ReviewHandle): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter(
    (event) => event.workflowExecutionUpdateAcceptedEventAttributes || event.workflowExecutionUpdateRejectedEventAttributes,
  ).length;
}

const MINUTE = 60_000;

describe('the coordinator merges the report into a proposed case', () => {
  it('files the report into the chosen case and records who decided, when and why', async () => {
    const handle = await openReview();
    await eventually(() => fake.of(handle.workflowId).opened);
    expect(await handle.query(getReviewQuery)).toMatchObject({ status: 'PENDING', candidateCaseIds: [CANDIDATE, OTHER_CANDIDATE] });

    const outcome = await handle.executeUpdate(decideReviewUpdate, {
      args: [{ decision: 'MERGE', caseId: CANDIDATE, note: 'Anak yang sama: nama ibu dan alamat cocok.' }, COORDINATOR],
    });
    expect(outcome).toEqual({ reviewId: handle.workflowId, status: 'MERGED', caseId: CANDIDATE });
    expect(await handle.result()).toEqual(outcome);
    await expectReplays(handle);

    const { filed, decisions } = fake.of(handle.workflowId);
    expect(filed).toEqual([expect.objectContaining({ decision: 'MERGE', caseId: CANDIDATE, requestId: 'req-1' })]);
    expect(decisions).toEqual([
      expect.objectContaining({
        decision: 'MERGE',
        caseId: CANDIDATE,
        candidateCaseIds: [CANDIDATE, OTHER_CANDIDATE],
        decidedBy: COORDINATOR,
        note: 'Anak yang sama: nama ibu dan alamat cocok.',
      }),
    ]);
  });
});

describe('further reports of the same child while the review waits', () => {
  it('follow the decision into the same case; the same report sent again is not counted twice', async () => {
    const handle = await openReview();
    const report = aReport({ child: { fullName: 'Muhamad Rizki Pratama', nik: undefined, noKk: undefined } });
    const further = { ...report, source: { channel: 'VILLAGE' as const, reference: 'desa-2026-7' } };
    await handle.signal(addReportToReviewSignal, { report: { ...report }, reportedBy: { kind: 'STAFF', id: 'operator-sipbm' }, requestId: 'req-again' });
    await handle.signal(addReportToReviewSignal, { report: further, reportedBy: { kind: 'STAFF', id: 'operator-desa' }, requestId: 'req-2' });
    await handle.signal(addReportToReviewSignal, { report: further, reportedBy: { kind: 'STAFF', id: 'operator-desa' }, requestId: 'req-3' });
    expect((await handle.query(getReviewQuery)).waitingReports).toBe(1);

    const outcome = await handle.executeUpdate(decideReviewUpdate, { args: [{ decision: 'KEEP_APART', note: 'Anak berbeda.' }, COORDINATOR] });
    expect(fake.of(handle.workflowId).filed.map((f) => [f.decision, f.caseId, f.requestId])).toEqual([
      ['KEEP_APART', undefined, 'req-1'],
      ['MERGE', outcome.caseId, 'req-2'],
    ]);
  });
});

describe('the coordinator keeps the report apart', () => {
  it('starts a case of its own for the report and says which', async () => {
    const handle = await openReview();
    const outcome = await handle.executeUpdate(decideReviewUpdate, {
      args: [{ decision: 'KEEP_APART', note: 'Anak kembar, dua anak berbeda.' }, COORDINATOR],
    });
    expect(outcome).toEqual({ reviewId: handle.workflowId, status: 'KEPT_APART', caseId: 'ats-own-case-of-the-report' });
    const { filed, decisions } = fake.of(handle.workflowId);
    expect(filed.map((f) => [f.decision, f.caseId])).toEqual([['KEEP_APART', undefined]]);
    expect(decisions[0]).toMatchObject({ decision: 'KEEP_APART', caseId: 'ats-own-case-of-the-report', note: 'Anak kembar, dua anak berbeda.' });
  });
});

describe('a review nobody decides', () => {
  it('reminds the coordinator the day before the deadline, tells the head when it passes and again later, and stops once decided', async () => {
    const handle = await openReview();
    const opened = await eventually(() => fake.of(handle.workflowId).opened);
    const schedule = scheduleFromRule(DEFAULT_DEADLINE_POLICY, DUPLICATE_REVIEW_DEADLINE, opened.openedAt);
    const [reminder] = schedule.reminders;
    const [atDue, later] = schedule.escalations;
    expect(atDue!.at).toBe(schedule.dueAt);
    expect((await handle.query(getReviewQuery)).dueAt).toBe(schedule.dueAt);

    await skipTo(reminder! - MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.of(handle.workflowId).emails).toEqual([]);

    await skipTo(reminder! + MINUTE);
    await eventually(() => fake.of(handle.workflowId).emails.length === 1);
    expect(fake.of(handle.workflowId).emails).toEqual([['REMINDER', 'disdik-koordinator']]);

    await skipTo(schedule.dueAt + MINUTE);
    await eventually(() => fake.of(handle.workflowId).emails.length === 2);
    expect(fake.of(handle.workflowId).emails[1]).toEqual(['ESCALATION', 'disdik-kepala']);
    expect(await handle.query(getReviewQuery)).toMatchObject({ remindersSent: 1, escalationsSent: 1, status: 'PENDING' });

    // Late is better than never; after the decision the ladder is silent.
    await handle.executeUpdate(decideReviewUpdate, { args: [{ decision: 'MERGE', caseId: OTHER_CANDIDATE, note: 'Sama.' }, COORDINATOR] });
    await handle.result();
    await skipTo(later!.at + MINUTE);
    expect(fake.of(handle.workflowId).emails).toHaveLength(2);
    await expectReplays(handle);
  });
});

describe('a decision the review cannot take', () => {
  it('is refused for a case not proposed, a missing case, a missing reason, or a review already decided, and none of it reaches history', async () => {
    const handle = await openReview();
    await eventually(() => fake.of(handle.workflowId).opened);
    const decide = (decision: unknown) =>
      handle.executeUpdate(decideReviewUpdate, { args: [decision as never, COORDINATOR] });

    expect(parseFormRejection(await rejectionOf(decide({ decision: 'MERGE', caseId: 'ats-some-other-case', note: 'Sama.' })))).toEqual([
      { field: 'caseId', message: 'Kasus ini tidak termasuk kasus yang diusulkan dalam tinjauan ini.' },
    ]);
    expect(parseFormRejection(await rejectionOf(decide({ decision: 'MERGE', note: 'Sama.' })))).toEqual([
      { field: 'caseId', message: 'Pilih kasus tujuan penggabungan.' },
    ]);
    expect(parseFormRejection(await rejectionOf(decide({ decision: 'KEEP_APART', note: ' ' })))).toEqual([
      { field: 'note', message: 'Tuliskan alasan keputusan (minimal 3 karakter).' },
    ]);
    expect(parseFormRejection(await rejectionOf(decide({ decision: 'KEEP_APART', note: 'x'.repeat(1001) })))).toEqual([
      { field: 'note', message: 'Maksimal 1000 karakter.' },
    ]);
    expect(parseFormRejection(await rejectionOf(decide({ decision: 'SPLIT', note: 'Beda.' })))).toEqual([
      { field: 'decision', message: 'Pilih gabungkan atau pisahkan.' },
    ]);
    expect(await updateEventsIn(handle)).toBe(0);
    expect(fake.of(handle.workflowId).filed).toEqual([]);

    // A second coordinator decides while the first decision is still being carried out.
    let release!: () => void;
    fake.held.set(handle.workflowId, new Promise((resolve) => (release = resolve)));
    const first = decide({ decision: 'KEEP_APART', note: 'Dua anak berbeda.' });
    while ((await updateEventsIn(handle)) === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await rejectionOf(decide({ decision: 'MERGE', caseId: CANDIDATE, note: 'Ternyata sama.' }))).toBe('Tinjauan ini sudah diputuskan.');
    release();
    expect(await first).toMatchObject({ status: 'KEPT_APART' });
    expect(await updateEventsIn(handle)).toBe(1);
    expect(fake.of(handle.workflowId).filed).toHaveLength(1);
  });
});
