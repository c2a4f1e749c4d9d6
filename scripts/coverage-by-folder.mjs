#!/usr/bin/env node
// After `vitest run --coverage`: line and branch coverage per product folder, as the README shows.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const summary = JSON.parse(
  readFileSync(path.join(root, 'coverage', 'coverage-summary.json'), 'utf8'),
);

/** electron/<area>, renderer/src/<area> and shared/<area>: the folders the design names. */
function folderOf(file) {
  const parts = path.relative(root, file).split(path.sep);
  if (parts[0] === 'renderer')
    return parts
      .slice(0, 3)
      .join('/')
      .replace(/\.[^/]+$/, '');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : parts[0];
}

const folders = new Map();
for (const [file, figures] of Object.entries(summary)) {
  if (file === 'total') continue;
  const key = folderOf(file);
  const sums = folders.get(key) ?? { lines: [0, 0], branches: [0, 0] };
  sums.lines[0] += figures.lines.covered;
  sums.lines[1] += figures.lines.total;
  sums.branches[0] += figures.branches.covered;
  sums.branches[1] += figures.branches.total;
  folders.set(key, sums);
}

const percent = ([covered, total]) =>
  total === 0 ? '  n/a' : `${((100 * covered) / total).toFixed(1).padStart(5)}%`;
console.log('\nfolder                              lines   branches');
for (const [folder, sums] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`${folder.padEnd(34)} ${percent(sums.lines)}  ${percent(sums.branches)}`);
}
const { total } = summary;
console.log(
  `${'all product code'.padEnd(34)} ${percent([total.lines.covered, total.lines.total])}  ${percent([total.branches.covered, total.branches.total])}`,
);
