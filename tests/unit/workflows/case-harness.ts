import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { CaseView, TaskView } from '../../../domain/case.js';
import type { IntakeReport } from '../../../domain/intake.js';
import type { TaskType } from '../../../domain/tasks.js';
import { completeTaskUpdate, getCaseQuery, type CaseWorkflowInput } from '../../../workflows/messages.js';
import { WORKFLOW_BUNDLE_PATH } from '../../support/bundle.js';
import { testDataConverter } from '../../support/data-converter.js';
import { createTimeSkippingEnv } from '../../support/time-skipping.js';
import { FakeCaseActivities } from './fake-activities.js';

export type CaseHandle = WorkflowHandle<(input: CaseWorkflowInput) => Promise<CaseView>>;

/** A child from Sangatta Utara (not a remote kecamatan) with a well-formed NIK: born 12 March 2015, a boy. */
export const CHILD_NIK = '6408041203150001';
export const CHILD_NO_KK = '6408040101150003';

export function aReport(overrides: { child?: Partial<IntakeReport['child']> } & Partial<Omit<IntakeReport, 'child'>> = {}): IntakeReport {
  const { child, ...rest } = overrides;
  return {
    child: {
      fullName: 'Andi Saputra',
      nik: CHILD_NIK,
      noKk: CHILD_NO_KK,
      birthDate: '2015-03-12',
      sex: 'L',
      kecamatan: '640804',
      desa: 'Swarga Bara',
      address: 'Jl. Yos Sudarso RT 12',
      ...child,
    },
    guardian: { name: 'Siti Aminah', phone: '081234567890' },
    category: 'DO',
    lastSchool: { name: 'SD Negeri 001 Sangatta Utara', npsn: '30400001', level: 'SD', lastGrade: 4 },
    reasons: ['ECONOMIC'],
    source: { channel: 'DAPODIK', reference: 'verval-2026-001' },
    ...rest,
  };
}

/** A time-skipping server, a worker running the bundled case workflow on fake activities, and story helpers. */
export class CaseHarness {
  readonly fake = new FakeCaseActivities();
  private readonly taskQueue = `cases-${randomUUID()}`;
  private running?: Promise<void>;
  private worker?: Worker;

  private constructor(
    readonly env: TestWorkflowEnvironment,
    private readonly dataConverter: DataConverter,
    private readonly workflowBundlePath: string,
  ) {}

  /** Payloads are encrypted with the tests' key unless another converter is given; the bundle is the current workflows'. */
  static async start(options: { dataConverter?: DataConverter; workflowBundlePath?: string } = {}): Promise<CaseHarness> {
    const dataConverter = options.dataConverter ?? testDataConverter;
    const env = await createTimeSkippingEnv(dataConverter);
    const harness = new CaseHarness(env, dataConverter, options.workflowBundlePath ?? WORKFLOW_BUNDLE_PATH);
    harness.worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: harness.taskQueue,
      workflowBundle: { codePath: harness.workflowBundlePath },
      dataConverter,
      activities: harness.fake.activities,
    });
    harness.running = harness.worker.run();
    return harness;
  }

  async stop(): Promise<void> {
    this.worker?.shutdown();
    await this.running;
    await this.env.teardown();
  }

  /** Opens a case with a fresh id; script its registries on `fake` with that id before it reaches them. */
  async openCase(report: IntakeReport = aReport(), caseId = `case-${randomUUID()}`): Promise<CaseHandle> {
    return this.env.client.workflow.start('childCaseWorkflow', {
      taskQueue: this.taskQueue,
      workflowId: caseId,
      args: [{ caseId, report, reportedBy: { kind: 'STAFF', id: 'operator-disdik' } }],
    });
  }

  /** Replays the case's history against the workflow code: proof that the code is deterministic. */
  async expectReplays(handle: CaseHandle): Promise<void> {
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: this.workflowBundlePath }, dataConverter: this.dataConverter },
      await handle.fetchHistory(),
      handle.workflowId,
    );
  }

  newCaseId(): string {
    return `case-${randomUUID()}`;
  }

  /** Moves the test server's clock forward to `at` (ms since epoch), firing every timer on the way. */
  async skipTo(at: number): Promise<void> {
    const now = await this.env.currentTimeMs();
    if (at > now) await this.env.sleep(at - now);
  }

  /** Lets the months after the enrolment pass up to just after the nth look at the school roll (1-based). */
  async skipToRollCheck(handle: CaseHandle, n: number): Promise<CaseView> {
    const watching = await waitUntil(handle, (view) => view.monitoring?.checks[n - 1] !== undefined);
    await this.skipTo(Date.parse(watching.monitoring!.checks[n - 1]!.dueAt) + 60_000);
    return waitUntil(handle, (view) => view.monitoring?.checks[n - 1]?.finding !== undefined || view.stage !== 'MONITORING');
  }
}

/** Polls the live case until it shows what the story expects. */
export async function waitUntil(handle: CaseHandle, expectation: (view: CaseView) => boolean, timeoutMs = 20_000): Promise<CaseView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await handle.query(getCaseQuery);
    if (expectation(view)) return view;
    if (Date.now() > deadline) throw new Error(`case never reached the expected state; last seen: ${JSON.stringify(view, null, 2)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits for something the fake activities recorded (emails, events, closed tasks). */
export async function eventually<T>(read: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('the expected effect never happened');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function openTaskOf(view: CaseView, type: TaskType): TaskView | undefined {
  return view.tasks.find((task) => task.type === type && task.status === 'OPEN');
}

/** Tasks this test run has already submitted: they stay OPEN in the view until the workflow has recorded them. */
const submitted = new Set<string>();

/** Waits for the (next) open task of this type and submits the form as its assignee. */
export async function complete(handle: CaseHandle, type: TaskType, form: unknown): Promise<TaskView> {
  const waiting = (task: TaskView) => task.type === type && task.status === 'OPEN' && !submitted.has(`${handle.workflowId}/${task.taskId}`);
  const view = await waitUntil(handle, (v) => v.tasks.some(waiting));
  const task = view.tasks.find(waiting)!;
  submitted.add(`${handle.workflowId}/${task.taskId}`);
  await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, officerId: task.assignee.officerId, form }] });
  return task;
}

/** The forms officers submit along the usual path. */
export const FORMS = {
  visitScheduled: { visitDate: '2026-12-03' },
  familyMetAndWilling: {
    familyMet: true, reasonsConfirmed: ['ECONOMIC'], childWilling: true, parentsWilling: true, agreedPath: 'FORMAL_SCHOOL',
    targetSchool: { name: 'SD Negeri 002 Sangatta Utara', npsn: '30400002' },
  },
  familyMetButUnwilling: {
    familyMet: true, reasonsConfirmed: ['WORKING'], childWilling: false, parentsWilling: true, agreedPath: 'PAKET_A',
  },
  familyNotHome: { familyMet: false, whyNotMet: 'NOT_HOME' },
  enrolled: { npsn: '30400002', schoolName: 'SD Negeri 002 Sangatta Utara', enrolmentDate: '2027-01-06', grade: 5 },
  keepTrying: { decision: 'KEEP_TRYING', note: 'Coba lagi bersama kepala desa.' },
  closeAsMoved: { decision: 'CLOSE', closeReason: 'MOVED', note: 'Keluarga pindah ke Samarinda menurut tetangga.' },
} as const;

/** Takes the case from a home visit that found a willing family to the school's confirmation. */
export async function visitAndEnrol(handle: CaseHandle): Promise<CaseView> {
  await complete(handle, 'VISIT_SCHEDULING', FORMS.visitScheduled);
  await complete(handle, 'VISIT_REPORT', FORMS.familyMetAndWilling);
  await complete(handle, 'ENROLMENT_CONFIRMATION', FORMS.enrolled);
  return handle.result();
}
