/**
 * The inventory table's main-process side with 50,000 computes (5 tenants, 50 subscriptions,
 * 1,000 workspaces), on a real database file:
 * - cold open: a fresh process opens the record through the app's composition and answers the
 *   first page (`inventory.rows`), measured from that process's start (target under 200 ms);
 * - main-process RSS with the 50,000 computes loaded (target under 250 MB);
 * - the queries a user makes next, in process: a keystroke in the search, a sort, a filter, the
 *   position a palette jump asks for.
 * Prints figures and ratios, writes them as JSON; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { createInventoryRows } from '../../electron/inventory/inventory-rows';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/store/database';
import type { RowsQuery } from '../../shared/domain/inventory-rows';
import { median, writeBenchJson } from './bench-output';
import { FIFTY_THOUSAND, seedRows } from './rows-fixture';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const COLD_RUNS = 5;
const MB = 1024 * 1024;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-table-bench-'));
try {
  const database = openDatabase({ path: path.join(dir, DATABASE_FILE_NAME) });
  const seeded = performance.now();
  const scope = seedRows(database, FIFTY_THOUSAND);
  console.log(`record of 50,000 computes written in ${(performance.now() - seeded).toFixed(0)} ms`);

  // In process: the queries behind the table, on a warm index.
  const rows = createInventoryRows({ database, scope: { selectedSubscriptions: () => scope } });
  const query = (patch: Partial<RowsQuery> = {}): RowsQuery => ({
    filter: {},
    search: '',
    sort: { column: 'name', direction: 'asc' },
    offset: 0,
    limit: 100,
    ...patch,
  });
  const time = (body: () => unknown) => {
    const started = performance.now();
    body();
    return performance.now() - started;
  };
  const loadMs = time(() => rows.page(query()));
  const searchBuildMs = time(() => rows.page(query({ search: 'k' })));
  const keystrokes = ['t', 'te', 'tea', 'team', 'team-', 'team-3', 'team-3 w', 'team-3 we'].map(
    (search) => time(() => rows.page(query({ search }))),
  );
  const firstSortMs = time(() =>
    rows.page(query({ sort: { column: 'tenant', direction: 'asc' } })),
  );
  const sortAgainMs = median(
    [0, 1, 2].map(() =>
      time(() => rows.page(query({ sort: { column: 'tenant', direction: 'desc' } }))),
    ),
  );
  const filterMs = median(
    [0, 1, 2].map(() =>
      time(() => rows.page(query({ filter: { states: ['Failed'], clusterKinds: ['arc'] } }))),
    ),
  );
  const far = rows.page(query({ offset: 44_900, limit: 1 })).rows[0];
  const positionMs = median(
    [0, 1, 2].map(() => time(() => rows.position({ ...query(), computeId: far?.id ?? '' }))),
  );
  const pageBytes = JSON.stringify(rows.page(query())).length;
  database.close();

  // Cold open in a child process, bundled like the app's main process (dependencies external).
  const child = path.join(REPO, 'node_modules', '.mooring-bench', 'cold-open-child.mjs');
  await build({
    entryPoints: [path.join(import.meta.dirname, 'cold-open-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    outfile: child,
    logLevel: 'silent',
  });
  const runs = Array.from({ length: COLD_RUNS }, () => {
    const started = performance.now();
    const result = spawnSync(process.execPath, [child, dir], { encoding: 'utf8', cwd: REPO });
    const wallMs = performance.now() - started;
    const line = result.stdout.trim().split('\n').at(-1) ?? '';
    if (result.status !== 0 || !line.startsWith('{')) {
      throw new Error(`The cold-open child failed: ${result.stderr || result.stdout}`);
    }
    const report = JSON.parse(line) as {
      total: number;
      phases: Record<string, number>;
      rss: Record<string, number>;
    };
    return { wallMs, ...report };
  });
  const firstPage = median(runs.map((run) => run.phases.firstPage ?? 0));
  const figures = {
    computes: 50_000,
    shownByDefault: runs[0]?.total,
    coldOpen: {
      targetMs: 200,
      firstPageSinceProcessStartMs: firstPage,
      ratioToTarget: firstPage / 200,
      moduleLoadedMs: median(runs.map((run) => run.phases.moduleLoaded ?? 0)),
      composedMs: median(runs.map((run) => run.phases.composed ?? 0)),
      firstSearchSinceProcessStartMs: median(runs.map((run) => run.phases.firstSearch ?? 0)),
      spawnToExitMs: median(runs.map((run) => run.wallMs)),
      snapshotForOtherConsumersMs: median(runs.map((run) => run.phases.snapshotMs ?? 0)),
      runs: COLD_RUNS,
    },
    memory: {
      targetMB: 250,
      rssAfterFirstPageMB: median(runs.map((run) => run.rss.afterFirstPage ?? 0)) / MB,
      rssWithIndexSearchAndSortsMB: median(runs.map((run) => run.rss.withIndex ?? 0)) / MB,
      rssAfterWholeSnapshotMB: median(runs.map((run) => run.rss.afterSnapshot ?? 0)) / MB,
    },
    queriesInProcess: {
      loadIndexAndFirstPageMs: loadMs,
      firstSearchBuildsTextsMs: searchBuildMs,
      keystrokeMedianMs: median(keystrokes),
      keystrokeMaxMs: Math.max(...keystrokes),
      firstSortByTenantMs: firstSortMs,
      sortAgainMs,
      filterTwoFacetsMs: filterMs,
      positionForJumpMs: positionMs,
      firstPageJsonBytes: pageBytes,
    },
  };
  const f = (n: number) => n.toFixed(1).padStart(8);
  console.log(
    `cold open, process start → first page answered   ${f(firstPage)} ms  (${(firstPage / 200).toFixed(2)}× the 200 ms target; median of ${COLD_RUNS})`,
  );
  console.log(
    `  of which: modules loaded ${f(figures.coldOpen.moduleLoadedMs)} ms, services composed ${f(figures.coldOpen.composedMs)} ms`,
  );
  console.log(
    `  first search answered since process start      ${f(figures.coldOpen.firstSearchSinceProcessStartMs)} ms`,
  );
  console.log(
    `  inventory.get (whole snapshot, other consumers) ${f(figures.coldOpen.snapshotForOtherConsumersMs)} ms`,
  );
  console.log(
    `main RSS after the first page                     ${f(figures.memory.rssAfterFirstPageMB)} MB  (target 250 MB)`,
  );
  console.log(
    `main RSS with search texts and 6 sorts built      ${f(figures.memory.rssWithIndexSearchAndSortsMB)} MB`,
  );
  console.log(
    `main RSS after also building the whole snapshot   ${f(figures.memory.rssAfterWholeSnapshotMB)} MB`,
  );
  console.log(`in process: load index + first page              ${f(loadMs)} ms`);
  console.log(`in process: first search (builds search texts)   ${f(searchBuildMs)} ms`);
  console.log(
    `in process: keystroke, median / max of 8          ${f(median(keystrokes))} / ${Math.max(...keystrokes).toFixed(1)} ms`,
  );
  console.log(
    `in process: first sort by tenant / again          ${f(firstSortMs)} / ${sortAgainMs.toFixed(1)} ms`,
  );
  console.log(`in process: two filters                            ${f(filterMs)} ms`);
  console.log(`in process: position of row 44,900 (a jump)       ${f(positionMs)} ms`);
  console.log(
    `one page of 100 rows with counts, as JSON          ${(pageBytes / 1024).toFixed(0).padStart(8)} KiB`,
  );
  writeBenchJson('inventory-table', figures);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
