import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CloudEndpoints } from '../../electron/azure/clouds';
import { createConnectionRuntime } from '../../electron/connection/build-runtime';
import type { ConnectionRuntime } from '../../electron/connection/runtime';
import { createNetworkTransport } from '../../electron/network/transport';
import { createTrustedHosts } from '../../electron/network/trusted-hosts';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings, userArmToken } from '../emulator/testing';
import { tokenCredential } from '../emulator/trust';
import { recordingLogger } from '../auth/accounts-harness';
import { json, startScriptedServer, type ScriptedServer } from './scripted-server';

// `emu` is the configured cloud; `elsewhere` stands for any other host, with a request log of its own.
let emu: RunningEmulator;
let elsewhere: RunningEmulator;
let token: string;
const contoso = 'bd79c068-555e-57b3-b248-2d47f661607e';

beforeAll(async () => {
  [emu, elsewhere] = await Promise.all([
    startEmulator({ scenario: demoScenarioPath, settings: fastSettings }),
    startEmulator({ scenario: demoScenarioPath, settings: fastSettings }),
  ]);
  token = await userArmToken(emu, 'admin@contoso.com', contoso);
});
afterAll(async () => {
  await Promise.all([emu.close(), elsewhere.close()]);
});
beforeEach(() => {
  emu.requestLog.clear();
  elsewhere.requestLog.clear();
});

const credential = () => tokenCredential(async () => ({ accessToken: token, expiresOn: null }));

/** The product's runtime for a cloud whose Resource Manager is `armUrl`, trusting every test CA. */
function runtimeFor(
  armUrl: string,
  caPems: string[],
  logger = recordingLogger(),
): ConnectionRuntime {
  const cloud: CloudEndpoints = {
    id: 'Custom',
    displayName: 'Test cloud',
    resourceManager: armUrl,
    authorityHost: emu.authorityHost,
    armScope: `${emu.armUrl}/.default`,
  };
  const transport = createNetworkTransport({
    proxy: { mode: 'none' },
    extraCaPems: caPems,
    resolveSystemProxy: async () => null,
  });
  return createConnectionRuntime({ cloud, clientId: 'unused', transport, logger });
}

const tokensSentTo = (emulator: RunningEmulator) =>
  emulator.requestLog.entries().filter((entry) => entry.hasAuthorization);

async function failureOf(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; details?: unknown };
  }
  throw new Error('expected a failure');
}

describe('the bearer-host policy', () => {
  it('sends the token to the configured Resource Manager', async () => {
    const runtime = runtimeFor(emu.armUrl, [emu.caPem]);
    const client = new SubscriptionClient(credential(), runtime.armClientOptions());
    const tenants: string[] = [];
    for await (const tenant of client.tenants.list()) tenants.push(tenant.tenantId ?? '');
    expect(tenants).toContain(contoso);
    expect(tokensSentTo(emu).length).toBeGreaterThan(0);
  });

  it('refuses a request built for another host, and nothing leaves', async () => {
    const logger = recordingLogger();
    const runtime = runtimeFor(emu.armUrl, [emu.caPem, elsewhere.caPem], logger);
    const client = new SubscriptionClient(credential(), runtime.armClientOptions());

    const error = await failureOf(
      client.sendRequest(
        createPipelineRequest({ url: `${elsewhere.armUrl}/tenants?api-version=2022-12-01` }),
      ),
    );

    expect(error.code).toBe('unavailable');
    expect(error.details).toEqual({ code: 'TokenHostRefused', host: elsewhere.knownAuthority });
    expect(error.message).toBe(
      `Mooring did not send this request: it would have carried your Azure token to ${elsewhere.knownAuthority}, which is not the Resource Manager of the configured cloud (${emu.knownAuthority}). Nothing was sent; if this keeps happening, check the cloud in Settings > Connection to Azure.`,
    );
    expect(elsewhere.requestLog.entries()).toEqual([]);
    expect(
      logger.lines.some((line) => line.startsWith('warn Refused to send an Azure token')),
    ).toBe(true);
  });

  it('refuses a nextLink that points elsewhere, after the first page went to the configured host', async () => {
    const foreignPage = `${elsewhere.armUrl}/tenants?api-version=2022-12-01&page=2`;
    const arm: ScriptedServer = await startScriptedServer((_request, response) =>
      json(response, 200, {
        value: [{ id: `/tenants/${contoso}`, tenantId: contoso, displayName: 'Contoso Ltd' }],
        nextLink: foreignPage,
      }),
    );
    try {
      const runtime = runtimeFor(arm.url, [arm.caPem, elsewhere.caPem]);
      const client = new SubscriptionClient(credential(), runtime.armClientOptions());
      const listed: string[] = [];
      const error = await failureOf(
        (async () => {
          for await (const tenant of client.tenants.list()) listed.push(tenant.tenantId ?? '');
        })(),
      );

      expect(listed).toEqual([contoso]);
      expect(error.details).toMatchObject({ code: 'TokenHostRefused' });
      expect(arm.requests).toEqual([{ path: expect.stringContaining('/tenants'), bearer: true }]);
      expect(elsewhere.requestLog.entries()).toEqual([]);
    } finally {
      await arm.close();
    }
  });

  it('sends tokens to a Kubernetes API host Mooring registered, and to no other', async () => {
    const runtime = runtimeFor(emu.armUrl, [emu.caPem, elsewhere.caPem]);
    const client = new SubscriptionClient(credential(), runtime.armClientOptions());
    const toCluster = () =>
      client.sendRequest(
        createPipelineRequest({ url: `${elsewhere.armUrl}/tenants?api-version=2022-12-01` }),
      );
    expect((await failureOf(toCluster())).details).toMatchObject({ code: 'TokenHostRefused' });

    runtime.trustedHosts.allowKubernetesApiHost(`${elsewhere.armUrl}/`);
    await toCluster();

    expect(tokensSentTo(elsewhere)).toHaveLength(1);
    expect(runtime.trustedHosts.list()).toEqual([emu.armUrl, elsewhere.armUrl]);
  });
});

describe('trusted hosts', () => {
  const trusted = createTrustedHosts('https://management.azure.com');

  it('match the https origin exactly', () => {
    expect(trusted.allows('https://management.azure.com/subscriptions?x=1')).toBe(true);
    expect(trusted.allows('https://MANAGEMENT.azure.com:443/tenants')).toBe(true);
    expect(trusted.allows('http://management.azure.com/tenants')).toBe(false);
    expect(trusted.allows('https://management.azure.com:8443/tenants')).toBe(false);
    expect(trusted.allows('https://management.azure.com.contoso.example/')).toBe(false);
    expect(trusted.allows('https://evil@management.azure.com/')).toBe(false);
    expect(trusted.allows('not a url')).toBe(false);
  });

  it('refuse to register a Kubernetes API server that is not https', () => {
    expect(() => trusted.allowKubernetesApiHost('http://10.0.0.4:6443')).toThrow(/over https/);
    expect(trusted.list()).toEqual(['https://management.azure.com']);
  });
});
