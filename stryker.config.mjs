// @ts-check
/**
 * `npm run mutation`: StrykerJS over the modules where a silent bug costs most. Not part of
 * `npm test` (it runs the covering tests once per mutant). `MOORING_MUTATE=path,path` narrows it.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const modules = [
  // The boundary: the one ARM id parser, naming rules and IPC validation.
  'shared/azure/arm-id.ts',
  'shared/azure/names.ts',
  'electron/ipc/dispatcher.ts',
  'electron/ipc/handlers.ts',
  // Tokens: the cache at rest and the secret store.
  'electron/auth/token-cache-plugin.ts',
  'electron/auth/secret-store.ts',
  // What the admin sees: subscription filters, inventory reconciliation and drift.
  'electron/subscriptions/subscriptions-store.ts',
  'electron/inventory/inventory-store.ts',
];

export default {
  testRunner: 'vitest',
  // Forks, as `npm test` runs them: some tests set the process umask, which workers may not.
  vitest: { configFile: 'vitest.mutation.config.ts', pool: 'forks' },
  coverageAnalysis: 'perTest',
  mutate: process.env.MOORING_MUTATE ? process.env.MOORING_MUTATE.split(',') : modules,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['out', 'dist', 'coverage', 'reports', '.demo-data', 'test-results'],
  cleanTempDir: true,
};
