import { ConfigError, type Env } from './env.js';

type OptionalKey = { [K in keyof Env]-?: undefined extends Env[K] ? K : never }[keyof Env];

/**
 * The api and worker processes start no embedded services, so settings that `npm start`
 * fills in must be given explicitly there.
 */
export function requireSettings<K extends OptionalKey>(env: Env, keys: readonly K[], processName: string): Env & { [P in K]-?: NonNullable<Env[P]> } {
  const missing = keys.filter((key) => env[key] === undefined);
  if (missing.length > 0) {
    throw new ConfigError(
      `Missing configuration for the ${processName} process: ${missing.join(', ')} must be set (use \`npm start\` to run everything with embedded defaults)`,
    );
  }
  return env as Env & { [P in K]-?: NonNullable<Env[P]> };
}

/** Runs a process entry point; configuration and start-up errors print one line, never a stack trace. */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const expected = error instanceof Error && (error.name === 'ConfigError' || error.name === 'PortInUseError' || error.name === 'MigrationError' || error.name === 'StartupError');
    console.error(expected ? (error as Error).message : `Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
