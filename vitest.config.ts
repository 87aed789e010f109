import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 90_000,
    setupFiles: ['tests/support/runtime.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // One project at a time: two cores cannot run a Temporal test server, a dev server with
          // hundreds of imported cases and a browser side by side without starving each other.
          sequence: { groupOrder: 0 },
          globalSetup: ['tests/support/unit-global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          sequence: { groupOrder: 1 },
          globalSetup: ['tests/support/integration-global-setup.ts'],
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          sequence: { groupOrder: 2 },
          globalSetup: ['tests/support/integration-global-setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
