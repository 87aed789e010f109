import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/promises', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'worker_threads', 'stream', 'util', 'events', 'url', 'process'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'generated/**', 'data/**', 'dist/**', '.temporal/**', 'test-artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code is replayed deterministically in a sandbox: no I/O, no Node built-ins.
    // Domain code is imported by workflows, so the same holds there.
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: nodeBuiltins, message: 'Workflow and domain code must not use Node built-ins; do I/O in an activity.' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'Read configuration in activities or at start-up, not in workflow code.' }],
    },
  },
);
