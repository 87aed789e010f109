import type { Env } from '../../config/env.js';
import type { SignInPolicy } from './sign-in.js';

export function sessionPolicy(env: Pick<Env, 'SESSION_IDLE_MINUTES' | 'SESSION_MAX_HOURS' | 'SIGN_IN_MAX_FAILURES' | 'SIGN_IN_LOCKOUT_MINUTES'>): SignInPolicy {
  return {
    idleMs: env.SESSION_IDLE_MINUTES * 60_000,
    maxAgeMs: env.SESSION_MAX_HOURS * 3_600_000,
    maxFailures: env.SIGN_IN_MAX_FAILURES,
    lockoutMs: env.SIGN_IN_LOCKOUT_MINUTES * 60_000,
  };
}
