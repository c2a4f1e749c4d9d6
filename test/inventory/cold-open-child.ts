/**
 * The cold-open benchmark's child process: opens a record of 50,000 computes through the same
 * composition the app runs (database, settings, subscriptions, inventory), answers the first
 * inventory page through the dispatcher, and prints when, measured from its own process start.
 * Bundled into one file before it runs, as the app's main process is; never part of the app.
 */
import { performance } from 'node:perf_hooks';
import { composeServices } from '../../electron/app/composition';
import { memoryOnlyEncryptor } from '../browser-host/system-stand-ins';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const userDataDir = process.argv[2] ?? '';
const phases: Record<string, number> = { moduleLoaded: performance.now() };

const services = composeServices({
  userDataDir,
  appName: 'Mooring',
  appVersion: '0.0.0-bench',
  platform: process.platform,
  logger: quiet,
  encryptor: memoryOnlyEncryptor,
  openSignInPage: () => Promise.resolve({ opened: false }),
  policyFile: null,
  confirmSecurityChange: { confirm: () => Promise.resolve(false) },
});
phases.composed = performance.now();

const query = {
  filter: {},
  search: '',
  sort: { column: 'name', direction: 'asc' },
  offset: 0,
  limit: 100,
} as const;
const call = (name: string, input: unknown) =>
  services.dispatch(name, input, { transport: 'test' }) as Promise<{
    ok: boolean;
    value?: { total: number; rows: unknown[] };
  }>;

const first = await call('inventory.rows', query);
phases.firstPage = performance.now();
const rssAfterFirstPage = process.memoryUsage().rss;
// What the user does next: type in the search, change the sort, open the snapshot consumers.
await call('inventory.rows', { ...query, search: 'team-3' });
phases.firstSearch = performance.now();
for (const column of ['workspace', 'tenant', 'state', 'stateSince', 'lastSynced']) {
  await call('inventory.rows', { ...query, sort: { column, direction: 'asc' } });
}
const rssWithIndex = process.memoryUsage().rss;
const snapshotStarted = performance.now();
await call('inventory.get', {});
phases.snapshotMs = performance.now() - snapshotStarted;
const rssAfterSnapshot = process.memoryUsage().rss;

process.stdout.write(
  `${JSON.stringify({
    total: first.value?.total ?? -1,
    rows: first.value?.rows.length ?? -1,
    phases,
    rss: {
      afterFirstPage: rssAfterFirstPage,
      withIndex: rssWithIndex,
      afterSnapshot: rssAfterSnapshot,
    },
  })}\n`,
);
await services.close();
