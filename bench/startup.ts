/**
 * `npm start` to ready: from spawning it to its "started in" line, after which /health answers 200.
 * Cold is a new DATA_DIR (creates the database, runs the migrations, seeds); warm is Ctrl-C and
 * `npm start` again on the same data, with whatever cases it holds. The target is absolute (≤ 10 s warm),
 * so the ratio is against that target, not against a baseline process.
 *
 *   npx tsx bench/startup.ts [rounds=3]
 */
import { pathToFileURL } from 'node:url';
import type { Comparison } from './support/measure.js';
import { printComparisons } from './support/measure.js';
import { startBenchSystem, type BenchSystem } from './support/system.js';

export const WARM_START_TARGET_SECONDS = 10;

export async function benchStartup(rounds = 3): Promise<Comparison[]> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const bench = await startBenchSystem();
    try {
      cold.push(bench.startupSeconds);
      warm.push(await warmRestartSeconds(bench));
    } finally {
      await bench.stop();
    }
  }
  return [startupComparison('npm start, new DATA_DIR (cold)', cold), startupComparison('npm start again, same data (warm)', warm)];
}

/** Restarts a running system on its own data, with the cases it holds, and answers how long it took to be ready. */
export async function warmRestartSeconds(bench: BenchSystem): Promise<number> {
  await bench.restart();
  const health = await fetch(`${bench.system.apiUrl}/health`);
  if (health.status !== 200) throw new Error(`npm start said it had started, but /health answered ${health.status}`);
  return bench.startupSeconds;
}

export function startupComparison(what: string, seconds: number[]): Comparison {
  return {
    what,
    target: `≤ ${WARM_START_TARGET_SECONDS} s (ratio: seconds ÷ ${WARM_START_TARGET_SECONDS} s)`,
    ratios: seconds.map((s) => s / WARM_START_TARGET_SECONDS),
    detail: seconds.map((s) => `${s.toFixed(1)} s`).join(', '),
    met: Math.max(...seconds) <= WARM_START_TARGET_SECONDS,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  printComparisons(await benchStartup(Number(process.argv[2] ?? 3)));
}
