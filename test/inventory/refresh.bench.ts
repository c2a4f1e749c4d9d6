/**
 * A full inventory refresh against the emulator at an injected latency: 5 tenants × 40
 * subscriptions × 5 workspaces × 10 computes, one cluster and one identity per workspace, 100 ms
 * per request, Azure's throttling limits on. Prints wall time, the request count, and ratios to
 * the critical path (the round trips one subscription needs one after another × latency) and to
 * a one-request-at-a-time walk (measured on a few subscriptions with every limit at 1, scaled to
 * all of them). Figures only; asserts nothing. `npx tsx test/inventory/refresh.bench.ts [--latency=100]`
 */
import os from 'node:os';
import type { InventoryServiceLimits } from '../../electron/inventory/create-inventory-service';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { generateScenario } from '../emulator/scenario/generate';
import { signIn, type SignedInAccount } from '../subscriptions/emulator-directory';
import { timedRefresh } from './refresh-bench-harness';

const latencyArg = process.argv.find((arg) => arg.startsWith('--latency='));
const LATENCY_MS = latencyArg ? Number(latencyArg.split('=')[1]) : 100;
const size = {
  tenants: 5,
  subscriptionsPerTenant: 40,
  workspacesPerSubscription: 5,
  computesPerWorkspace: 10,
  clustersPerSubscription: 5,
  identitiesPerSubscription: 5,
};
/**
 * One subscription's round trips that wait on each other: workspaces, then computes, then the
 * cluster lists, then the clusters' extensions (identities go alongside). Tokens are cached.
 */
const CRITICAL_ROUND_TRIPS = 4;
const WALK_SAMPLE = 4;

async function refreshOnce(
  emu: RunningEmulator,
  admin: SignedInAccount,
  subscriptions: ScopedSubscription[],
  limits: Partial<InventoryServiceLimits>,
) {
  const { ms, requests, arm, snapshot } = await timedRefresh(emu, admin, subscriptions, limits);
  return {
    ms,
    requests,
    throttled: arm.filter((e) => e.status === 429).length,
    problems: snapshot.problems.length,
    computes: snapshot.computes.length,
  };
}

async function main(): Promise<void> {
  const scenario = generateScenario(size);
  const emu = await startEmulator({ scenario, validate: false });
  try {
    const admin = await signIn(emu, 'admin@tenant0.example');
    const subscriptions: ScopedSubscription[] = scenario.subscriptions.map((s) => ({
      subscriptionId: s.id,
      subscriptionName: s.displayName,
      tenantId: s.tenantId,
      accountId: admin.account.homeAccountId,
    }));
    // Warm every tenant's token first: sign-in is not what is measured.
    await refreshOnce(
      emu,
      admin,
      subscriptions.filter((_s, i) => i % size.subscriptionsPerTenant === 0),
      {},
    );
    await emu.control.setLatency({ fixedMs: LATENCY_MS, jitterMs: 0 });
    await emu.control.setThrottling('azure');

    // Through ARM per subscription (the Resource Graph threshold out of reach), then as shipped:
    // 200 subscriptions are above it, so discovery goes through Resource Graph.
    const full = await refreshOnce(emu, admin, subscriptions, { resourceGraphAbove: 100_000 });
    const wide = await refreshOnce(emu, admin, subscriptions, {
      resourceGraphAbove: 100_000,
      subscriptions: 40,
      tenantSubscriptions: 8,
    });
    const shipped = await refreshOnce(emu, admin, subscriptions, {});
    const sample = subscriptions.slice(0, WALK_SAMPLE);
    const walked = await refreshOnce(emu, admin, sample, {
      subscriptions: 1,
      tenantSubscriptions: 1,
      workspaces: 1,
      clusters: 1,
    });
    // Discovery lists AKS, Arc and identities side by side even at limit 1: count the walk by requests.
    const walkMs = walked.requests * LATENCY_MS * (subscriptions.length / WALK_SAMPLE);
    const criticalMs = CRITICAL_ROUND_TRIPS * LATENCY_MS;
    const figures = {
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`,
      latencyMs: LATENCY_MS,
      subscriptions: subscriptions.length,
      computes: full.computes,
      defaultLimits: { ...full, vsCriticalPath: full.ms / criticalMs, vsWalk: walkMs / full.ms },
      wider: {
        ...wide,
        vsCriticalPath: wide.ms / criticalMs,
        vsWalk: walkMs / wide.ms,
      },
      shippedWithResourceGraph: { ...shipped, vsWalk: walkMs / shipped.ms },
      walkEstimateMs: walkMs,
      criticalPathMs: criticalMs,
    };
    const r = (n: number) => n.toFixed(0);
    console.log(
      `refresh of ${subscriptions.length} subscriptions, ${full.computes} computes at ${LATENCY_MS} ms per request`,
    );
    console.log(
      `  ARM, default limits (12 overall, 4 per tenant): ${r(full.ms)} ms, ${full.requests} requests, ${full.throttled} × 429, ${full.problems} problems; ${figures.defaultLimits.vsCriticalPath.toFixed(1)}× the critical path (${r(criticalMs)} ms), ${figures.defaultLimits.vsWalk.toFixed(1)}× faster than a one-at-a-time walk (~${r(walkMs)} ms)`,
    );
    console.log(
      `  ARM, 40 overall and 8 per tenant: ${r(wide.ms)} ms, ${wide.requests} requests, ${wide.throttled} × 429; ${figures.wider.vsCriticalPath.toFixed(1)}× the critical path, ${figures.wider.vsWalk.toFixed(1)}× faster than the walk`,
    );
    console.log(
      `  as shipped (Resource Graph above 50 subscriptions): ${r(shipped.ms)} ms, ${shipped.requests} requests, ${shipped.throttled} × 429; ${figures.shippedWithResourceGraph.vsWalk.toFixed(1)}× faster than the walk`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await emu.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
