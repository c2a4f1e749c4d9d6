/**
 * Discovery of 1,000 subscriptions (5 tenants × 200, one workspace with one compute, one cluster
 * and one identity each) at 100 ms per request: through Resource Graph (five queries per tenant,
 * its quota honoured, then computes per workspace through ARM) versus per-subscription ARM lists.
 * Each against the critical path (the round trips that wait on each other: a query or a workspace
 * list, then the computes of each workspace; the pages here are one each) × latency, and a
 * one-request-at-a-time walk (every request it sends × latency, a lower bound). Figures only;
 * asserts nothing; JSON to `--json=FILE` (default `reports/bench/resource-graph.json`).
 * `npx tsx test/inventory/resource-graph.bench.ts [--latency=100]`
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { generateScenario } from '../emulator/scenario/generate';
import { signIn, type SignedInAccount } from '../subscriptions/emulator-directory';
import { scenarioScope, timedRefresh } from './refresh-bench-harness';

const latencyArg = process.argv.find((arg) => arg.startsWith('--latency='));
const LATENCY_MS = latencyArg ? Number(latencyArg.split('=')[1]) : 100;
const JSON_FILE =
  process.argv.find((a) => a.startsWith('--json='))?.split('=')[1] ??
  'reports/bench/resource-graph.json';
/**
 * Round trips that wait on each other. Resource Graph: a tenant's five queries go one after
 * another (its quota is small), then the computes of each workspace. ARM per subscription: the
 * lists side by side, then the computes (and the extensions).
 */
const CRITICAL_ROUND_TRIPS = { graph: 6, arm: 2 } as const;
const size = {
  tenants: 5,
  subscriptionsPerTenant: 200,
  workspacesPerSubscription: 1,
  computesPerWorkspace: 1,
  clustersPerSubscription: 1,
  identitiesPerSubscription: 1,
};

async function refresh(
  emu: RunningEmulator,
  admin: SignedInAccount,
  subscriptions: ScopedSubscription[],
  resourceGraphAbove: number,
  roundTrips: number,
) {
  const { ms, requests, arm, snapshot } = await timedRefresh(emu, admin, subscriptions, {
    resourceGraphAbove,
  });
  const walkMs = requests * LATENCY_MS;
  return {
    ms: Math.round(ms),
    requests,
    vsCriticalPath: Number((ms / (roundTrips * LATENCY_MS)).toFixed(2)),
    walkMs,
    fasterThanWalk: Number((walkMs / ms).toFixed(1)),
    graphQueries: arm.filter((e) => e.method === 'POST').length,
    throttled: arm.filter((e) => e.status === 429).length,
    workspaces: snapshot.workspaces.length,
    problems: snapshot.problems.length,
  };
}

async function main(): Promise<void> {
  const scenario = generateScenario(size);
  const emu = await startEmulator({ scenario, validate: false, settings: { pageSize: 1000 } });
  try {
    const admin = await signIn(emu, 'admin@tenant0.example');
    const subscriptions = scenarioScope(scenario, admin);
    // Warm every tenant's token: sign-in is not what is measured.
    await refresh(
      emu,
      admin,
      subscriptions.filter((_s, i) => i % size.subscriptionsPerTenant === 0),
      1_000_000,
      CRITICAL_ROUND_TRIPS.arm,
    );
    await emu.control.setLatency({ fixedMs: LATENCY_MS, jitterMs: 0 });
    await emu.control.setThrottling('azure');
    const graph = await refresh(emu, admin, subscriptions, 50, CRITICAL_ROUND_TRIPS.graph);
    const arm = await refresh(emu, admin, subscriptions, 1_000_000, CRITICAL_ROUND_TRIPS.arm);
    const critical = {
      graph: CRITICAL_ROUND_TRIPS.graph * LATENCY_MS,
      arm: CRITICAL_ROUND_TRIPS.arm * LATENCY_MS,
    };
    console.log(
      `discovery of ${subscriptions.length} subscriptions at ${LATENCY_MS} ms per request on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} (load ${os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(
          ' ',
        )}); critical path ${CRITICAL_ROUND_TRIPS.graph} round trips (${critical.graph} ms) through Resource Graph, ${CRITICAL_ROUND_TRIPS.arm} (${critical.arm} ms) through ARM`,
    );
    console.log(
      `  Resource Graph: ${graph.ms} ms, ${graph.requests} requests (${graph.graphQueries} queries), ${graph.throttled} × 429, ${graph.workspaces} workspaces, ${graph.problems} problems; ${graph.vsCriticalPath}× the critical path, ${graph.fasterThanWalk}× faster than a one-at-a-time walk (${graph.walkMs} ms)`,
    );
    console.log(
      `  ARM per subscription: ${arm.ms} ms, ${arm.requests} requests, ${arm.throttled} × 429, ${arm.workspaces} workspaces, ${arm.problems} problems; ${arm.vsCriticalPath}× the critical path, ${arm.fasterThanWalk}× faster than its walk (${arm.walkMs} ms)`,
    );
    console.log(
      `  Resource Graph is ${(arm.ms / graph.ms).toFixed(1)}× faster with ${(arm.requests / graph.requests).toFixed(1)}× fewer requests`,
    );
    const figures = {
      benchmark: 'resource-graph',
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()}`,
      loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
      latencyMs: LATENCY_MS,
      subscriptions: subscriptions.length,
      criticalPath: { roundTrips: CRITICAL_ROUND_TRIPS, ms: critical },
      graph,
      arm,
    };
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
