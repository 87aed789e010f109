import { KECAMATAN } from './kecamatan.js';
import { TASK_TYPES, type TaskType } from './tasks.js';
import { isoDate, z } from './validation.js';

export const ESCALATION_TARGETS = ['SUPERVISOR', 'COORDINATOR', 'HEAD'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

const taskDeadlineSchema = z
  .object({
    dueInWorkingDays: z.number().int().min(1).max(90),
    /** Reminders to the assignee, in working days before the due date. */
    remindBeforeDueWorkingDays: z.array(z.number().int().min(0).max(30)).default([1]),
    /** The escalation ladder after the due date; each step after the previous one. */
    escalations: z
      .array(z.object({ to: z.enum(ESCALATION_TARGETS), afterDueWorkingDays: z.number().int().min(0).max(60) }))
      .min(1),
  })
  .strict();
export type TaskDeadline = z.infer<typeof taskDeadlineSchema>;

export const deadlinePolicySchema = z
  .object({
    /** Working days skip these weekdays (0 = Sunday) and the listed public holidays. */
    weekendDays: z.array(z.number().int().min(0).max(6)).default([0, 6]),
    holidays: z.array(isoDate).default([]),
    tasks: z.record(z.enum(TASK_TYPES), taskDeadlineSchema),
    /** Extra working days before the due date for tasks in remote kecamatan (travel time). */
    remoteKecamatanExtraDays: z.number().int().min(0).max(30).default(0),
  })
  .strict()
  .refine((p) => TASK_TYPES.every((t) => p.tasks[t] !== undefined), {
    message: `Kebijakan tenggat harus mengatur semua jenis tugas: ${TASK_TYPES.join(', ')}.`,
    path: ['tasks'],
  });
export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;

const ladder = (supervisorAfter: number, coordinatorAfter: number) => [
  { to: 'SUPERVISOR' as const, afterDueWorkingDays: supervisorAfter },
  { to: 'COORDINATOR' as const, afterDueWorkingDays: coordinatorAfter },
];

/** The policy agreed with the ATS forum; override it with DEADLINE_POLICY_FILE. */
export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  weekendDays: [0, 6],
  holidays: [],
  remoteKecamatanExtraDays: 3,
  tasks: {
    DUKCAPIL_CORRECTION: { dueInWorkingDays: 5, remindBeforeDueWorkingDays: [1], escalations: ladder(0, 3) },
    DUKCAPIL_REGISTRATION: { dueInWorkingDays: 10, remindBeforeDueWorkingDays: [2], escalations: ladder(0, 5) },
    DINSOS_REFERRAL: { dueInWorkingDays: 10, remindBeforeDueWorkingDays: [2], escalations: ladder(0, 5) },
    VISIT_SCHEDULING: { dueInWorkingDays: 3, remindBeforeDueWorkingDays: [1], escalations: ladder(0, 2) },
    VISIT_REPORT: { dueInWorkingDays: 2, remindBeforeDueWorkingDays: [1], escalations: ladder(0, 2) },
    ENROLMENT_CONFIRMATION: { dueInWorkingDays: 15, remindBeforeDueWorkingDays: [3], escalations: ladder(0, 5) },
    COORDINATOR_DECISION: { dueInWorkingDays: 3, remindBeforeDueWorkingDays: [1], escalations: [{ to: 'HEAD', afterDueWorkingDays: 0 }] },
  },
};

const DAY_MS = 86_400_000;
/** Deadlines fall at the end of the working day in Kutai Timur (17:00 WITA = 09:00 UTC). */
const END_OF_WORKING_DAY_UTC_HOUR = 9;

export interface TaskSchedule {
  dueAt: number;
  reminders: number[];
  escalations: { at: number; to: EscalationTarget; level: number }[];
}

export function addWorkingDays(policy: Pick<DeadlinePolicy, 'weekendDays' | 'holidays'>, fromMs: number, days: number): number {
  const isWorkingDay = (ms: number) => {
    const date = new Date(ms + 8 * 3600_000); // the calendar day in WITA
    return !policy.weekendDays.includes(date.getUTCDay()) && !policy.holidays.includes(date.toISOString().slice(0, 10));
  };
  let cursor = fromMs;
  let remaining = days;
  while (remaining > 0) {
    cursor += DAY_MS;
    if (isWorkingDay(cursor)) remaining -= 1;
  }
  const day = new Date(cursor + 8 * 3600_000).toISOString().slice(0, 10);
  return Date.parse(`${day}T${String(END_OF_WORKING_DAY_UTC_HOUR).padStart(2, '0')}:00:00Z`);
}

export function subtractWorkingDays(policy: Pick<DeadlinePolicy, 'weekendDays' | 'holidays'>, fromMs: number, days: number): number {
  let cursor = fromMs;
  let remaining = days;
  while (remaining > 0) {
    cursor -= DAY_MS;
    const date = new Date(cursor + 8 * 3600_000);
    if (!policy.weekendDays.includes(date.getUTCDay()) && !policy.holidays.includes(date.toISOString().slice(0, 10))) remaining -= 1;
  }
  return cursor;
}

/** When a task of this type, opened at `openedAt` in this kecamatan, is due, and when to remind and escalate. */
export function scheduleTask(policy: DeadlinePolicy, type: TaskType, kecamatan: string, openedAt: number): TaskSchedule {
  const rule = policy.tasks[type];
  const remote = KECAMATAN.some((k) => k.code === kecamatan && k.remote);
  const dueAt = addWorkingDays(policy, openedAt, rule.dueInWorkingDays + (remote ? policy.remoteKecamatanExtraDays : 0));
  const reminders = rule.remindBeforeDueWorkingDays
    .map((before) => subtractWorkingDays(policy, dueAt, before))
    .filter((at) => at > openedAt)
    .sort((a, b) => a - b);
  let previous = dueAt;
  const escalations = rule.escalations.map((step, index) => {
    const at = step.afterDueWorkingDays === 0 ? previous : addWorkingDays(policy, previous, step.afterDueWorkingDays);
    previous = at;
    return { at, to: step.to, level: index + 1 };
  });
  return { dueAt, reminders, escalations };
}
