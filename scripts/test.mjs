#!/usr/bin/env node
// `npm test`: every check the project has, in the order a failure is cheapest to find.
// Each step runs even when an earlier one failed, so one run shows every problem.
import { spawnSync } from 'node:child_process';

const steps = [
  ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ['format', 'npx', ['prettier', '--check', '.']],
  ['types: shared', 'npx', ['tsc', '-p', 'tsconfig.shared.json', '--noEmit']],
  ['types: main and preload', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']],
  ['types: renderer', 'npx', ['tsc', '-p', 'tsconfig.renderer.json', '--noEmit']],
  ['types: tests and tools', 'npx', ['tsc', '-p', 'tsconfig.test.json', '--noEmit']],
  ['build', 'npx', ['electron-vite', 'build']],
  ['electronegativity', 'node', ['scripts/electronegativity.mjs']],
  ['unit and integration tests', 'npx', ['vitest', 'run']],
  ['browser tests', 'npx', ['vitest', 'run', '--config', 'vitest.browser.config.ts']],
];

const results = [];
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  results.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
}

console.log('\n=== summary');
for (const { name, ok, seconds } of results) {
  console.log(`${ok ? 'pass' : 'FAIL'}  ${name} (${seconds.toFixed(1)} s)`);
}
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
