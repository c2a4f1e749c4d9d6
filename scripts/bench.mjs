#!/usr/bin/env node
// `npm run bench`: runs every benchmark the project ships and prints its figures.
// Benchmarks are files named `bench.ts` or `*.bench.ts` under test/; each prints its own numbers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const isBenchmark = (name) => name === 'bench.ts' || name.endsWith('.bench.ts');
const found = fs
  .readdirSync('test', { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && isBenchmark(entry.name))
  .map((entry) => path.join(entry.parentPath, entry.name))
  .sort();

let failed = 0;
for (const file of found) {
  console.log(`\n=== ${file}`);
  const { status } = spawnSync('npx', ['tsx', file], { stdio: 'inherit' });
  if (status !== 0) failed++;
}
if (found.length === 0) console.log('No benchmarks found under test/.');
process.exit(failed === 0 ? 0 : 1);
