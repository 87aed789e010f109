import { TASK_TITLES, type TaskType } from '../domain/tasks.js';

/** Officers read their emails in Bahasa Indonesia unless their directory entry asks for English. */
export const EMAIL_LANGUAGES = ['id', 'en'] as const;
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number];

/** The officer's language from the directory; anything unknown reads as Indonesian. */
export function emailLanguage(value: string | null | undefined): EmailLanguage {
  return value === 'en' ? 'en' : 'id';
}

const TASK_TITLES_EN: Record<TaskType, string> = {
  DUKCAPIL_CORRECTION: 'Correct civil registry data',
  DUKCAPIL_REGISTRATION: 'Register the child’s civil documents',
  DINSOS_REFERRAL: 'PIP/KIP education aid referral',
  VISIT_SCHEDULING: 'Schedule a home visit',
  VISIT_REPORT: 'Home visit report',
  ENROLMENT_CONFIRMATION: 'Confirm school enrolment',
  COORDINATOR_DECISION: 'Coordinator’s decision',
  RETENTION_CHECK: 'Check the child is still in school',
};

export function taskTitle(type: TaskType, language: EmailLanguage): string {
  return language === 'en' ? TASK_TITLES_EN[type] : TASK_TITLES[type];
}
