/**
 * Discovery of 1,000 subscriptions (5 tenants × 200, one workspace with one compute, one cluster
 * and one identity each) at 100 ms per request: through Resource Graph (five queries per tenant,
 * its quota honoured, then computes per workspace through ARM) versus per-subscription ARM lists.
 * Figures only; asserts nothing. `npx tsx test/inventory/resource-graph.bench.ts [--latency=100]`
 */
import { performance } from 'node:perf_hooks';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { generateScenario } from '../emulator/scenario/generate';
import {
  signIn,
  silentCredential,
  type SignedInAccount,
} from '../subscriptions/emulator-directory';
import { TestClock, temporaryFolder } from '../subscriptions/service-fixture';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { TestScope, startInventory } from './inventory-fixture';

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

const tokens = new Map<string, Promise<AccessToken | null>>();

/**
 * One token per tenant for the whole run, as the app's token cache gives: msal's silent call for
 * a guest tenant goes to the token endpoint each time, which is not what is measured here.
 */
function cachedCredential(
  emu: RunningEmulator,
  admin: SignedInAccount,
  tenantId: string,
): TokenCredential {
  return {
    getToken: (scopes, options) => {
      let token = tokens.get(tenantId);
      if (!token) {
        token = silentCredential(emu, admin, tenantId).getToken(scopes, options);
        tokens.set(tenantId, token);
      }
      return token;
    },
  };
}

async function refresh(
  emu: RunningEmulator,
  admin: SignedInAccount,
  subscriptions: ScopedSubscription[],
  resourceGraphAbove: number,
) {
  const folder = temporaryFolder();
  let sent = 0;
  const started = startInventory({
    emu,
    // Counted as sent (every retry included), whatever the emulator's log keeps.
    policies: [{ name: 'countRequests', sendRequest: (request, next) => (sent++, next(request)) }],
    file: folder.file,
    scope: new TestScope(subscriptions),
    credentials: { credentialFor: (_account, tenantId) => cachedCredential(emu, admin, tenantId) },
    clock: new TestClock(),
    limits: { resourceGraphAbove },
  });
  emu.requestLog.clear();
  const t = performance.now();
  const snapshot = await started.service.refresh();
  const ms = performance.now() - t;
  const log = emu.requestLog.entries().filter((e) => e.kind === 'arm');
  started.database.close();
  folder.dispose();
  return {
    ms,
    requests: sent,
    graphQueries: log.filter((e) => e.method === 'POST').length,
    throttled: log.filter((e) => e.status === 429).length,
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
