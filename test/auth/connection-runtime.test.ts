import type { INetworkModule } from '@azure/msal-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SignInRequiredError } from '../../electron/auth/auth-errors';
import type { ConnectionRuntime } from '../../electron/connection/runtime';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { startHarness, tenantIdOf, type Harness } from './accounts-harness';
import { emulatorRuntime } from '../support/emulator-runtime';
import { testEncryptor } from '../support/test-encryptor';

let emu: RunningEmulator;
let harness: Harness;
const armScope = () => `${emu.armUrl}/.default`;

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  await harness.dispose();
});

/** An msal network client that counts what it sends, around the emulator-trusting one. */
function countingNetworkClient(inner: INetworkModule): INetworkModule & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    sendGetRequestAsync(url, options, timeout) {
      sent.push(url);
      return inner.sendGetRequestAsync(url, options, timeout);
    },
    sendPostRequestAsync(url, options) {
      sent.push(url);
      return inner.sendPostRequestAsync(url, options);
    },
  };
}

describe('the connection runtime', () => {
  it('signs in as the configured client id', async () => {
    const clientId = '11111111-2222-4333-8444-555555555555';
    const runtime = emulatorRuntime(emu, { clientId });
    harness = startHarness(emu, { runtime: async () => runtime });

    const finished = await harness.signInWithBrowser('reader@contoso.com');

    expect(finished.outcome).toBe('signed-in');
    expect(new URL(harness.openedUrls[0] ?? '').searchParams.get('client_id')).toBe(clientId);
  });

  it('sends sign-in traffic through the runtime network client (where proxy and extra CAs live)', async () => {
    const base = emulatorRuntime(emu);
    const network = countingNetworkClient(base.msalNetworkClient);
    const runtime: ConnectionRuntime = { ...base, msalNetworkClient: network };
    harness = startHarness(emu, { runtime: async () => runtime });

    await harness.signInWithBrowser('reader@contoso.com');

    expect(network.sent.some((url) => url.includes('/oauth2/v2.0/token'))).toBe(true);
  });

  it('rebuilds the msal client when the runtime changes, keeping the sign-ins of this run', async () => {
    let runtime = emulatorRuntime(emu);
    // Memory-only storage: nothing on disk would bring the sign-in back after a rebuild.
    harness = startHarness(emu, { runtime: async () => runtime, encryptor: testEncryptor('none') });
    const { account } = await harness.signInWithBrowser('admin@contoso.com');

    const network = countingNetworkClient(emulatorRuntime(emu).msalNetworkClient);
    runtime = { ...emulatorRuntime(emu), msalNetworkClient: network };

    await expect(
      harness.service
        .credentialFor(account!.accountId, tenantIdOf(emu, 'Fabrikam Inc'))
        .getToken(armScope()),
    ).resolves.toBeTruthy();
    // Northwind has no cached token: asking for one goes over the new runtime's transport.
    await expect(
      harness.service
        .credentialFor(account!.accountId, tenantIdOf(emu, 'Northwind Traders'))
        .getToken(armScope()),
    ).rejects.toBeInstanceOf(SignInRequiredError);
    expect(
      network.sent.some((url) => url.includes(`/${tenantIdOf(emu, 'Northwind Traders')}/`)),
    ).toBe(true);
  });
});
