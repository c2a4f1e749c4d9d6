/**
 * The local record of workspaces and computes at scale: snapshot() over 2,000 workspaces and
 * 20,000 computes in 20 subscriptions, on a real database file in a temporary folder. The record
 * is written by the same code a refresh uses (one transaction per subscription). Then the write
 * of one refresh of 50,000 computes (50 subscriptions): first time (the median of three new
 * databases), unchanged, and with a tenth of them changed, against the target of 1 s, the
 * listings built before the clock starts. Prints figures; asserts nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInventoryService } from '../../electron/inventory/create-inventory-service';
import type { ComputeRecord, WorkspaceRecord } from '../../electron/inventory/inventory-records';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import { createInventoryStore } from '../../electron/inventory/inventory-store';
import type { SubscriptionListing } from '../../electron/inventory/inventory-store';
import { openDatabase } from '../../electron/store/database';

const SUBSCRIPTIONS = 20;
const WORKSPACES_PER_SUBSCRIPTION = 100;
const COMPUTES_PER_WORKSPACE = 10;
const STATES = ['Succeeded', 'Succeeded', 'Succeeded', 'Creating', 'Failed'];

const guid = (kind: number, n: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const subscriptionsOf = (count: number): ScopedSubscription[] =>
  Array.from({ length: count }, (_, s) => ({
    subscriptionId: guid(2, s),
    subscriptionName: `Subscription ${String(s).padStart(2, '0')}`,
    tenantId: guid(1, s % 4),
    accountId: 'account-a',
  }));
const subscriptions = subscriptionsOf(SUBSCRIPTIONS);

/**
 * A subscription's listing; `round` moves computes to another state so history grows: every
 * compute, or with `changeEvery` 10 one in ten.
 */
function listingOf(
  subscription: ScopedSubscription,
  round: number,
  changeEvery = 1,
): SubscriptionListing {
  const workspaces: WorkspaceRecord[] = [];
  const computeListings = [];
  for (let w = 0; w < WORKSPACES_PER_SUBSCRIPTION; w++) {
    const rg = `rg-${w % 7}`;
    const workspace: WorkspaceRecord = {
      id: `/subscriptions/${subscription.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/mlw-${w}`,
      name: `mlw-${w}`,
      friendlyName: `Workspace ${w}`,
      resourceGroup: rg,
      location: 'westeurope',
      storageAccount: `/subscriptions/${subscription.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/st${w}`,
      containerRegistry: null,
      keyVault: `/subscriptions/${subscription.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.KeyVault/vaults/kv${w}`,
    };
    workspaces.push(workspace);
    const computes: ComputeRecord[] = Array.from({ length: COMPUTES_PER_WORKSPACE }, (_, c) => {
      const moved = c % changeEvery === 0 ? round : 0;
      const state = STATES[(c + w + moved) % STATES.length] ?? 'Succeeded';
      return {
        id: `${workspace.id}/computes/k8s-${c}`,
        name: `k8s-${c}`,
        computeType: 'Kubernetes',
        provisioningState: state,
        provisioningErrors:
          state === 'Failed' ? [{ code: 'BadRequest', message: 'The extension is missing.' }] : [],
        clusterId: `/subscriptions/${subscription.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/aks-${c}`,
        namespace: 'default',
        identityType: 'SystemAssigned',
        userAssignedIdentityId: null,
        principalId: guid(3, w * 100 + c),
        description: null,
      };
    });
    computeListings.push({ workspace, computes });
  }
  return { subscription, workspaces, computeListings };
}

function measure(label: string, runs: number, body: () => unknown): number {
  const warmUps = runs > 1 ? Math.min(runs, 3) : 0;
  for (let i = 0; i < warmUps; i++) body();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    body();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
  console.log(
    `${label.padEnd(64)} median ${median.toFixed(2).padStart(8)} ms   p95 ${p95.toFixed(2).padStart(8)} ms  (${runs} runs)`,
  );
  return median;
}

/**
 * One refresh's write of 50,000 computes: the first in each of `FIRST_RUNS` new databases (one
 * run each is all a first write has), then unchanged and a tenth changed in the last of them. The
 * listings are built before the clock starts: the figure is the store's write alone.
 */
const FIRST_RUNS = 3;
function benchLargeWrite(dir: string): void {
  const large = subscriptionsOf(50);
  const listingsOf = (round: number, changeEvery = 1) =>
    large.map((subscription) => listingOf(subscription, round, changeEvery));
  let minute = 0;
  const writerFor = (file: string) => {
    const database = openDatabase({ path: path.join(dir, file) });
    const store = createInventoryStore(database);
    const writeAll = (listings: readonly SubscriptionListing[]) => {
      const when = new Date(Date.UTC(2026, 1, 1, 0, minute++)).toISOString();
      const refreshId = store.beginRefresh(large.length, when);
      for (const listing of listings) store.recordSubscription(refreshId, listing, when);
      store.finishRefresh(refreshId, when);
    };
    return { database, writeAll };
  };
  const target = 1000;
  const report = (label: string, ms: number) =>
    console.log(`  ${label}: ${(ms / target).toFixed(2)}× the 1 s target`);
  const first = listingsOf(0);
  const firstTimes: number[] = [];
  let last: ReturnType<typeof writerFor> | undefined;
  for (let run = 0; run < FIRST_RUNS; run++) {
    last?.database.close();
    last = writerFor(`large-${run}.sqlite3`);
    const started = performance.now();
    last.writeAll(first);
    firstTimes.push(performance.now() - started);
  }
  firstTimes.sort((a, b) => a - b);
  const firstMedian = firstTimes[Math.floor(firstTimes.length / 2)] ?? 0;
  console.log(
    `${'refresh write of 50,000 computes, first time'.padEnd(64)} median ${firstMedian.toFixed(2).padStart(8)} ms   (${FIRST_RUNS} new databases: ${firstTimes.map((ms) => ms.toFixed(0)).join(', ')} ms)`,
  );
  report('first', firstMedian);
  if (!last) return;
  const { database, writeAll } = last;
  report(
    'unchanged',
    measure('refresh write of 50,000 computes, unchanged', 3, () => writeAll(first)),
  );
  const tenths = Array.from({ length: 6 }, (_, round) => listingsOf(round + 1, 10));
  let round = 0;
  report(
    'a tenth changed',
    measure('refresh write of 50,000 computes, a tenth change state', 3, () =>
      writeAll(tenths[round++] ?? first),
    ),
  );
  database.close();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-inventory-bench-'));
try {
  const file = path.join(dir, 'mooring.sqlite3');
  const database = openDatabase({ path: file });
  const store = createInventoryStore(database);
  let minute = 0;
  const at = () => new Date(Date.UTC(2026, 0, 1, 0, minute++)).toISOString();

  const writeAll = (round: number) => {
    const when = at();
    const refreshId = store.beginRefresh(subscriptions.length, when);
    for (const subscription of subscriptions) {
      store.recordSubscription(refreshId, listingOf(subscription, round), when);
    }
    store.finishRefresh(refreshId, when);
  };
  measure('refresh write, first time (2,000 workspaces, 20,000 computes)', 1, () => writeAll(0));
  measure('refresh write, unchanged', 3, () => writeAll(0));
  measure('refresh write, every compute changes state (history grows)', 3, () =>
    writeAll(++minute),
  );

  let selected: readonly ScopedSubscription[] = subscriptions;
  const service = createInventoryService({
    database,
    events: { emit: () => {} },
    scope: { selectedSubscriptions: () => selected },
    credentialFor: () => {
      throw new Error('the benchmark makes no Azure call');
    },
    runtime: () => Promise.reject(new Error('the benchmark makes no Azure call')),
  });
  const snapshot = service.snapshot();
  console.log(
    `snapshot holds ${snapshot.workspaces.length} workspaces and ${snapshot.computes.length} computes`,
  );
  measure('snapshot(), all 20 subscriptions selected', 20, () => service.snapshot());
  measure('snapshot() + JSON.stringify (what IPC sends)', 20, () =>
    JSON.stringify(service.snapshot()),
  );
  selected = subscriptions.slice(0, 2);
  measure('snapshot(), 2 of 20 subscriptions selected', 50, () => service.snapshot());
  database.close();
  const bytes = fs
    .readdirSync(dir)
    .reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
  console.log(`database files: ${(bytes / 1024 / 1024).toFixed(1)} MiB`);
  benchLargeWrite(dir);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
