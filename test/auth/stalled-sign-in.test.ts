import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { INetworkModule } from '@azure/msal-node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearerHostPolicyConfig } from '../../electron/network/bearer-host-policy';
import { createTrustedHosts } from '../../electron/network/trusted-hosts';
import type { ConnectionRuntime } from '../../electron/connection/runtime';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { emulatorRuntime } from '../support/emulator-runtime';
import { startHarness, tenantIdOf, type Harness } from './accounts-harness';

let emu: RunningEmulator;
let harness: Harness;
let server: SilentServer | undefined;

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  await harness.dispose();
  server?.close();
  server = undefined;
});

interface SilentServer {
  readonly url: string;
  /** Connections accepted so far (each left unanswered). */
  connections(): number;
  close(): void;
}

/** A TCP server that accepts connections and never answers: an ARM that has stalled. */
async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<net.Socket>();
  const listener = net.createServer((socket) => void sockets.add(socket));
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    connections: () => sockets.size,
    close() {
      for (const socket of sockets) socket.destroy();
      listener.close();
    },
  };
}

/**
 * A cloud whose Resource Manager is the silent server and whose sign-in is the emulator's (tokens
 * still for the emulator's ARM audience).
 */
function runtimeWithStalledArm(stalled: SilentServer): ConnectionRuntime {
  const base = emulatorRuntime(emu);
  const trustedHosts = createTrustedHosts(stalled.url);
  return {
    ...base,
    cloud: { ...base.cloud, resourceManager: stalled.url },
    trustedHosts,
    armClientOptions: () => ({
      ...base.armClientOptions(),
      endpoint: stalled.url,
      $host: stalled.url,
      credentialScopes: [base.cloud.armScope],
      additionalPolicies: [bearerHostPolicyConfig(trustedHosts)],
    }),
  };
}

const finishedOf = (signInId: string) =>
  harness.events.of('signIn.finished').filter((e) => e.signInId === signInId);

describe('a sign-in whose tenant listing stalls', () => {
  it('gives up on the listing after its timeout, keeps the known tenants and ends once', async () => {
    server = await startSilentServer();
    const runtime = runtimeWithStalledArm(server);
    harness = startHarness(emu, {
      runtime: async () => runtime,
      limits: { tenantListingTimeoutMs: 100 },
    });

    const finished = await harness.signInWithBrowser('admin@contoso.com');
    await harness.service.close();

    expect(server.connections()).toBeGreaterThan(0);
    expect(finished.outcome).toBe('signed-in');
    expect(finished.problem?.message).toMatch(/list of tenants could not be read/);
    expect(finished.account?.tenants.map((t) => t.tenantId)).toEqual([
      tenantIdOf(emu, 'Contoso Ltd'),
    ]);
    expect(finishedOf(finished.signInId)).toHaveLength(1);
  });

  it('is stopped by close(), which then resolves with the sign-in ended once', async () => {
    server = await startSilentServer();
    const runtime = runtimeWithStalledArm(server);
    harness = startHarness(emu, { runtime: async () => runtime }); // the default, long timeout
    harness.browserUser = 'admin@contoso.com';
    const { signInId } = harness.service.startSignIn('browser');
    const stalled = server;
    await vi.waitFor(() => expect(stalled.connections()).toBeGreaterThan(0), { timeout: 10_000 });

    await harness.service.close();

    expect(finishedOf(signInId)).toHaveLength(1);
    expect(finishedOf(signInId)[0]?.outcome).toBe('signed-in');
  });
});

describe('closing the service', () => {
  it('stops waiting for a sign-in that never ends', async () => {
    const base = emulatorRuntime(emu);
    const fabrikam = tenantIdOf(emu, 'Fabrikam Inc');
    // Token requests for Fabrikam (asked for once the user has signed in) never get an answer.
    let hanging = 0;
    const network: INetworkModule = {
      sendGetRequestAsync: (url, options, timeout) =>
        base.msalNetworkClient.sendGetRequestAsync(url, options, timeout),
      sendPostRequestAsync(url, options) {
        if (!url.includes(`/${fabrikam}/`))
          return base.msalNetworkClient.sendPostRequestAsync(url, options);
        hanging += 1;
        return new Promise(() => undefined);
      },
    };
    const runtime: ConnectionRuntime = { ...base, msalNetworkClient: network };
    harness = startHarness(emu, { runtime: async () => runtime, limits: { closeTimeoutMs: 100 } });
    harness.browserUser = 'admin@contoso.com';
    harness.service.startSignIn('browser');
    await vi.waitFor(() => expect(hanging).toBe(1), { timeout: 10_000 });

    await harness.service.close();

    expect(harness.logger.lines.some((line) => line.includes('still running'))).toBe(true);
  });
});
