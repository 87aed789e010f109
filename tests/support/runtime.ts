import { DefaultLogger, Runtime } from '@temporalio/worker';

// Quiet the SDK's own logs in tests; installing twice throws, which is fine when a fork is reused.
try {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
} catch {
  // already installed in this process
}
