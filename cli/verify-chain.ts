/**
 * `npm run chain:verify -- [--case <caseId>]` recomputes the hash chain of one case's audit log,
 * or of every case's, from the rows as stored, and names the first event that does not match.
 * Exits with 1 when any chain is broken.
 */
import { parseArgs } from 'node:util';
import { ConfigError, parseEnv } from '../config/env.js';
import { requireSettings, runMain } from '../config/require.js';
import { verifyCaseEvents, verifyEventLog, type CaseChainVerdict } from '../infra/case-event-log.js';
import { createPrisma } from '../infra/db.js';

const USAGE = 'usage: npm run chain:verify -- [--case <caseId>]';

await runMain(async () => {
  const caseId = parseCaseId(process.argv.slice(2));
  const env = requireSettings(parseEnv(), ['DATABASE_URL'], 'chain:verify');
  const prisma = createPrisma(env.DATABASE_URL);
  try {
    const verdicts = caseId ? single(await verifyCaseEvents(prisma, caseId)) : verifyEventLog(prisma);
    let cases = 0;
    let events = 0;
    let broken = 0;
    for await (const { caseId: id, events: count, verdict } of verdicts) {
      cases += 1;
      events += count;
      if (!verdict.valid) {
        broken += 1;
        console.log(`✗ ${id}: ${verdict.problem} at sequence ${verdict.sequence}`);
      } else if (caseId) {
        console.log(`✓ ${id}: ${count} events, head ${verdict.headHash}`);
      }
    }
    if (caseId && events === 0) throw new ConfigError(`No audit events stored for case ${caseId}`);
    console.log(`Verified ${cases} case ${cases === 1 ? 'chain' : 'chains'} (${events} events): ${cases - broken} intact, ${broken} broken.`);
    if (broken > 0) process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
});

async function* single(verdict: CaseChainVerdict): AsyncGenerator<CaseChainVerdict> {
  yield verdict;
}

function parseCaseId(argv: string[]): string | undefined {
  try {
    return parseArgs({ args: argv, options: { case: { type: 'string' } }, strict: true }).values.case;
  } catch (error) {
    throw new ConfigError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
}
