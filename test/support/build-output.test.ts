import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureAppBuilt } from './build-output';

/** A project folder with one source and the three built files, each at a chosen time (seconds). */
function project(times: { source: number; built: number }) {
  const root = mkdtempSync(path.join(tmpdir(), 'mooring-build-'));
  const write = (file: string, at: number) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), 'x');
    utimesSync(path.join(root, file), at, at);
  };
  write('renderer/src/app.tsx', times.source);
  for (const built of ['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html'])
    write(built, times.built);
  return { root, write };
}

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('tests that load out/ rebuild it when it is stale', () => {
  const builds: string[] = [];
  const build = (root: string) => builds.push(root);

  it('does not rebuild a build newer than every source', () => {
    const { root } = project({ source: 1_000, built: 2_000 });
    roots.push(root);
    builds.length = 0;
    expect(ensureAppBuilt(root, build)).toBe(false);
    expect(builds).toEqual([]);
  });

  it('rebuilds when a source is newer than the build', () => {
    const { root } = project({ source: 3_000, built: 2_000 });
    roots.push(root);
    builds.length = 0;
    expect(ensureAppBuilt(root, build)).toBe(true);
    expect(builds).toEqual([root]);
  });

  it('rebuilds when a main-process source alone changed', () => {
    const { root, write } = project({ source: 1_000, built: 2_000 });
    roots.push(root);
    write('electron/main.ts', 3_000);
    expect(ensureAppBuilt(root, build)).toBe(true);
  });

  it('rebuilds when one built file is missing', () => {
    const { root } = project({ source: 1_000, built: 2_000 });
    roots.push(root);
    rmSync(path.join(root, 'out/preload/preload.cjs'));
    expect(ensureAppBuilt(root, build)).toBe(true);
  });
});
