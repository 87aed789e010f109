import { OUTREACH_LINK_DAYS } from '../domain/welfare-outreach.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { issueTaskToken, myTasksLink, outreachLink, reassignLink, taskLink } from '../infra/task-tokens.js';

/** How long a "my tasks" link works: long enough to keep using last month's email, short enough to age out. */
export const MY_TASKS_LINK_DAYS = 60;
const DAY_MS = 86_400_000;

export type TaskTokenPurpose = 'TASK' | 'REASSIGN';

/**
 * The personal links emails carry. Each email gets fresh secrets: only their hashes are stored, so an
 * earlier link cannot be shown again, only a new one issued. Earlier links stay valid until their task
 * closes, they are revoked, or (for "my tasks") they expire.
 */
export function officerLinks(prisma: PrismaClient, publicUrl: string) {
  return {
    /** The officer's link to the task's form; undefined when the task closed meanwhile. */
    async task(taskRowId: string, officerId: string): Promise<string | undefined> {
      const token = await issueTaskBoundToken(prisma, taskRowId, officerId, 'TASK');
      return token === undefined ? undefined : taskLink(publicUrl, token);
    },

    /** A supervisor's link to hand the task to another officer; undefined when the task closed meanwhile. */
    async reassign(taskRowId: string, officerId: string): Promise<string | undefined> {
      const token = await issueTaskBoundToken(prisma, taskRowId, officerId, 'REASSIGN');
      return token === undefined ? undefined : reassignLink(publicUrl, token);
    },

    /** The officer's list of open tasks. */
    async myTasks(officerId: string, now = Date.now()): Promise<string> {
      const { token, tokenHash } = issueTaskToken();
      await prisma.officerLink.create({ data: { tokenHash, officerId, purpose: 'MY_TASKS', expiresAt: new Date(now + MY_TASKS_LINK_DAYS * DAY_MS) } });
      return myTasksLink(publicUrl, token);
    },

    /** The officer's open preventive visits, where they record each one. */
    async outreach(officerId: string, now = Date.now()): Promise<string> {
      const { token, tokenHash } = issueTaskToken();
      await prisma.officerLink.create({ data: { tokenHash, officerId, purpose: 'OUTREACH', expiresAt: new Date(now + OUTREACH_LINK_DAYS * DAY_MS) } });
      return outreachLink(publicUrl, token);
    },
  };
}

/**
 * Stores a new token's hash, holding the task row so that a task closing at the same moment
 * either sees the token and revokes it, or has closed first and no token is issued.
 */
export async function issueTaskBoundToken(
  prisma: PrismaClient,
  taskRowId: string,
  officerId: string,
  purpose: TaskTokenPurpose,
): Promise<string | undefined> {
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM tasks WHERE id = ${taskRowId} FOR UPDATE`;
    if (row?.status !== 'OPEN') return undefined;
    const { token, tokenHash } = issueTaskToken();
    await tx.taskToken.create({ data: { tokenHash, taskRowId, officerId, purpose } });
    return token;
  });
}
