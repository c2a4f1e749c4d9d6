import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The Node suite as StrykerJS runs it: the same tests, minus the ones that take seconds without
 * covering a mutated module (the emulator's own suite, packaging, Electron, benchmarks).
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'test/browser/**',
        'test/emulator/**',
        'test/packaging/**',
        'test/electron/**',
        'node_modules/**',
      ],
    },
  }),
);
