import { expect } from 'vitest';
import type { CaseActivities, OpenedTask } from '../../../activities/contract.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { DEFAULT_SEED_EMAIL_DOMAIN } from '../../../infra/seed.js';
import type { StoredMessage } from '../../../infra/smtp-sink.js';
import { HtmlForm } from '../../support/html-form.js';
import type { DirectoryOfficer } from '../journeys/stack.js';

/**
 * Deadlines are days apart and real days cannot pass on the dev server, so stories about late tasks
 * compress time as tests/integration/journeys/escalation.test.ts does: the real activities compute the
 * real schedule, and only the moments they return are mapped so that one day lasts one second.
 */
const DAY_MS = 86_400_000;
const ONE_DAY_LASTS_MS = 1_000;

function compressed(from: number, at: number): number {
  return from + ((at - from) * ONE_DAY_LASTS_MS) / DAY_MS;
}

function compress(from: number, opened: OpenedTask): OpenedTask {
  return { ...opened, dueAt: compressed(from, opened.dueAt), ladder: opened.ladder.map((step) => ({ ...step, at: compressed(from, step.at) })) };
}

export function withCompressedDeadlines(real: CaseActivities): CaseActivities {
  return {
    ...real,
    openTask: async (input) => compress(input.openedAt, await real.openTask(input)),
    moveTask: async (input) => compress(input.at, await real.moveTask(input)),
  };
}

/** Another Disdikbud field officer in the kecamatan, for the supervisor to hand tasks to. */
export async function addFieldOfficer(prisma: PrismaClient, kecamatan: string, name: string): Promise<DirectoryOfficer> {
  const id = `disdik-fo-${kecamatan}-extra`;
  const email = `${id}@${DEFAULT_SEED_EMAIL_DOMAIN}`;
  await prisma.officer.create({ data: { id, name, email, agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan } });
  return { id, name, email };
}

/** A personal link of this kind (tasks, penyelia, petugas) in an email, in full. */
export function linkIn(message: StoredMessage, kind: 'tasks' | 'penyelia' | 'petugas'): string {
  const link = new RegExp(`https?://\\S+/${kind}/[A-Za-z0-9_-]+`).exec(message.text)?.[0];
  if (!link) throw new Error(`no /${kind}/ link in the email "${message.subject}"`);
  return link;
}

/** The "cannot do this task" form of a task page: the page's second form. */
export function declineFormOf(html: string): HtmlForm {
  const section = /<section class="card" id="tolak"[\s\S]*?<\/section>/.exec(html)?.[0];
  if (!section) throw new Error('the task page offers no way to decline');
  return HtmlForm.parse(section);
}

export function formActionOf(html: string): string {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error('the form has no action');
  return action;
}

/** Sends a form as a browser without JavaScript does, to `url` (absolute). */
export async function post(url: string, form: HtmlForm): Promise<{ status: number; html: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.encoded() });
  expect(response.headers.get('content-type') ?? '').toMatch(/^text\/html/);
  return { status: response.status, html: await response.text() };
}

export async function get(url: string): Promise<{ status: number; html: string }> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}
