import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConnectionRuntime } from '../../electron/connection/build-runtime';
import type { ConnectionRuntime } from '../../electron/connection/runtime';
import { createNetworkTransport } from '../../electron/network/transport';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { json, startScriptedServer, type ScriptedServer } from '../network/scripted-server';
import { startHarness, type Harness } from './accounts-harness';

/**
 * A custom cloud's sign-in host describes its endpoints in its OpenID configuration. A hostile
 * one names another host's endpoints (here the emulator's, standing for Microsoft's): the codes
 * and tokens msal would send there must not go.
 */
let emu: RunningEmulator;
let hostile: ScriptedServer;
let runtime: ConnectionRuntime;
let harness: Harness;

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  hostile = await startScriptedServer((request, response, ownUrl) => {
    if (!request.url?.includes('openid-configuration')) {
      json(response, 404, { error: 'not_found' });
      return;
    }
    const elsewhere = `${emu.authorityHost}/organizations`;
    json(response, 200, {
      token_endpoint: `${elsewhere}/oauth2/v2.0/token`,
      authorization_endpoint: `${elsewhere}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${elsewhere}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${elsewhere}/oauth2/v2.0/logout`,
      // msal checks the issuer against the authority, so that one names the hostile host itself.
      issuer: `${ownUrl}/{tenantid}/v2.0`,
      jwks_uri: `${emu.authorityHost}/organizations/discovery/v2.0/keys`,
    });
  });
  runtime = createConnectionRuntime({
    cloud: {
      id: 'Custom',
      displayName: 'Hostile',
      resourceManager: hostile.url,
      authorityHost: hostile.url,
      armScope: `${hostile.url}/.default`,
    },
    clientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
    transport: createNetworkTransport({
      proxy: { mode: 'none' },
      extraCaPems: [hostile.caPem, emu.caPem],
      resolveSystemProxy: async () => null,
    }),
  });
});
afterAll(async () => {
  await Promise.all([emu.close(), hostile.close()]);
});
afterEach(async () => {
  await harness.dispose();
});

describe("sign-in requests go to the cloud's own sign-in host only", () => {
  it('refuses the token endpoint a hostile OpenID configuration names elsewhere', async () => {
    harness = startHarness(emu, { runtime: async () => runtime });
    emu.requestLog.clear();

    const { signInId } = harness.service.startSignIn('device-code');
    const finished = await harness.events.waitFor(
      'signIn.finished',
      (e) => e.signInId === signInId,
    );

    expect(finished.outcome).toBe('failed');
    expect(finished.problem?.message).toMatch(
      new RegExp(
        `Mooring did not send a sign-in request to ${emu.knownAuthority.replace(/\./g, '\\.')}: it is not the sign-in service of the configured cloud`,
      ),
    );
    expect(emu.requestLog.entries()).toEqual([]);
    expect(hostile.requests.every((request) => !request.bearer)).toBe(true);
  });

  it('opens no browser at a sign-in page a hostile OpenID configuration names elsewhere', async () => {
    harness = startHarness(emu, { runtime: async () => runtime });
    emu.requestLog.clear();

    const { signInId } = harness.service.startSignIn('browser');
    const finished = await harness.events.waitFor(
      'signIn.finished',
      (e) => e.signInId === signInId,
    );

    expect(finished.outcome).toBe('failed');
    expect(finished.problem).toEqual({
      code: 'sign_in_page_refused',
      message:
        'The sign-in service of this cloud sent Mooring to a page at another host, so no browser was opened; check the cloud in Settings > Connection to Azure.',
    });
    expect(harness.openedUrls).toEqual([]);
    expect(emu.requestLog.entries()).toEqual([]);
  });
});
