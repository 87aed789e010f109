import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApplyDecisionInput,
  CandidateReviewEmailInput,
  OpenCandidateReviewInput,
  ReconciliationActivities,
  SaveResultInput,
} from '../../../activities/reconciliation/contract.js';
import { DEFAULT_DEADLINE_POLICY, scheduleFromRule } from '../../../domain/deadline-policy.js';
import { CANDIDATE_REVIEW_DEADLINE, type CandidateOutcome, type KecamatanCounts, zeroCounts } from '../../../domain/reconciliation.js';
import { scheduledAction } from '../../../infra/reconciliation-schedule.js';
import { parseFormRejection } from '../../../workflows/messages.js';
import {
  CANDIDATE_REVIEW_WORKFLOW_TYPE,
  decideCandidateUpdate,
  kecamatanWorkflowId,
  REVIEW_REJECTIONS,
  type ReconciliationSummary,
} from '../../../workflows/reconciliation/messages.js';
import { WORKFLOW_BUNDLE_PATH } from '../../support/bundle.js';
import { testDataConverter } from '../../support/data-converter.js';
import { createTimeSkippingEnv } from '../../support/time-skipping.js';
import { eventually } from '../workflows/case-harness.js';

/**
 * Registries as pages of counts: each kecamatan has so many roll pages and resident pages, each resident
 * page finds what `perPage` says. A kecamatan listed in `down` has a Dukcapil that never answers.
 */
class FakeRegistries {
  readonly pagesRead: string[] = [];
  readonly saved: SaveResultInput[] = [];
  readonly notified: { runId: string; kecamatan: string; newCandidates: number }[] = [];
  readonly decisions: ApplyDecisionInput[] = [];
  readonly reviewsOpened: OpenCandidateReviewInput[] = [];
  readonly reviewEmails: CandidateReviewEmailInput[] = [];
  down = new Set<string>();
  rollPages = 2;
  residentPages = 3;
  welfarePages = 0;
  perWelfarePage: Partial<KecamatanCounts> = { atRiskHouseholds: 7, alreadyFlagged: 1 };
  readonly outreachNotified: string[] = [];
  perPage: Partial<KecamatanCounts> = { residents: 100, enrolled: 95, notOnRoll: 3, leftSchool: 2, alreadyInCase: 1, newCandidates: 4 };
  kecamatan = ['640804', '640805'];
  decisionGate: Promise<void> = Promise.resolve();

  readonly activities: ReconciliationActivities = {
    beginReconciliationRun: async () => ({ kecamatan: this.kecamatan, autoStart: false, pageSize: 100, welfareOutreach: this.welfarePages > 0, maxDecile: 4 }),
    stageRollPage: async ({ runId, kecamatan, page }) => {
      this.pagesRead.push(`${runId}|${kecamatan}|roll|${page}`);
      return { pupils: 100, lastPage: page >= this.rollPages };
    },
    reconcileResidentPage: async ({ runId, kecamatan, page }) => {
      if (this.down.has(kecamatan)) throw ApplicationFailure.retryable('Dukcapil answered HTTP 503 (SERVICE_UNAVAILABLE)', 'RegistryUnavailable');
      this.pagesRead.push(`${runId}|${kecamatan}|residents|${page}`);
      return { counts: this.perPage, lastPage: page >= this.residentPages };
    },
    flagWelfarePage: async ({ runId, kecamatan, page, maxDecile }) => {
      this.pagesRead.push(`${runId}|${kecamatan}|welfare|${page}|${maxDecile}`);
      return { counts: this.perWelfarePage, lastPage: page >= this.welfarePages };
    },
    notifyOutreachOfficers: async ({ runId, kecamatan }) => {
      this.outreachNotified.push(`${runId}|${kecamatan}`);
      return { sent: 1 };
    },
    saveKecamatanResult: async (input) => void this.saved.push(input),
    notifyCoordinatorOfCandidates: async ({ runId, kecamatan, newCandidates }) => {
      this.notified.push({ runId, kecamatan, newCandidates });
      return { sent: 1 };
    },
    finishReconciliationRun: async ({ runId }) => {
      const finals = this.saved.filter((s) => s.runId === runId && s.status !== 'RUNNING');
      return { status: finals.some((s) => s.status === 'REGISTRY_ERROR') ? 'PARTIAL' : 'COMPLETED' };
    },
    applyCandidateDecision: async (input) => {
      this.decisions.push(input);
      await this.decisionGate;
      return input.decision.decision === 'DISMISS' ? { status: 'DISMISSED' } : { status: 'CASE_STARTED', caseId: 'ats-kasusbaru' };
    },
    openCandidateReview: async (input) => {
      this.reviewsOpened.push(input);
      const schedule = scheduleFromRule(DEFAULT_DEADLINE_POLICY, CANDIDATE_REVIEW_DEADLINE, input.openedAt);
      return {
        dueAt: schedule.dueAt,
        ladder: [
          ...schedule.reminders.map((at, i) => ({ kind: 'REMINDER' as const, at, level: i + 1, recipientOfficerId: 'disdik-koordinator' })),
          ...schedule.escalations.map(({ at, level }) => ({ kind: 'ESCALATION' as const, at, level, recipientOfficerId: 'disdik-kepala' })),
        ],
      };
    },
    sendCandidateReviewEmail: async (input) => {
      this.reviewEmails.push(input);
      return { sent: true };
    },
  };

  /** The ladder emails a candidate's review asked for: kind, level and recipient. */
  emailsOf(candidateId: string) {
    return this.reviewEmails.filter((e) => e.candidateId === candidateId).map(({ rung }) => [rung.kind, rung.level, rung.recipientOfficerId]);
  }
}

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const fake = new FakeRegistries();
const taskQueue = `reconciliation-${randomUUID()}`;

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

/** Starts a run exactly as the nightly schedule does: its workflow type and arguments. */
async function scheduledRun(): Promise<ReconciliationSummary> {
  const action = scheduledAction(taskQueue);
  return env.client.workflow.execute<(input: unknown) => Promise<ReconciliationSummary>>(action.workflowType as string, {
    taskQueue,
    workflowId: `${action.workflowId}-${randomUUID()}`,
    args: action.args as [unknown],
  });
}

const times = (counts: Partial<KecamatanCounts>, n: number): KecamatanCounts =>
  Object.fromEntries(Object.entries({ ...zeroCounts(), ...counts }).map(([field, value]) => [field, value * n])) as KecamatanCounts;

describe('the nightly reconciliation, as the schedule starts it', () => {
  it('reads every page of every kecamatan once, adds up what each page found, and tells the coordinators', async () => {
    const summary = await scheduledRun();

    expect(summary.status).toBe('COMPLETED');
    expect(summary.results.map((r) => [r.kecamatan, r.status])).toEqual([['640804', 'COMPLETED'], ['640805', 'COMPLETED']]);
    expect(summary.results[0]!.counts).toEqual(times(fake.perPage, 3));
    const ofRun = fake.pagesRead.filter((p) => p.startsWith(`${summary.runId}|640804|`)).map((p) => p.split('|').slice(2).join(' '));
    expect(ofRun).toEqual(['roll 1', 'roll 2', 'residents 1', 'residents 2', 'residents 3']);
    expect(fake.notified.filter((n) => n.runId === summary.runId).sort((a, b) => a.kecamatan.localeCompare(b.kecamatan))).toEqual([
      { runId: summary.runId, kecamatan: '640804', newCandidates: 12 },
      { runId: summary.runId, kecamatan: '640805', newCandidates: 12 },
    ]);

    // The run's record was kept page by page, and its last word is the total.
    const saves = fake.saved.filter((s) => s.runId === summary.runId && s.kecamatan === '640805');
    expect(saves.map((s) => s.pagesRead)).toEqual([1, 2, 3, 4, 5]);
    expect(saves.at(-1)).toMatchObject({ status: 'COMPLETED', counts: times(fake.perPage, 3) });
  });

  it('keeps the scheduled run apart from personal data: its workflow ids name the run and the kecamatan only', async () => {
    const summary = await scheduledRun();
    expect(summary.runId).toMatch(/^reconciliation-[0-9a-f-]+$/);
    const child = await env.client.workflow.getHandle(kecamatanWorkflowId(summary.runId, '640804')).describe();
    expect(child.workflowId).toBe(`${summary.runId}/640804`);
    expect(child.status.name).toBe('COMPLETED');
  });

  it('finishes the other kecamatan when one registry stays down, and reports that kecamatan as a registry error', async () => {
    fake.down.add('640805');
    try {
      const summary = await scheduledRun();
      expect(summary.status).toBe('PARTIAL');
      const [ok, failed] = summary.results;
      expect(ok).toMatchObject({ kecamatan: '640804', status: 'COMPLETED', counts: times(fake.perPage, 3) });
      expect(failed).toMatchObject({ kecamatan: '640805', status: 'REGISTRY_ERROR' });
      expect(failed!.counts.registryErrors).toBe(1);
      const last = fake.saved.filter((s) => s.runId === summary.runId && s.kecamatan === '640805').at(-1);
      expect(last).toMatchObject({ status: 'REGISTRY_ERROR', error: 'RegistryUnavailable: Dukcapil answered HTTP 503 (SERVICE_UNAVAILABLE)' });
      // Its coordinator is not told of candidates from half the data; the other kecamatan's is.
      expect(fake.notified.filter((n) => n.runId === summary.runId).map((n) => n.kecamatan)).toEqual(['640804']);
    } finally {
      fake.down.clear();
    }
  });

  it('reads the poorest households after the roll and the residents when the outreach is on, and tells the desa officers', async () => {
    fake.welfarePages = 2;
    try {
      const summary = await scheduledRun();
      const ofRun = fake.pagesRead.filter((p) => p.startsWith(`${summary.runId}|640804|`)).map((p) => p.split('|').slice(2).join(' '));
      expect(ofRun).toEqual(['roll 1', 'roll 2', 'residents 1', 'residents 2', 'residents 3', 'welfare 1 4', 'welfare 2 4']);
      expect(summary.results[0]!.counts).toMatchObject({ atRiskHouseholds: 14, alreadyFlagged: 2, newCandidates: 12 });
      expect(fake.outreachNotified.filter((n) => n.startsWith(summary.runId)).sort()).toEqual([`${summary.runId}|640804`, `${summary.runId}|640805`]);
    } finally {
      fake.welfarePages = 0;
    }
  });

  it('continues a long kecamatan as new without reading any page twice', { timeout: 120_000 }, async () => {
    fake.kecamatan = ['640801'];
    fake.residentPages = 260;
    try {
      const summary = await scheduledRun();
      expect(summary.results[0]).toMatchObject({ kecamatan: '640801', status: 'COMPLETED', counts: times(fake.perPage, 260) });
      const pages = fake.pagesRead.filter((p) => p.startsWith(`${summary.runId}|640801|residents|`));
      expect(pages).toHaveLength(260);
      expect(new Set(pages).size).toBe(260);
      // The last execution took over from an earlier one, with the progress it had made.
      const history = await env.client.workflow.getHandle(kecamatanWorkflowId(summary.runId, '640801')).fetchHistory();
      expect(history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId).toBeTruthy();
      expect(history.events!.length).toBeLessThan(2_100);
    } finally {
      fake.kecamatan = ['640804', '640805'];
      fake.residentPages = 3;
    }
  });
});

const coordinator = { kind: 'STAFF', id: 'koordinator-sangatta-utara' } as const;

async function startReview(candidateId: string = randomUUID()) {
  return env.client.workflow.start<(input: { candidateId: string; kecamatan: string }) => Promise<CandidateOutcome>>(CANDIDATE_REVIEW_WORKFLOW_TYPE, {
    taskQueue,
    workflowId: `reconciliation-review-${candidateId}`,
    args: [{ candidateId, kecamatan: '640804' }],
  });
}

describe("the coordinator's review of a candidate", () => {
  const rejectionOf = async (update: Promise<unknown>) => {
    const error = await update.then(() => undefined, (failure: unknown) => failure);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return (error as WorkflowUpdateFailedError).cause?.message ?? '';
  };

  it('waits as long as it takes, then starts the case the coordinator asked for', async () => {
    const review = await startReview();
    await env.sleep('30 days');
    const outcome = await review.executeUpdate(decideCandidateUpdate, { args: [{ decision: 'START_CASE' }, coordinator] });
    expect(outcome).toEqual({ status: 'CASE_STARTED', caseId: 'ats-kasusbaru' });
    expect(await review.result()).toEqual(outcome);
    expect(fake.decisions.at(-1)).toMatchObject({ decision: { decision: 'START_CASE' }, actor: coordinator });
  });

  it('refuses a dismissal without a reason, and "other" without a note, naming the field', async () => {
    const review = await startReview();
    const noReason = await rejectionOf(review.executeUpdate(decideCandidateUpdate, { args: [{ decision: 'DISMISS' } as never, coordinator] }));
    expect(parseFormRejection(noReason)).toEqual([{ field: 'reason', message: 'Pilih alasan mengabaikan anak ini.' }]);
    const noNote = await rejectionOf(review.executeUpdate(decideCandidateUpdate, { args: [{ decision: 'DISMISS', reason: 'OTHER' }, coordinator] }));
    expect(parseFormRejection(noNote)).toEqual([{ field: 'note', message: 'Tulis catatan bila alasannya "Lainnya".' }]);

    const outcome = await review.executeUpdate(decideCandidateUpdate, {
      args: [{ decision: 'DISMISS', reason: 'PESANTREN_WITHOUT_NISN', note: 'Pondok Pesantren Al-Ikhlas' }, coordinator],
    });
    expect(outcome).toEqual({ status: 'DISMISSED' });
  });

  it('takes one decision only: a second one while the first is carried out is refused', async () => {
    let open!: () => void;
    fake.decisionGate = new Promise((resolve) => (open = resolve));
    try {
      const review = await startReview();
      const before = fake.decisions.length;
      const first = await review.startUpdate(decideCandidateUpdate, {
        args: [{ decision: 'DISMISS', reason: 'SCHOOLED_OUTSIDE_DISTRICT' }, coordinator],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      const second = await rejectionOf(review.executeUpdate(decideCandidateUpdate, { args: [{ decision: 'START_CASE' }, coordinator] }));
      expect(second).toBe(REVIEW_REJECTIONS.ALREADY_DECIDED);
      open();
      expect(await first.result()).toEqual({ status: 'DISMISSED' });
      expect(fake.decisions.slice(before).map((d) => d.decision.decision)).toEqual(['DISMISS']);
    } finally {
      fake.decisionGate = Promise.resolve();
    }
  });
});

const MINUTE = 60_000;

async function skipTo(at: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (at > now) await env.sleep(at - now);
}

describe('a candidate nobody decides', () => {
  it('reminds the coordinator the working day before the deadline, tells the head once it passes and again later, and stops once decided', async () => {
    const candidateId = randomUUID();
    const review = await startReview(candidateId);
    const opened = await eventually(() => fake.reviewsOpened.find((o) => o.candidateId === candidateId));
    const schedule = scheduleFromRule(DEFAULT_DEADLINE_POLICY, CANDIDATE_REVIEW_DEADLINE, opened.openedAt);
    const [reminder] = schedule.reminders;
    const [atDue, later] = schedule.escalations;
    expect(atDue!.at).toBe(schedule.dueAt);

    await skipTo(reminder! - MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.emailsOf(candidateId)).toEqual([]);

    await skipTo(reminder! + MINUTE);
    await eventually(() => fake.emailsOf(candidateId).length === 1);
    expect(fake.emailsOf(candidateId)).toEqual([['REMINDER', 1, 'disdik-koordinator']]);
    expect(fake.reviewEmails.find((e) => e.candidateId === candidateId)).toMatchObject({ kecamatan: '640804', dueAt: schedule.dueAt });

    await skipTo(schedule.dueAt + MINUTE);
    await eventually(() => fake.emailsOf(candidateId).length === 2);
    expect(fake.emailsOf(candidateId)[1]).toEqual(['ESCALATION', 1, 'disdik-kepala']);

    // Late is better than never; after the decision the ladder is silent.
    await review.executeUpdate(decideCandidateUpdate, { args: [{ decision: 'START_CASE' }, coordinator] });
    await review.result();
    await skipTo(later!.at + MINUTE);
    expect(fake.emailsOf(candidateId)).toHaveLength(2);
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH }, dataConverter: testDataConverter },
      await review.fetchHistory(),
      review.workflowId,
    );
  });

  it('sends nothing further when the coordinator decides before the reminder', async () => {
    const candidateId = randomUUID();
    const review = await startReview(candidateId);
    const opened = await eventually(() => fake.reviewsOpened.find((o) => o.candidateId === candidateId));
    const schedule = scheduleFromRule(DEFAULT_DEADLINE_POLICY, CANDIDATE_REVIEW_DEADLINE, opened.openedAt);

    await env.sleep('1 day');
    expect(await review.executeUpdate(decideCandidateUpdate, { args: [{ decision: 'DISMISS', reason: 'MOVED_AWAY' }, coordinator] })).toEqual({ status: 'DISMISSED' });
    await review.result();
    await skipTo(schedule.escalations.at(-1)!.at + MINUTE);
    expect(fake.emailsOf(candidateId)).toEqual([]);
  });
});
