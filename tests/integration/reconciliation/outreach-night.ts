import { createReconciliationActivities } from '../../../activities/reconciliation/index.js';
import { createDapodikClient } from '../../../activities/registries/dapodik.js';
import { createDinsosClient } from '../../../activities/registries/dinsos.js';
import { createDukcapilClient } from '../../../activities/registries/dukcapil.js';
import { DEFAULT_DEADLINE_POLICY } from '../../../domain/deadline-policy.js';
import type { KecamatanCounts } from '../../../domain/reconciliation.js';
import { createSmtpMailer } from '../../../infra/mailer.js';
import type { StoredMessage } from '../../../infra/smtp-sink.js';
import type { JourneyStack } from '../journeys/stack.js';

/** The reconciliation's real activities against the stack's registries, database and SMTP sink, on a clock the story sets. */
export function reconciliationActivitiesAt(stack: JourneyStack, options: { at: Date; cooldownDays?: number }) {
  const registry = { timeoutMs: 5000 };
  return createReconciliationActivities({
    prisma: stack.prisma,
    temporal: stack.temporal,
    mailer: createSmtpMailer({ smtpUrl: `smtp://127.0.0.1:${stack.sink.smtpPort}`, from: 'ATS Kutai Timur <no-reply@ats.test>' }),
    dukcapil: createDukcapilClient({ baseUrl: stack.simulators.dukcapilUrl, ...registry }),
    dapodik: createDapodikClient({ baseUrl: stack.simulators.dapodikUrl, ...registry }),
    dinsos: createDinsosClient({ baseUrl: stack.simulators.dinsosUrl, ...registry }),
    settings: {
      caseKeySecret: stack.caseKeySecret,
      taskQueue: stack.taskQueue,
      publicUrl: stack.apiUrl,
      autoStart: false,
      pageSize: 100,
      dismissalDays: 365,
      welfareOutreach: true,
      welfareMaxDecile: 4,
      outreachCooldownDays: options.cooldownDays ?? 180,
      calendar: DEFAULT_DEADLINE_POLICY,
    },
    now: () => options.at,
  });
}

/**
 * The welfare part of a night's reconciliation of one kecamatan: every page of Dinsos's poor households
 * is flagged, then each officer gets their email. The workflow around it has its own tests.
 */
export async function outreachNight(
  stack: JourneyStack,
  options: { runId: string; kecamatan: string; at: Date; cooldownDays?: number },
): Promise<Partial<KecamatanCounts>> {
  const activities = reconciliationActivitiesAt(stack, options);
  const counts = { atRiskHouseholds: 0, alreadyFlagged: 0 };
  for (let page = 1; ; page += 1) {
    const result = await activities.flagWelfarePage({ runId: options.runId, kecamatan: options.kecamatan, page, pageSize: 100, maxDecile: 4 });
    counts.atRiskHouseholds += result.counts.atRiskHouseholds ?? 0;
    counts.alreadyFlagged += result.counts.alreadyFlagged ?? 0;
    if (result.lastPage) break;
  }
  await activities.notifyOutreachOfficers({ runId: options.runId, kecamatan: options.kecamatan });
  return counts;
}

/** The link to the officer's visits page in an outreach email, in full, as the officer taps it. */
export function outreachLinkIn(message: StoredMessage): string {
  const link = /https?:\/\/\S+\/kunjungan\/[A-Za-z0-9_-]+/.exec(message.text)?.[0];
  if (!link) throw new Error(`no outreach link in the email "${message.subject}"`);
  return link;
}
