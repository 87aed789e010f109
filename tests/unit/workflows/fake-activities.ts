import { ApplicationFailure } from '@temporalio/common';
import type {
  CaseActivities, CheckWelfareInput, CloseTaskInput, LadderStep, LinkChildIdentityInput, OpenedTask, OpenTaskInput,
  RecordCaseEventInput, SendTaskEmailInput, VerifyIdentityInput, WelfareCheck,
} from '../../../activities/contract.js';
import type { OfficerRef } from '../../../domain/case.js';
import { DEFAULT_DEADLINE_POLICY, scheduleTask, type EscalationTarget } from '../../../domain/deadline-policy.js';
import type { DukcapilVerifyResponse } from '../../../domain/registries.js';
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

/** What a registry does for one case: answer, refuse for good, and first be down for some attempts. */
export interface RegistryScript<T> {
  answer: T | 'REFUSED';
  /** How many activity attempts fail as if the registry were down before it answers. */
  unavailableForAttempts?: number;
}

interface TaskRow {
  input: OpenTaskInput;
  opened: OpenedTask;
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
  private readonly bouncingOfficers = new Set<string>();

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
      const key = `${input.caseId}/${input.taskId}`;
      const existing = this.taskRows.get(key);
      if (existing) return existing.opened;
      const opened = openedTask(input);
      this.taskRows.set(key, { input, opened });
      return opened;
    },
    sendTaskEmail: async (input) => {
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
      if (!this.events.has(input.eventId)) this.events.set(input.eventId, input);
    },
    linkChildIdentity: async (input) => {
      this.links.push(input);
    },
  };
}

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

function openedTask(input: OpenTaskInput): OpenedTask {
  const { agency, role } = TASK_OWNERS[input.type];
  const assignee = OFFICERS[agency][role];
  const schedule = scheduleTask(DEFAULT_DEADLINE_POLICY, input.type, input.kecamatan, input.openedAt);
  const reminders: LadderStep[] = schedule.reminders.map((at) => ({ kind: 'REMINDER', at, level: 0, to: 'ASSIGNEE', recipient: assignee }));
  const escalations: LadderStep[] = schedule.escalations.map((step) => ({
    kind: 'ESCALATION', at: step.at, level: step.level, to: step.to, recipient: escalationRecipient(agency, step.to),
  }));
  return { assignee, dueAt: schedule.dueAt, ladder: [...reminders, ...escalations].sort((a, b) => a.at - b.at) };
}

function escalationRecipient(agency: Agency, target: EscalationTarget): OfficerRef {
  return target === 'SUPERVISOR' ? OFFICERS[agency].SUPERVISOR : OFFICERS.DISDIKBUD[target];
}
