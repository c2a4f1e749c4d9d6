/**
 * A full inventory refresh against the emulator at an injected latency: 5 tenants × 40
 * subscriptions × 5 workspaces × 10 computes, one cluster and one identity per workspace, 100 ms
 * per request, Azure's throttling limits on. Prints wall time, the request count, the 429s the
 * emulator answered, and ratios to
 * - the critical path: the round trips that wait on each other, counted from the scenario (a
 *   subscription's workspace list, then its computes; beside it, the cluster lists, then their
 *   extensions; every page one round trip) × latency;
 * - a one-request-at-a-time walk, as a script looping over `az` would make: every request the
 *   refresh sends, one after another, each taking at least the latency (a lower bound);
 * - the floor of this machine: the same refresh at 0 ms latency, all CPU (Mooring's and the
 *   in-process emulator's, on one thread).
 * Figures only; asserts nothing. Writes the figures as JSON to `--json=FILE` (default
 * `reports/bench/refresh.json`). `npx tsx test/inventory/refresh.bench.ts [--latency=100]`
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InventoryServiceLimits } from '../../electron/inventory/create-inventory-service';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { generateScenario } from '../emulator/scenario/generate';
import { signIn, type SignedInAccount } from '../subscriptions/emulator-directory';
import { scenarioScope, timedRefresh } from './refresh-bench-harness';

const arg = (name: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? undefined;
const LATENCY_MS = Number(arg('latency') ?? 100);
const JSON_FILE = arg('json') ?? 'reports/bench/refresh.json';
const size = {
  tenants: 5,
  subscriptionsPerTenant: 40,
  workspacesPerSubscription: 5,
  computesPerWorkspace: 10,
  clustersPerSubscription: 5,
  identitiesPerSubscription: 5,
};

/** Round trips one subscription needs one after another, through ARM (pages of `pageSize`). */
function criticalRoundTrips(pageSize: number): number {
  const pages = (items: number) => Math.max(1, Math.ceil(items / pageSize));
  // The generator makes AKS and Arc clusters; each kind is one list (a page at most here).
  const workspacesThenComputes =
    pages(size.workspacesPerSubscription) + pages(size.computesPerWorkspace);
  const clustersThenExtensions = pages(size.clustersPerSubscription) + 1;
  const identities = pages(size.identitiesPerSubscription);
  return Math.max(workspacesThenComputes, clustersThenExtensions, identities);
}

const GRAPH_QUERIES_IN_A_ROW = 5;

async function refreshOnce(
  emu: RunningEmulator,
  admin: SignedInAccount,
  subscriptions: ScopedSubscription[],
  limits: Partial<InventoryServiceLimits>,
) {
  const cpu = process.cpuUsage();
  const { ms, requests, arm, snapshot } = await timedRefresh(emu, admin, subscriptions, limits);
  const used = process.cpuUsage(cpu);
  return {
    ms: Math.round(ms),
    requests,
    throttled: arm.filter((e) => e.status === 429).length,
    problems: snapshot.problems.length,
    computes: snapshot.computes.length,
    cpuMs: Math.round((used.user + used.system) / 1000),
  };
}

async function main(): Promise<void> {
  const scenario = generateScenario(size);
  const emu = await startEmulator({ scenario, validate: false });
  try {
    const admin = await signIn(emu, 'admin@tenant0.example');
    const subscriptions = scenarioScope(scenario, admin);
    // Warm every tenant's token first: sign-in is not what is measured.
    await refreshOnce(
      emu,
      admin,
      subscriptions.filter((_s, i) => i % size.subscriptionsPerTenant === 0),
      {},
    );
    await emu.control.setThrottling('azure');
    const throughArm = { resourceGraphAbove: 100_000 };
    // The machine's floor: no latency, so the wall time is the CPU both sides spend.
    const floor = await refreshOnce(emu, admin, subscriptions, throughArm);

    await emu.control.setLatency({ fixedMs: LATENCY_MS, jitterMs: 0 });
    const arm = await refreshOnce(emu, admin, subscriptions, throughArm);
    // The bounds this refresh shipped with before (12 overall, 4 per tenant, 5 at a time).
    const before = await refreshOnce(emu, admin, subscriptions, {
      ...throughArm,
      subscriptions: 12,
      tenantSubscriptions: 4,
      workspaces: 5,
      clusters: 5,
    });
    // As shipped: 200 subscriptions are above the Resource Graph threshold (50).
    const shipped = await refreshOnce(emu, admin, subscriptions, {});

    const roundTrips = criticalRoundTrips(emu.scenario.settings.pageSize);
    const criticalPathMs = roundTrips * LATENCY_MS;
    const walkMs = (requests: number) => requests * LATENCY_MS;
    // Through Resource Graph a tenant's five queries go one after another, then the computes.
    const graphCriticalPathMs = (GRAPH_QUERIES_IN_A_ROW + 1) * LATENCY_MS;
    const ratios = (run: typeof arm, critical = criticalPathMs) => ({
      ...run,
      criticalPathMs: critical,
      vsCriticalPath: Number((run.ms / critical).toFixed(2)),
      vsFloorPlusCriticalPath: Number((run.ms / (floor.ms + critical)).toFixed(2)),
      walkMs: walkMs(run.requests),
      fasterThanWalk: Number((walkMs(run.requests) / run.ms).toFixed(1)),
    });
    const figures = {
      benchmark: 'refresh',
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()}`,
      loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
      latencyMs: LATENCY_MS,
      subscriptions: subscriptions.length,
      computes: arm.computes,
      criticalPath: { roundTrips, ms: criticalPathMs },
      floorAt0ms: {
        ...floor,
        cpuMsPerRequest: Number((floor.cpuMs / floor.requests).toFixed(2)),
      },
      arm: ratios(arm),
      beforeLimits: ratios(before),
      shippedWithResourceGraph: ratios(shipped, graphCriticalPathMs),
    };
    const line = (name: string, run: ReturnType<typeof ratios>) =>
      console.log(
        `  ${name}: ${run.ms} ms (${run.cpuMs} ms CPU), ${run.requests} requests, ${run.throttled} × 429, ${run.problems} problems; ${run.vsCriticalPath}× the critical path (${run.criticalPathMs} ms), ${run.vsFloorPlusCriticalPath}× (floor + critical path), ${run.fasterThanWalk}× faster than the walk (${run.walkMs} ms)`,
      );
    console.log(
      `refresh of ${subscriptions.length} subscriptions, ${arm.computes} computes at ${LATENCY_MS} ms per request on ${figures.machine} (load ${figures.loadAverage.join(' ')})`,
    );
    console.log(
      `  critical path: ${roundTrips} dependent round trips × ${LATENCY_MS} ms = ${criticalPathMs} ms; walk: one request at a time × ${LATENCY_MS} ms`,
    );
    console.log(
      `  floor at 0 ms latency: ${floor.ms} ms for ${floor.requests} requests (${floor.cpuMs} ms CPU, ${figures.floorAt0ms.cpuMsPerRequest} ms per request, Mooring and emulator on one thread)`,
    );
    line('ARM per subscription, default limits', figures.arm);
    line('ARM, the former limits (12 / 4 per tenant / 5)', figures.beforeLimits);
    line('as shipped (Resource Graph above 50 subscriptions)', figures.shippedWithResourceGraph);
    fs.mkdirSync(path.dirname(JSON_FILE), { recursive: true });
    fs.writeFileSync(JSON_FILE, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`figures written to ${JSON_FILE}`);
    console.log(JSON.stringify(figures));
  } finally {
    await emu.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
