import { ApplicationFailure } from '@temporalio/common';
import type {
  CaseActivities, CaseNeedsAttentionInput, CheckSchoolRollInput, CheckWelfareInput, CloseTaskInput, LadderStep, LinkChildIdentityInput, MoveTaskInput, NotifyCaseClosedInput, OpenedTask,
  OpenTaskInput, PlanMonitoringInput, RecordCaseEventInput, SendTaskEmailInput, VerifyIdentityInput, WelfareCheck,
} from '../../../activities/contract.js';
import type { OfficerRef } from '../../../domain/case.js';
import {
  DEFAULT_DEADLINE_POLICY, ESCALATION_TARGETS, scheduleForDueDate, scheduleFromRule, taskRuleFor, type DeadlinePolicy, type EscalationTarget,
  type TaskDeadline, type TaskSchedule,
} from '../../../domain/deadline-policy.js';
import { DEFAULT_MONITORING_CHECKS, monitoringCheckTimes, parseMonitoringChecks, rollCheckOf } from '../../../domain/monitoring.js';
import type { DapodikFindResponse, DukcapilVerifyResponse } from '../../../domain/registries.js';
import { TASK_OWNERS, type Agency, type OfficerRole } from '../../../domain/tasks.js';

/** The officer directory of the fake: one person per agency and role. */
export const OFFICERS: Record<Agency, Record<OfficerRole, OfficerRef>> = {
  DISDIKBUD: {
    FIELD_OFFICER: { officerId: 'disdik-lapangan', name: 'Rina (petugas lapangan Disdikbud)' },
    SUPERVISOR: { officerId: 'disdik-penyelia', name: 'Agus (penyelia Disdikbud)' },
    COORDINATOR: { officerId: 'disdik-koordinator', name: 'Sari (koordinator ATS)' },
    HEAD: { officerId: 'disdik-kepala', name: 'Kepala Disdikbud' },
  },
  DUKCAPIL: {
    FIELD_OFFICER: { officerId: 'dukcapil-petugas', name: 'Budi (petugas Dukcapil)' },
    SUPERVISOR: { officerId: 'dukcapil-penyelia', name: 'Dewi (penyelia Dukcapil)' },
    COORDINATOR: { officerId: 'disdik-koordinator', name: 'Sari (koordinator ATS)' },
    HEAD: { officerId: 'dukcapil-kepala', name: 'Kepala Disdukcapil' },
  },
  DINSOS: {
    FIELD_OFFICER: { officerId: 'dinsos-petugas', name: 'Tono (petugas Dinsos)' },
    SUPERVISOR: { officerId: 'dinsos-penyelia', name: 'Wati (penyelia Dinsos)' },
    COORDINATOR: { officerId: 'disdik-koordinator', name: 'Sari (koordinator ATS)' },
    HEAD: { officerId: 'dinsos-kepala', name: 'Kepala Dinsos' },
  },
};

/** Officers besides the one per agency and role, for tasks to be reassigned to. */
export const OTHER_OFFICERS = {
  DISDIKBUD_FIELD_OFFICER: { officerId: 'disdik-lapangan-2', name: 'Yusuf (petugas lapangan Disdikbud)' },
} satisfies Record<string, OfficerRef>;

const DIRECTORY = new Map<string, OfficerRef>(
  [...Object.values(OFFICERS).flatMap((roles) => Object.values(roles)), ...Object.values(OTHER_OFFICERS)].map((o) => [o.officerId, o]),
);

/** What a registry does for one case: answer, refuse for good, and first be down for some attempts. */
export interface RegistryScript<T> {
  answer: T | 'REFUSED';
  /** How many activity attempts fail as if the registry were down before it answers. */
  unavailableForAttempts?: number;
}

interface TaskRow {
  input: OpenTaskInput;
  /** The rule the task opened with, as the real activity records it. */
  rule: TaskDeadline;
  opened: OpenedTask;
  /** Who holds it and on what ladder, after the latest move. */
  current: OpenedTask;
  moves: { input: MoveTaskInput; moved: OpenedTask }[];
  closed?: CloseTaskInput;
}

/**
 * An in-memory stand-in for the worker's activities: it keeps what the workflow records, opens and sends,
 * answers registry look-ups as each test scripts them, and computes deadlines with the real policy.
 */
export class FakeCaseActivities {
  private readonly events = new Map<string, RecordCaseEventInput>();
  private readonly taskRows = new Map<string, TaskRow>();
  private readonly emails: SendTaskEmailInput[] = [];
  private readonly links: LinkChildIdentityInput[] = [];
  private readonly dukcapil = new Map<string, RegistryScript<DukcapilVerifyResponse> & { calls: number }>();
  private readonly dinsos = new Map<string, RegistryScript<WelfareCheck> & { calls: number }>();
  private readonly schoolRoll = new Map<string, SchoolRollScript & { calls: number }>();
  private readonly rollLookups: CheckSchoolRollInput[] = [];
  private readonly monitoringPlans: PlanMonitoringInput[] = [];
  private readonly bouncingOfficers = new Set<string>();
  private readonly caseClosedNotices: NotifyCaseClosedInput[] = [];
  private policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY;
  private readonly systemFaults = new Map<string, { failures: number; type: string; retryable?: boolean }>();
  private readonly attention: ({ reported: CaseNeedsAttentionInput } | { cleared: string })[] = [];

  /** From now on, tasks open under this deadline policy (as after a worker restart with a new DEADLINE_POLICY_FILE). */
  usePolicy(policy: DeadlinePolicy): void {
    this.policy = policy;
  }

  caseClosedNoticesOf(caseId: string): NotifyCaseClosedInput[] {
    return this.caseClosedNotices.filter((notice) => notice.caseId === caseId);
  }

  /**
   * In this case, the next `failures` calls of the activity fail as our own system can: `type` is the
   * failure's code (NoOfficerAvailable for a gap in the directory, Error for a bug in the activity);
   * a retryable fault counts each activity attempt.
   */
  failSystem(caseId: string, activity: 'openTask' | 'sendTaskEmail' | 'recordCaseEvent', fault: { failures: number; type: string; retryable?: boolean }): void {
    this.systemFaults.set(`${caseId}/${activity}`, fault);
  }

  /** What the case told the needs-attention list, in order. */
  attentionOf(caseId: string): ('REPORTED' | 'CLEARED')[] {
    return this.attention
      .filter((entry) => ('reported' in entry ? entry.reported.caseId : entry.cleared) === caseId)
      .map((entry) => ('reported' in entry ? 'REPORTED' : 'CLEARED'));
  }

  attentionReportsOf(caseId: string): CaseNeedsAttentionInput[] {
    return this.attention.flatMap((entry) => ('reported' in entry && entry.reported.caseId === caseId ? [entry.reported] : []));
  }

  private faultOf(caseId: string, activity: string): void {
    const fault = this.systemFaults.get(`${caseId}/${activity}`);
    if (!fault || fault.failures === 0) return;
    fault.failures -= 1;
    throw ApplicationFailure.create({ message: `${activity} failed`, type: fault.type, nonRetryable: !fault.retryable });
  }

  /** In this case, the mail server refuses this officer's address for good. */
  bounceEmailsTo(caseId: string, officerId: string): void {
    this.bouncingOfficers.add(`${caseId}/${officerId}`);
  }

  scriptDukcapil(caseId: string, script: RegistryScript<DukcapilVerifyResponse>): void {
    this.dukcapil.set(caseId, { ...script, calls: 0 });
  }

  scriptDinsos(caseId: string, script: RegistryScript<WelfareCheck>): void {
    this.dinsos.set(caseId, { ...script, calls: 0 });
  }

  /**
   * What Dapodik answers for the case's child, one answer per look (the last one repeats). Unscripted,
   * the child is on the roll at the school the officer confirmed.
   */
  scriptSchoolRoll(caseId: string, script: SchoolRollScript): void {
    this.schoolRoll.set(caseId, { ...script, calls: 0 });
  }

  /** When the case asked for its checks to be planned: at each confirmed enrolment. */
  monitoringPlansOf(caseId: string): PlanMonitoringInput[] {
    return this.monitoringPlans.filter((plan) => plan.caseId === caseId);
  }

  rollLookupsOf(caseId: string): CheckSchoolRollInput[] {
    return this.rollLookups.filter((lookup) => lookup.caseId === caseId);
  }

  eventsOf(caseId: string): RecordCaseEventInput[] {
    return [...this.events.values()].filter((event) => event.caseId === caseId);
  }

  eventTypesOf(caseId: string): string[] {
    return this.eventsOf(caseId).map((event) => event.type);
  }

  emailsOf(caseId: string): SendTaskEmailInput[] {
    return this.emails.filter((email) => email.caseId === caseId);
  }

  tasksOf(caseId: string): TaskRow[] {
    return [...this.taskRows.values()].filter((row) => row.input.caseId === caseId);
  }

  task(caseId: string, taskId: string): TaskRow {
    const row = this.taskRows.get(`${caseId}/${taskId}`);
    if (!row) throw new Error(`no task ${taskId} in ${caseId}`);
    return row;
  }

  linksOf(caseId: string): LinkChildIdentityInput[] {
    return this.links.filter((link) => link.caseId === caseId);
  }

  dukcapilCalls(caseId: string): number {
    return this.dukcapil.get(caseId)?.calls ?? 0;
  }

  readonly activities: CaseActivities = {
    verifyIdentity: async (input: VerifyIdentityInput) => answer(this.dukcapil.get(input.caseId), () => matchOf(input)),
    checkWelfare: async (input: CheckWelfareInput) =>
      answer(this.dinsos.get(input.caseId), (): WelfareCheck => ({ status: 'NOT_REGISTERED', pipCandidate: false })),
    openTask: async (input) => {
      this.faultOf(input.caseId, 'openTask');
      const key = `${input.caseId}/${input.taskId}`;
      const existing = this.taskRows.get(key);
      if (existing) return existing.opened;
      const rule = taskRuleFor(this.policy, input.type, input.kecamatan);
      const opened = ladderFor(input, scheduleFromRule(this.policy, rule, input.openedAt), assigneeOf(input));
      this.taskRows.set(key, { input, rule, opened, current: opened, moves: [] });
      return opened;
    },
    moveTask: async (input) => {
      const row = this.task(input.caseId, input.taskId);
      const repeated = row.moves.find((move) => move.input.move === input.move && move.input.at === input.at);
      if (repeated) return repeated.moved;
      const { agency } = TASK_OWNERS[row.input.type];
      const assignee = input.move === 'REASSIGN'
        ? DIRECTORY.get(input.toOfficerId!)!
        : escalationRecipient(agency, 'SUPERVISOR', input.fromOfficerId);
      const schedule = input.move === 'REASSIGN'
        ? scheduleFromRule(this.policy, row.rule, input.at)
        : scheduleForDueDate(this.policy, row.rule, row.current.dueAt, input.at);
      const moved = ladderFor(row.input, schedule, assignee);
      row.moves.push({ input, moved });
      row.current = moved;
      return moved;
    },
    notifyCaseClosed: async (input) => {
      if (!this.caseClosedNotices.some((notice) => notice.caseId === input.caseId)) this.caseClosedNotices.push(input);
      return { undeliverable: [] };
    },
    sendTaskEmail: async (input) => {
      this.faultOf(input.caseId, 'sendTaskEmail');
      if (this.bouncingOfficers.has(`${input.caseId}/${input.recipientOfficerId}`)) {
        throw ApplicationFailure.nonRetryable('Recipient address rejected (550)', 'EmailUndeliverable');
      }
      const duplicate = this.emails.some(
        (email) => email.caseId === input.caseId && email.taskId === input.taskId && email.kind === input.kind && email.step === input.step,
      );
      if (!duplicate) this.emails.push(input);
      return { sent: !duplicate };
    },
    closeTask: async (input) => {
      this.task(input.caseId, input.taskId).closed ??= input;
    },
    recordCaseEvent: async (input) => {
      this.faultOf(input.caseId, 'recordCaseEvent');
      if (!this.events.has(input.eventId)) this.events.set(input.eventId, input);
    },
    linkChildIdentity: async (input) => {
      this.links.push(input);
    },
    planMonitoring: async (input) => {
      this.monitoringPlans.push(input);
      return { checkAt: monitoringCheckTimes(parseMonitoringChecks(DEFAULT_MONITORING_CHECKS) as number[], input.enrolmentDate, input.confirmedAt) };
    },
    reportCaseNeedsAttention: async (input) => {
      this.attention.push({ reported: input });
    },
    clearCaseNeedsAttention: async ({ caseId }) => {
      this.attention.push({ cleared: caseId });
    },
    checkSchoolRoll: async (input) => {
      const script = this.schoolRoll.get(input.caseId);
      if (script) {
        script.calls += 1;
        if (script.calls <= (script.unavailableForAttempts ?? 0)) {
          throw ApplicationFailure.retryable('Layanan registri tidak tersedia (503).', 'RegistryUnavailable');
        }
      }
      this.rollLookups.push(input);
      const looks = this.rollLookupsOf(input.caseId).length;
      const answers = script?.answers ?? [ACTIVE_AT_CONFIRMED_SCHOOL];
      const given = answers[Math.min(looks, answers.length) - 1]!;
      if (given === 'REFUSED') throw ApplicationFailure.nonRetryable('Permintaan ditolak registri (400).', 'RegistryRejected');
      return rollCheckOf(given, input.enrolmentDate);
    },
  };
}

export interface SchoolRollScript {
  answers: (DapodikFindResponse | 'REFUSED')[];
  /** How many activity attempts fail as if Dapodik were down before it answers. */
  unavailableForAttempts?: number;
}

/** The pupil at the school of the harness's usual enrolment form. */
export const ACTIVE_AT_CONFIRMED_SCHOOL = {
  status: 'ACTIVE', nik: '6408041203150001', nisn: '0151234567', npsn: '30400002', schoolName: 'SD Negeri 002 Sangatta Utara', level: 'SD', grade: 5,
} as const satisfies DapodikFindResponse;

function answer<T>(script: (RegistryScript<T> & { calls: number }) | undefined, fallback: () => T): T {
  if (!script) return fallback();
  script.calls += 1;
  if (script.calls <= (script.unavailableForAttempts ?? 0)) {
    throw ApplicationFailure.retryable('Layanan registri tidak tersedia (503).', 'RegistryUnavailable');
  }
  if (script.answer === 'REFUSED') throw ApplicationFailure.nonRetryable('Permintaan ditolak registri (400).', 'RegistryRejected');
  return script.answer;
}

function matchOf(input: VerifyIdentityInput): DukcapilVerifyResponse {
  const { child } = input;
  return {
    status: 'MATCH',
    record: {
      nik: child.nik, noKk: child.noKk ?? '6408040101150003', fullName: child.fullName, birthDate: child.birthDate, sex: child.sex,
      kecamatanCode: child.kecamatan, desa: child.desa,
    },
  };
}

function assigneeOf(input: OpenTaskInput): OfficerRef {
  const { agency, role } = TASK_OWNERS[input.type];
  return OFFICERS[agency][role];
}

/** As the real directory: reminders to the assignee; each rung of escalation to the closest officer above them who is not them. */
function ladderFor(input: OpenTaskInput, schedule: TaskSchedule, assignee: OfficerRef): OpenedTask {
  const { agency } = TASK_OWNERS[input.type];
  const reminders: LadderStep[] = schedule.reminders.map((at) => ({ kind: 'REMINDER', at, level: 0, to: 'ASSIGNEE', recipient: assignee }));
  const escalations: LadderStep[] = schedule.escalations.map((step) => {
    const recipient = escalationRecipient(agency, step.to, assignee.officerId);
    return { kind: 'ESCALATION', at: step.at, level: step.level, to: rungOf(agency, recipient), recipient };
  });
  return { assignee, dueAt: schedule.dueAt, ladder: [...reminders, ...escalations].sort((a, b) => a.at - b.at) };
}

function escalationRecipient(agency: Agency, target: EscalationTarget, assigneeId: string): OfficerRef {
  for (const to of ESCALATION_TARGETS.slice(ESCALATION_TARGETS.indexOf(target))) {
    const officer = to === 'SUPERVISOR' ? OFFICERS[agency].SUPERVISOR : OFFICERS.DISDIKBUD[to];
    if (officer.officerId !== assigneeId) return officer;
  }
  throw new Error(`nobody above ${assigneeId} to escalate to`);
}

function rungOf(agency: Agency, officer: OfficerRef): EscalationTarget {
  if (officer.officerId === OFFICERS[agency].SUPERVISOR.officerId) return 'SUPERVISOR';
  return officer.officerId === OFFICERS.DISDIKBUD.COORDINATOR.officerId ? 'COORDINATOR' : 'HEAD';
}
