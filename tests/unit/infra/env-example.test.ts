import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../../config/env.js';

type Documented = { variable: string; comment: string; example: string };

/** `# comment` followed by `# VARIABLE=value`: one documented setting. */
function documentedSettings(text: string): Documented[] {
  const lines = text.split('\n');
  return lines.flatMap((line, index) => {
    const match = /^# ([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    return match ? [{ variable: match[1]!, example: match[2]!, comment: lines[index - 1] ?? '' }] : [];
  });
}

describe('.env.example, the list of settings an operator reads', () => {
  const documented = documentedSettings(readFileSync('.env.example', 'utf8'));
  const defaults = envSchema.parse({}) as Record<string, unknown>;

  it('documents every setting config/env.ts reads, once, and nothing else', () => {
    expect(documented.map((d) => d.variable).sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('explains each setting in a comment that states its default', () => {
    for (const { variable, comment } of documented) {
      expect(comment, variable).toMatch(/^# \S.*\(default: .+\)$/);
    }
  });

  it('states the defaults the code really uses', () => {
    for (const { variable, comment, example } of documented) {
      const actual = defaults[variable];
      if (actual === undefined) {
        expect(comment, variable).toMatch(/\(default: (unset|http:\/\/localhost:\$PORT)\b/);
      } else {
        expect(comment, variable).toContain(`(default: ${String(actual)})`);
        expect(example, variable).toBe(String(actual));
      }
    }
  });

  it('shows example values the configuration accepts', () => {
    const examples = Object.fromEntries(documented.filter((d) => d.example !== '').map((d) => [d.variable, d.example]));
    expect(() => envSchema.parse(examples)).not.toThrow();
  });
});
