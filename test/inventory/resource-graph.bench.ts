/**
 * Discovery of 1,000 subscriptions (5 tenants × 200, one workspace with one compute, one cluster
 * and one identity each) at 100 ms per request: through Resource Graph (five queries per tenant,
 * its quota honoured, then computes per workspace through ARM) versus per-subscription ARM lists.
 * Figures only; asserts nothing. `npx tsx test/inventory/resource-graph.bench.ts [--latency=100]`
 */
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { generateScenario } from '../emulator/scenario/generate';
import { signIn, type SignedInAccount } from '../subscriptions/emulator-directory';
import { timedRefresh } from './refresh-bench-harness';

const latencyArg = process.argv.find((arg) => arg.startsWith('--latency='));
const LATENCY_MS = latencyArg ? Number(latencyArg.split('=')[1]) : 100;
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
) {
  const { ms, requests, arm, snapshot } = await timedRefresh(emu, admin, subscriptions, {
    resourceGraphAbove,
  });
  return {
    ms,
    requests,
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
    const subscriptions: ScopedSubscription[] = scenario.subscriptions.map((s) => ({
      subscriptionId: s.id,
      subscriptionName: s.displayName,
      tenantId: s.tenantId,
      accountId: admin.account.homeAccountId,
    }));
    // Warm every tenant's token: sign-in is not what is measured.
    await refresh(
      emu,
      admin,
      subscriptions.filter((_s, i) => i % size.subscriptionsPerTenant === 0),
      1_000_000,
    );
    await emu.control.setLatency({ fixedMs: LATENCY_MS, jitterMs: 0 });
    await emu.control.setThrottling('azure');
    const graph = await refresh(emu, admin, subscriptions, 50);
    const arm = await refresh(emu, admin, subscriptions, 1_000_000);
    const r = (n: number) => n.toFixed(0);
    console.log(
      `discovery of ${subscriptions.length} subscriptions at ${LATENCY_MS} ms per request`,
    );
    console.log(
      `  Resource Graph: ${r(graph.ms)} ms, ${graph.requests} requests (${graph.graphQueries} queries), ${graph.throttled} × 429, ${graph.workspaces} workspaces, ${graph.problems} problems`,
    );
    console.log(
      `  ARM per subscription: ${r(arm.ms)} ms, ${arm.requests} requests, ${arm.throttled} × 429, ${arm.workspaces} workspaces, ${arm.problems} problems`,
    );
    console.log(
      `  Resource Graph is ${(arm.ms / graph.ms).toFixed(1)}× faster with ${(arm.requests / graph.requests).toFixed(1)}× fewer requests`,
    );
    console.log(
      JSON.stringify({ latencyMs: LATENCY_MS, subscriptions: subscriptions.length, graph, arm }),
    );
  } finally {
    await emu.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
