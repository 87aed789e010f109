import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { addTallies, emptyTally, tallyTotal, type ImportProgress, type ImportStatus } from '../domain/imports.js';
import { importProgressQuery, type ImportActivities, type ImportWorkflowInput } from './import-messages.js';

/** A chunk starts a few dozen cases; it reports after every row, so a worker that dies is noticed within a minute. */
const chunkWork = proxyActivities<ImportActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const bookkeeping = proxyActivities<ImportActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One uploaded file: its rows were stored with the import, grouped into chunks (rows of the same
 * child in one chunk, in file order). The workflow takes the chunks a few at a time, so a file of
 * thousands of children never starts more than `concurrency` cases at once, and counts the
 * outcomes as chunks finish. Each chunk is one activity, so ten thousand rows stay far below the
 * history limits; should a history still grow long, the import continues as new and picks up
 * from the rows that have no outcome yet.
 */
export async function importWorkflow(input: ImportWorkflowInput): Promise<ImportProgress> {
  let status: ImportStatus = 'PENDING';
  let total = 0;
  const tally = emptyTally();
  setHandler(importProgressQuery, (): ImportProgress => ({ status, total, done: tallyTotal(tally), tally: { ...tally } }));

  const plan = await bookkeeping.beginImport({ batchId: input.batchId });
  total = plan.totalRows;
  addTallies(tally, plan.settled);
  status = 'RUNNING';

  const queue = [...plan.pendingChunks];
  const takeChunks = async () => {
    for (let chunk = queue.shift(); chunk !== undefined; chunk = queue.shift()) {
      addTallies(tally, await chunkWork.importChunk({ batchId: input.batchId, chunk }));
      if (workflowInfo().continueAsNewSuggested) break;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(input.concurrency, queue.length)) }, takeChunks));

  if (queue.length > 0) {
    await condition(allHandlersFinished);
    return continueAsNew<typeof importWorkflow>(input);
  }
  const final = await bookkeeping.finishImport({ batchId: input.batchId });
  status = 'DONE';
  return { status, total, done: tallyTotal(final), tally: final };
}
