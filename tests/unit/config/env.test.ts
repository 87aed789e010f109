import { describe, expect, it } from 'vitest';
import { ConfigError, monitoringChecks, parseEnv, publicUrl } from '../../../config/env.js';

describe('configuration from the environment', () => {
  it('runs on embedded defaults when nothing is set', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', TEMPORAL_TASK_QUEUE: 'ats-cases', WELFARE_MAX_DECILE: 4 });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(publicUrl(env)).toBe('http://localhost:3000');
  });

  it('lets a visited household rest 180 days before the reconciliation flags it for outreach again, unless configured otherwise', () => {
    expect(parseEnv({}).RECONCILIATION_OUTREACH_COOLDOWN_DAYS).toBe(180);
    expect(parseEnv({ RECONCILIATION_OUTREACH_COOLDOWN_DAYS: '30' }).RECONCILIATION_OUTREACH_COOLDOWN_DAYS).toBe(30);
    expect(() => parseEnv({ RECONCILIATION_OUTREACH_COOLDOWN_DAYS: '0' })).toThrow(/^Invalid configuration: RECONCILIATION_OUTREACH_COOLDOWN_DAYS/);
  });

  it('watches an enrolled child on the school roll after a month and after three, unless configured otherwise', () => {
    expect(monitoringChecks(parseEnv({}))).toEqual([30 * 86_400_000, 90 * 86_400_000]);
    expect(monitoringChecks(parseEnv({ ENROLMENT_MONITORING_CHECKS: '2d,7d,30d' }))).toEqual([2, 7, 30].map((days) => days * 86_400_000));
    expect(() => parseEnv({ ENROLMENT_MONITORING_CHECKS: '90d,30d' })).toThrow(
      new ConfigError('Invalid configuration: ENROLMENT_MONITORING_CHECKS must list positive durations in increasing order (got "90d,30d")'),
    );
  });

  it('turns a wrong value into one line naming the variable and what it got', () => {
    expect(() => parseEnv({ PORT: '70000' })).toThrow(new ConfigError('Invalid configuration: PORT must be a port number between 1 and 65535 (got "70000")'));
    expect(() => parseEnv({ DATABASE_URL: 'not a url' })).toThrow(/^Invalid configuration: DATABASE_URL must be a URL \(got "not a url"\)$/);
    expect(() => parseEnv({ TEMPORAL_ADDRESS: 'localhost' })).toThrow(/^Invalid configuration: TEMPORAL_ADDRESS must be host:port/);
    expect(() => parseEnv({ WELFARE_MAX_DECILE: '11' })).toThrow(/^Invalid configuration: WELFARE_MAX_DECILE/);
  });

  it('never repeats a secret it rejects', () => {
    const secret = 'short-but-secret';
    let message = '';
    try {
      parseEnv({ CASE_KEY_SECRET: secret });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration: CASE_KEY_SECRET/);
    expect(message).not.toContain(secret);
  });
});
