import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * `MOORING_MUTATION_TESTS=glob,glob` narrows the tests to the ones that cover a narrow
 * `MOORING_MUTATE` (a score measured so is a lower bound: other tests might kill more mutants).
 */
const narrowedTests = process.env['MOORING_MUTATION_TESTS']?.split(',').filter(Boolean);

/**
 * The Node suite as StrykerJS runs it: the same tests, minus the ones that take seconds without
 * covering a mutated module (the emulator's own suite, packaging, Electron, benchmarks). Built
 * from the base by hand, not mergeConfig, which would add the include lists together.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: narrowedTests?.length ? narrowedTests : (base.test?.include ?? []),
    exclude: [
      'test/browser/**',
      'test/emulator/**',
      'test/packaging/**',
      'test/electron/**',
      'node_modules/**',
    ],
  },
});
