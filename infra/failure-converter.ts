/**
 * Failure messages and stack traces are encoded like any payload (so the codec encrypts them): an
 * error can quote the data it failed on. Only the failure's type stays in clear text.
 *
 * The SDK loads this module by path, with a plain `require()`, in workers, clients and replayers,
 * and bundles it into the workflow sandbox. Under test runners no TypeScript loader is in place,
 * so this file must stay valid JavaScript: no type annotations here.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
