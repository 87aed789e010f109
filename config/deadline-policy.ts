import { readFileSync } from 'node:fs';
import { DEFAULT_DEADLINE_POLICY, deadlinePolicySchema, type DeadlinePolicy } from '../domain/deadline-policy.js';
import { ConfigError } from './env.js';

/** The deadline policy: DEADLINE_POLICY_FILE (JSON) when set, else the default agreed with the ATS forum. */
export function loadDeadlinePolicy(file: string | undefined): DeadlinePolicy {
  if (!file) return DEFAULT_DEADLINE_POLICY;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Invalid configuration: DEADLINE_POLICY_FILE ${file} cannot be read as JSON (${(error as Error).message})`);
  }
  const parsed = deadlinePolicySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: DEADLINE_POLICY_FILE ${file} at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
