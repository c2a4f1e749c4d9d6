#!/usr/bin/env node
// `npm test`: every check the project has, in the order a failure is cheapest to find.
// Each step runs even when an earlier one failed, so one run shows every problem.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

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

// Test groups that cannot run here (no Chromium, no Electron binary, no ../shared examples) say
// so through test/support/skip-report.ts; the summary names each with its reason.
const reportDir = mkdtempSync(path.join(tmpdir(), 'mooring-skips-'));

/** The skipped groups one step reported, each once (every test file that loads a guard reports it). */
function skippedGroupsOf(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return []; // nothing skipped: the file is only written when a group skips
  }
  const groups = new Map();
  for (const line of text.split('\n').filter(Boolean)) {
    const { group, reason } = JSON.parse(line);
    groups.set(group, reason);
  }
  return [...groups].map(([group, reason]) => ({ group, reason }));
}

const results = [];
for (const [index, [name, command, args]] of steps.entries()) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const skipFile = path.join(reportDir, `step-${index}.jsonl`);
  const { status } = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, MOORING_SKIP_REPORT: skipFile },
  });
  results.push({
    name,
    ok: status === 0,
    seconds: (Date.now() - started) / 1000,
    skipped: skippedGroupsOf(skipFile),
  });
}
rmSync(reportDir, { recursive: true, force: true });

console.log('\n=== summary');
for (const { name, ok, seconds, skipped } of results) {
  const note = skipped.length > 0 ? `, ${skipped.length} group(s) skipped` : '';
  console.log(`${ok ? 'pass' : 'FAIL'}  ${name} (${seconds.toFixed(1)} s${note})`);
  for (const { group, reason } of skipped) console.log(`        skipped: ${group} — ${reason}`);
}
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
