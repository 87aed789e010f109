import { KECAMATAN, KECAMATAN_CODES, type KecamatanCode } from './kecamatan.js';
import { TASK_TYPES, type TaskType } from './tasks.js';
import { isoDate, z } from './validation.js';

export const ESCALATION_TARGETS = ['SUPERVISOR', 'COORDINATOR', 'HEAD'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

const escalationStepSchema = z
  .object({
    to: z.enum(ESCALATION_TARGETS),
    /** Working days after the previous rung (the first rung: after the due date). */
    afterDueWorkingDays: z.number().int().min(0).max(60),
  })
  .strict();

export const taskDeadlineSchema = z
  .object({
    dueInWorkingDays: z.number().int().min(1).max(90),
    /** Reminders to the assignee, in working days before the due date. */
    remindBeforeDueWorkingDays: z.array(z.number().int().min(0).max(30)).default([1]),
    /** The escalation ladder after the due date; each step after the previous one. */
    escalations: z.array(escalationStepSchema).min(1),
  })
  .strict();
export type TaskDeadline = z.infer<typeof taskDeadlineSchema>;

/** Only what is written overrides: no defaults, so an unset field keeps the district's value. */
const taskDeadlineOverrideSchema = z
  .object({
    dueInWorkingDays: taskDeadlineSchema.shape.dueInWorkingDays.optional(),
    remindBeforeDueWorkingDays: z.array(z.number().int().min(0).max(30)).optional(),
    escalations: taskDeadlineSchema.shape.escalations.optional(),
  })
  .strict();

const kecamatanOverrideSchema = z
  .object({
    /** Travel days added to every task's due date here; replaces remoteKecamatanExtraDays for this kecamatan. */
    extraWorkingDays: z.number().int().min(0).max(30).optional(),
    /** Per task type, the fields of the district rule that differ here. */
    tasks: z.partialRecord(z.enum(TASK_TYPES), taskDeadlineOverrideSchema).default({}),
  })
  .strict();
export type KecamatanOverride = z.infer<typeof kecamatanOverrideSchema>;

export const deadlinePolicySchema = z
  .object({
    /** Working days skip these weekdays (0 = Sunday) and the listed public holidays. */
    weekendDays: z.array(z.number().int().min(0).max(6)).default([0, 6]),
    holidays: z.array(isoDate).default([]),
    tasks: z.record(z.enum(TASK_TYPES), taskDeadlineSchema),
    /** Extra working days before the due date for tasks in remote kecamatan (travel time). */
    remoteKecamatanExtraDays: z.number().int().min(0).max(30).default(0),
    /** Kecamatan whose deadlines differ from the district's, by Kemendagri code (e.g. "640806" for Busang). */
    kecamatanOverrides: z.partialRecord(z.enum(KECAMATAN_CODES), kecamatanOverrideSchema).default({}),
  })
  .strict()
  .refine((p) => TASK_TYPES.every((t) => p.tasks[t] !== undefined), {
    message: `Kebijakan tenggat harus mengatur semua jenis tugas: ${TASK_TYPES.join(', ')}.`,
    path: ['tasks'],
  });
export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;
export type WorkingCalendar = Pick<DeadlinePolicy, 'weekendDays' | 'holidays'>;

/** Every task climbs the same ladder unless the policy says otherwise: supervisor, coordinator, head of agency. */
const ladder = (supervisorAfter: number, coordinatorAfter: number, headAfter: number): TaskDeadline['escalations'] => [
  { to: 'SUPERVISOR', afterDueWorkingDays: supervisorAfter },
  { to: 'COORDINATOR', afterDueWorkingDays: coordinatorAfter },
  { to: 'HEAD', afterDueWorkingDays: headAfter },
];

/** The policy agreed with the ATS forum; override it with DEADLINE_POLICY_FILE. */
export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  weekendDays: [0, 6],
  holidays: [],
  remoteKecamatanExtraDays: 3,
  kecamatanOverrides: {},
  tasks: {
    DUKCAPIL_CORRECTION: { dueInWorkingDays: 5, remindBeforeDueWorkingDays: [1], escalations: ladder(0, 3, 5) },
    DUKCAPIL_REGISTRATION: { dueInWorkingDays: 10, remindBeforeDueWorkingDays: [2], escalations: ladder(0, 5, 5) },
    DINSOS_REFERRAL: { dueInWorkingDays: 10, remindBeforeDueWorkingDays: [2], escalations: ladder(0, 5, 5) },
    VISIT_SCHEDULING: { dueInWorkingDays: 3, remindBeforeDueWorkingDays: [1], escalations: ladder(0, 2, 3) },
    VISIT_REPORT: { dueInWorkingDays: 2, remindBeforeDueWorkingDays: [1], escalations: ladder(0, 2, 3) },
    ENROLMENT_CONFIRMATION: { dueInWorkingDays: 15, remindBeforeDueWorkingDays: [3], escalations: ladder(0, 5, 5) },
    // The coordinator decides this one, so the ladder starts above them.
    COORDINATOR_DECISION: { dueInWorkingDays: 3, remindBeforeDueWorkingDays: [1], escalations: [{ to: 'HEAD', afterDueWorkingDays: 0 }] },
    RETENTION_CHECK: { dueInWorkingDays: 5, remindBeforeDueWorkingDays: [1], escalations: ladder(0, 3, 5) },
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

export function addWorkingDays(policy: WorkingCalendar, fromMs: number, days: number): number {
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

export function subtractWorkingDays(policy: WorkingCalendar, fromMs: number, days: number): number {
  let cursor = fromMs;
  let remaining = days;
  while (remaining > 0) {
    cursor -= DAY_MS;
    const date = new Date(cursor + 8 * 3600_000);
    if (!policy.weekendDays.includes(date.getUTCDay()) && !policy.holidays.includes(date.toISOString().slice(0, 10))) remaining -= 1;
  }
  return cursor;
}

/**
 * The rule a task of this type follows in this kecamatan: the district's rule, with the kecamatan's
 * own fields for the type laid over it and its travel days added to the due date. A task keeps the
 * rule it opened with (it is recorded with the task), so a later policy change reaches new tasks only.
 */
export function taskRuleFor(policy: DeadlinePolicy, type: TaskType, kecamatan: string): TaskDeadline {
  const override = policy.kecamatanOverrides[kecamatan as KecamatanCode];
  const remote = KECAMATAN.some((k) => k.code === kecamatan && k.remote);
  const extraDays = override?.extraWorkingDays ?? (remote ? policy.remoteKecamatanExtraDays : 0);
  const rule = { ...policy.tasks[type], ...definedFields(override?.tasks[type] ?? {}) };
  return { ...rule, dueInWorkingDays: rule.dueInWorkingDays + extraDays };
}

/** When a task of this type, opened at `openedAt` in this kecamatan, is due, and when to remind and escalate. */
export function scheduleTask(policy: DeadlinePolicy, type: TaskType, kecamatan: string, openedAt: number): TaskSchedule {
  return scheduleFromRule(policy, taskRuleFor(policy, type, kecamatan), openedAt);
}

/** The schedule of a rule counted from `from`: when a task opens, or when it is handed to another officer. */
export function scheduleFromRule(calendar: WorkingCalendar, rule: TaskDeadline, from: number): TaskSchedule {
  return scheduleForDueDate(calendar, rule, addWorkingDays(calendar, from, rule.dueInWorkingDays), from);
}

/** The reminders and escalations of a rule around a due date already set; reminders not after `from` are dropped. */
export function scheduleForDueDate(calendar: WorkingCalendar, rule: TaskDeadline, dueAt: number, from: number): TaskSchedule {
  const reminders = rule.remindBeforeDueWorkingDays
    .map((before) => subtractWorkingDays(calendar, dueAt, before))
    .filter((at) => at > from)
    .sort((a, b) => a - b);
  let previous = dueAt;
  const escalations = rule.escalations.map((step, index) => {
    const at = step.afterDueWorkingDays === 0 ? previous : addWorkingDays(calendar, previous, step.afterDueWorkingDays);
    previous = at;
    return { at, to: step.to, level: index + 1 };
  });
  return { dueAt, reminders, escalations };
}

function definedFields<T extends object>(partial: T): Partial<T> {
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined)) as Partial<T>;
}
