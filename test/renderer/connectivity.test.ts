// Renderer logic, tested in plain Node (see scope-model.test.ts for why it lives here).
import { describe, expect, it } from 'vitest';
import type { ConnectivityState } from '../../shared/ipc/contract-connectivity';
import { azureGateFor } from '../../renderer/src/connectivity/use-azure-gate';
import { offlineDetailText } from '../../renderer/src/connectivity/offline-text';
import { createConnectivityStore } from '../../renderer/src/state/connectivity-store';
import { scriptedClient } from './fixtures';

const state = (overrides: Partial<ConnectivityState> = {}): ConnectivityState => ({
  status: 'offline',
  reason: 'no-network',
  code: 'ECONNREFUSED',
  message: 'Mooring cannot connect to Azure (ECONNREFUSED): check the network connection.',
  since: '2026-12-03T13:00:00.000Z',
  lastReachedAt: null,
  checking: false,
  nextRetryAt: null,
  ...overrides,
});

describe('actions that need Azure, while it cannot be reached', () => {
  it('wait, focusable, with the reason as tooltip and description', () => {
    const gate = azureGateFor(state());
    expect(gate.blocked).toBe(true);
    expect(gate.props).toMatchObject({
      disabledFocusable: true,
      title: 'Unavailable offline: no network connection to Azure (ECONNREFUSED).',
      'aria-description': 'Unavailable offline: no network connection to Azure (ECONNREFUSED).',
    });
    expect(azureGateFor(state({ reason: 'proxy-or-tls', code: 'PROXY_REFUSED' })).reason).toBe(
      'Unavailable offline: the proxy or a TLS certificate blocks the connection (PROXY_REFUSED).',
    );
  });

  it('are offered online, and before the main process has said anything', () => {
    expect(azureGateFor(state({ status: 'online', reason: null })).blocked).toBe(false);
    expect(azureGateFor(null).blocked).toBe(false);
  });

  it('a sign-in waits for the network, but is what ends "sign-in needed"', () => {
    expect(azureGateFor(state(), 'sign-in').blocked).toBe(true);
    const signIn = state({ reason: 'sign-in-needed', code: 'interaction_required' });
    expect(azureGateFor(signIn, 'sign-in').blocked).toBe(false);
    expect(azureGateFor(signIn).reason).toMatch(/^Unavailable until you sign in again/);
  });

  it('the banner says the reason and then what to do', () => {
    expect(offlineDetailText(state())).toBe(
      'No network connection to Azure. Mooring cannot connect to Azure (ECONNREFUSED): check the network connection.',
    );
  });
});

describe('the connectivity store', () => {
  it('Retry asks the main process to check now and shows what it found', async () => {
    const { client, calls } = scriptedClient({
      'connectivity.retry': async () => ({ ok: true, value: state({ status: 'online' }) }),
    });
    const store = createConnectivityStore(client);
    store.getState().receive(state());
    const retrying = store.getState().retry();
    expect(store.getState().retrying).toBe(true);
    await retrying;
    expect(calls.map((call) => call.name)).toEqual(['connectivity.retry']);
    expect(store.getState()).toMatchObject({ retrying: false, connectivity: { status: 'online' } });
  });
});
