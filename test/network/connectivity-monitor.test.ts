import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { InteractionRequiredAuthError } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeConnectivity } from '../../electron/app/compose-connectivity';
import { createConnectionRuntime } from '../../electron/connection/build-runtime';
import { DEFAULT_CLIENT_ID, type ConnectionRuntime } from '../../electron/connection/runtime';
import { createEventHub } from '../../electron/ipc/handlers';
import {
  createConnectivityMonitor,
  retryDelayMs,
  type ConnectivityTimer,
} from '../../electron/network/connectivity-monitor';
import { NetworkProblem } from '../../electron/network/network-errors';
import type { OfflineFinding } from '../../electron/network/offline-reason';
import { offlineFindingOf } from '../../electron/network/offline-reason';
import { createNetworkTransport } from '../../electron/network/transport';
import type { ProxySetting } from '../../shared/domain/connection';
import type { ConnectivityState } from '../../shared/ipc/contract-connectivity';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath } from '../emulator/testing';
import { silentLogger } from '../support/compose';

/** A timer the test fires by hand: what was scheduled, and for how long. */
function manualTimer() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  const timer: ConnectivityTimer = {
    set(callback, ms) {
      next += 1;
      pending.set(next, { callback, ms });
      return next;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  return {
    timer,
    scheduled: () => [...pending.values()].map((entry) => entry.ms),
    /** Fires every pending timer once. */
    fire() {
      const due = [...pending.entries()];
      pending.clear();
      for (const [, entry] of due) entry.callback();
    },
  };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
  code: 'ECONNREFUSED',
});
const noNetwork: OfflineFinding = { reason: 'no-network', code: 'ECONNREFUSED', message: 'down' };

describe('reading a failure as a connectivity finding', () => {
  it('tells no network, the proxy or TLS, and sign-in needed apart, and ignores answers', () => {
    expect(offlineFindingOf(refused)?.reason).toBe('no-network');
    expect(offlineFindingOf({ code: 'ENOTFOUND', message: 'getaddrinfo' })).toMatchObject({
      reason: 'no-network',
      code: 'ENOTFOUND',
    });
    expect(offlineFindingOf({ name: 'NoAnswerError', code: 'NoAnswer' })?.reason).toBe(
      'no-network',
    );
    expect(
      offlineFindingOf(new NetworkProblem('PROXY_REFUSED', 'The proxy refused the connection.')),
    ).toMatchObject({ reason: 'proxy-or-tls', code: 'PROXY_REFUSED' });
    expect(offlineFindingOf({ code: 'SELF_SIGNED_CERT_IN_CHAIN' })?.reason).toBe('proxy-or-tls');
    expect(offlineFindingOf({ statusCode: 407, code: 'ProxyAuth' })?.reason).toBe('proxy-or-tls');
    const interaction = new InteractionRequiredAuthError('interaction_required', 'AADSTS50076');
    expect(offlineFindingOf(interaction)?.reason).toBe('sign-in-needed');
    // The operations' token failure carries msal's error as its cause.
    expect(
      offlineFindingOf(
        Object.assign(new Error('x'), { name: 'TokenUnavailableError', cause: interaction }),
      )?.reason,
    ).toBe('sign-in-needed');
    expect(offlineFindingOf({ statusCode: 403, code: 'AuthorizationFailed' })).toBeNull();
    expect(offlineFindingOf({ statusCode: 503, code: 'ServiceUnavailable' })).toBeNull();
    expect(offlineFindingOf({ name: 'AbortError' })).toBeNull();
  });
});

describe('the connectivity monitor', () => {
  it('goes offline only once the probe confirms it, and a passing blip keeps it online', async () => {
    let finding: OfflineFinding | null = null;
    const clock = manualTimer();
    const monitor = createConnectivityMonitor({
      probe: () => Promise.resolve(finding),
      timer: clock.timer,
    });
    monitor.reportAnswer();
    monitor.reportFailure(refused);
    await monitor.settled();
    expect(monitor.state().status).toBe('online');

    finding = noNetwork;
    monitor.reportFailure(refused);
    await monitor.settled();
    expect(monitor.state()).toMatchObject({
      status: 'offline',
      reason: 'no-network',
      code: 'ECONNREFUSED',
    });
    expect(monitor.state().since).not.toBeNull();
    expect(monitor.state().nextRetryAt).not.toBeNull();
  });

  it('ignores failures that say nothing about reaching Azure', async () => {
    let probes = 0;
    const monitor = createConnectivityMonitor({
      probe: () => {
        probes += 1;
        return Promise.resolve(noNetwork);
      },
      timer: manualTimer().timer,
    });
    monitor.reportFailure({ statusCode: 404, code: 'ResourceNotFound' });
    monitor.reportFailure({ name: 'AbortError' });
    await monitor.settled();
    expect(probes).toBe(0);
    expect(monitor.isOffline()).toBe(false);
  });

  it('checks again by itself with a backoff that doubles and never exceeds the longest wait', async () => {
    const clock = manualTimer();
    const monitor = createConnectivityMonitor({
      probe: () => Promise.resolve(noNetwork),
      timer: clock.timer,
      // The top of the jitter: each wait is its ceiling.
      backoff: { firstMs: 1_000, maxMs: 8_000, random: () => 0.999_999 },
    });
    await monitor.check();
    const waits: number[] = [];
    for (let round = 0; round < 8; round += 1) {
      const scheduled = clock.scheduled();
      expect(scheduled).toHaveLength(1);
      waits.push(Math.round(scheduled[0] ?? 0));
      clock.fire();
      await monitor.settled();
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000, 8_000, 8_000]);
    // The bottom of the jitter is half the ceiling, and no attempt number escapes the bound.
    const low = { firstMs: 1_000, maxMs: 8_000, random: () => 0 };
    expect(retryDelayMs(low, 0)).toBe(500);
    expect(retryDelayMs(low, 10_000)).toBe(4_000);
  });

  it('goes back online at the first answer, stops checking and lets waiters go on', async () => {
    const clock = manualTimer();
    const states: ConnectivityState['status'][] = [];
    const monitor = createConnectivityMonitor({
      probe: () => Promise.resolve(noNetwork),
      timer: clock.timer,
    });
    monitor.onChange((state) => states.push(state.status));
    await monitor.check();
    let resumed = false;
    const waiting = monitor.whenOnline().then(() => (resumed = true));
    await Promise.resolve();
    expect(resumed).toBe(false);
    monitor.reportAnswer();
    await waiting;
    expect(resumed).toBe(true);
    expect(monitor.state()).toMatchObject({ status: 'online', reason: null, nextRetryAt: null });
    expect(monitor.state().lastReachedAt).not.toBeNull();
    expect(clock.scheduled()).toEqual([]);
    expect(states.filter((s, i) => s !== states[i - 1])).toEqual(['unknown', 'offline', 'online']);
  });

  it('a sign-in needed ends only when a check finds a tenant ready, not at any answer', async () => {
    let finding: OfflineFinding | null = {
      reason: 'sign-in-needed',
      code: 'interaction_required',
      message: 'sign in',
    };
    const monitor = createConnectivityMonitor({
      probe: () => Promise.resolve(finding),
      timer: manualTimer().timer,
    });
    await monitor.check();
    expect(monitor.state().reason).toBe('sign-in-needed');
    monitor.reportAnswer();
    await monitor.settled();
    expect(monitor.state().reason).toBe('sign-in-needed');
    finding = null;
    monitor.reportAnswer();
    await monitor.settled();
    expect(monitor.state().status).toBe('online');
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function productRuntime(
  armUrl: string,
  options: { caPems?: string[]; proxy?: ProxySetting } = {},
): ConnectionRuntime {
  const transport = createNetworkTransport({
    proxy: options.proxy ?? { mode: 'none' },
    extraCaPems: options.caPems ?? [],
    resolveSystemProxy: () => Promise.resolve(null),
  });
  return createConnectionRuntime({
    cloud: {
      id: 'Custom',
      displayName: 'test',
      resourceManager: armUrl,
      authorityHost: armUrl,
      armScope: `${armUrl}/.default`,
    },
    clientId: DEFAULT_CLIENT_ID,
    transport,
  });
}

describe('the probe over the real transport', () => {
  let emu: RunningEmulator;
  const tenant = { accountId: 'a', tenantId: '11111111-1111-1111-1111-111111111111' };

  beforeAll(async () => {
    emu = await startEmulator({ scenario: demoScenarioPath });
  });
  afterAll(async () => {
    await emu?.close();
  });

  const probeWith = async (runtime: ConnectionRuntime, ready = [tenant]) => {
    const connectivity = composeConnectivity({
      runtime: () => Promise.resolve(runtime),
      events: createEventHub(),
      selected: () => [tenant],
      readyTenants: () => Promise.resolve(ready),
      refreshInventory: () => Promise.resolve(),
      logger: silentLogger,
      timer: manualTimer().timer,
    });
    try {
      return await connectivity.monitor.check();
    } finally {
      connectivity.close();
    }
  };

  it('online when Resource Manager answers and a tenant of the selection is ready', async () => {
    const state = await probeWith(productRuntime(emu.armUrl, { caPems: [emu.caPem] }));
    expect(state).toMatchObject({ status: 'online', reason: null });
  });

  it('no network: the connection is refused', async () => {
    const state = await probeWith(productRuntime(`https://127.0.0.1:${await closedPort()}`));
    expect(state).toMatchObject({ status: 'offline', reason: 'no-network', code: 'ECONNREFUSED' });
  });

  it('no network: the name of Azure does not resolve', async () => {
    const state = await probeWith(productRuntime('https://management.mooring-offline.invalid'));
    expect(state.reason).toBe('no-network');
    expect(state.code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
  });

  it('proxy or TLS: a certificate that is not trusted', async () => {
    const state = await probeWith(productRuntime(emu.armUrl));
    expect(state).toMatchObject({
      status: 'offline',
      reason: 'proxy-or-tls',
      code: 'UNTRUSTED_CERTIFICATE',
    });
    expect(state.message).toMatch(/Extra CA certificates/);
  });

  it('proxy or TLS: the proxy cannot be reached', async () => {
    const proxy: ProxySetting = { mode: 'manual', url: `http://127.0.0.1:${await closedPort()}` };
    const state = await probeWith(productRuntime(emu.armUrl, { caPems: [emu.caPem], proxy }));
    expect(state.reason).toBe('proxy-or-tls');
    expect(state.code).toMatch(/^PROXY_/);
  });

  it('sign-in needed: Azure answers but no tenant of the selection is ready', async () => {
    const state = await probeWith(productRuntime(emu.armUrl, { caPems: [emu.caPem] }), []);
    expect(state).toMatchObject({ status: 'offline', reason: 'sign-in-needed' });
  });
});
