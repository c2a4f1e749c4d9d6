/**
 * What the refresh benchmarks share: one cached token per tenant (as the app's token cache gives)
 * and one timed refresh of a fresh local record against the emulator. Figures only.
 */
import { performance } from 'node:perf_hooks';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { InventoryServiceLimits } from '../../electron/inventory/create-inventory-service';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import type { RunningEmulator } from '../emulator/emulator';
import { silentCredential, type SignedInAccount } from '../subscriptions/emulator-directory';
import { TestClock, temporaryFolder } from '../subscriptions/service-fixture';
import { TestScope, startInventory } from './inventory-fixture';

/** Every subscription of a generated scenario, read by its one admin. */
export function scenarioScope(
  scenario: {
    readonly subscriptions: ReadonlyArray<{ id: string; displayName: string; tenantId: string }>;
  },
  admin: SignedInAccount,
): ScopedSubscription[] {
  return scenario.subscriptions.map((s) => ({
    subscriptionId: s.id,
    subscriptionName: s.displayName,
    tenantId: s.tenantId,
    accountId: admin.account.homeAccountId,
  }));
}

const tokens = new Map<string, Promise<AccessToken | null>>();

/**
 * One token per tenant for the whole run: msal's silent call for a guest tenant goes to the
 * token endpoint each time, which is not what is measured here.
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

/** One refresh into a new database: its wall time, the requests sent and what ARM logged. */
export async function timedRefresh(
  emu: RunningEmulator,
  admin: SignedInAccount,
  subscriptions: ScopedSubscription[],
  limits: Partial<InventoryServiceLimits>,
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
    limits,
  });
  emu.requestLog.clear();
  const t = performance.now();
  const snapshot = await started.service.refresh();
  const ms = performance.now() - t;
  const arm = emu.requestLog.entries().filter((e) => e.kind === 'arm');
  started.database.close();
  folder.dispose();
  return { ms, requests: sent, arm, snapshot };
}
