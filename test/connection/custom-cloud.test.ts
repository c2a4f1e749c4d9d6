import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { isRestError } from '@azure/core-rest-pipeline';
import { AuthError } from '@azure/msal-node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { msalAuthorityFor } from '../../electron/connection/runtime';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings, userArmToken } from '../emulator/testing';
import { tokenCredential } from '../emulator/trust';
import {
  connectionService,
  failureOf,
  startJsonServer,
  temporaryFolder,
  type ServiceUnderTest,
} from './harness';

let emu: RunningEmulator;
let folder: ReturnType<typeof temporaryFolder>;
let caFile: string;
const open: ServiceUnderTest[] = [];
const contoso = 'bd79c068-555e-57b3-b248-2d47f661607e';

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  folder = temporaryFolder();
  caFile = folder.file('emulator-ca.pem', emu.caPem);
});
afterEach(() => {
  for (const instance of open.splice(0)) instance.close();
  folder.remove();
});

function service(options?: Parameters<typeof connectionService>[1]) {
  const instance = connectionService(folder.path, options);
  open.push(instance);
  return instance.service;
}

const useEmulatorCloud = (extraCaFile: string | null = caFile) =>
  ({
    cloud: 'Custom',
    customResourceManagerUrl: emu.armUrl,
    extraCaFile,
    proxy: { mode: 'none' },
  }) as const;

const metadataRequests = () =>
  emu.requestLog.entries().filter((entry) => entry.path.startsWith('/metadata/endpoints')).length;

describe('a custom cloud read from {arm}/metadata/endpoints', () => {
  it('resolves the sign-in host, ARM endpoint and token scope the metadata describes', async () => {
    const connection = service();
    const view = await connection.update(useEmulatorCloud());
    expect(view.resolved).toEqual({
      resourceManager: emu.armUrl,
      authorityHost: emu.authorityHost,
      clientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
    });
    const runtime = await connection.runtime();
    expect(runtime.cloud).toMatchObject({
      id: 'Custom',
      displayName: 'MooringLocalEmulator (custom)',
      resourceManager: emu.armUrl,
      authorityHost: emu.authorityHost,
      armScope: `${emu.armUrl}/.default`,
    });
    expect(runtime.armClientOptions()).toMatchObject({
      endpoint: emu.armUrl,
      $host: emu.armUrl,
      credentialScopes: [`${emu.armUrl}/.default`],
    });
    expect(msalAuthorityFor(runtime.cloud, contoso)).toEqual({
      authority: `${emu.authorityHost}/${contoso}`,
      knownAuthorities: [emu.knownAuthority],
    });
  });

  it('keeps the resolved endpoints so a restart needs no metadata request', async () => {
    await service().update(useEmulatorCloud());
    emu.requestLog.clear();
    const restarted = service();
    expect((await restarted.view()).resolved.authorityHost).toBe(emu.authorityHost);
    expect((await restarted.runtime()).cloud.armScope).toBe(`${emu.armUrl}/.default`);
    expect(metadataRequests()).toBe(0);
  });

  it('refuses a Resource Manager URL that is not https, naming the field', async () => {
    const error = await failureOf(
      service().update({
        cloud: 'Custom',
        customResourceManagerUrl: 'http://management.contoso.local',
      }),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe('The Resource Manager URL must start with https://.');
    expect(error.details).toEqual({ field: 'customResourceManagerUrl' });
  });

  it('refuses a custom cloud without a Resource Manager URL', async () => {
    const error = await failureOf(service().update({ cloud: 'Custom' }));
    expect(error.message).toMatch(/^Custom cloud Resource Manager URL is required/);
  });

  it('refuses a URL whose metadata endpoint does not exist', async () => {
    const error = await failureOf(
      service().update({
        ...useEmulatorCloud(),
        customResourceManagerUrl: `${emu.armUrl}/nothing-here`,
      }),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(
      /answered HTTP 404 instead of a cloud description; check the Resource Manager URL\.$/,
    );
  });

  it('refuses a server whose metadata answer is not a cloud', async () => {
    const server = await startJsonServer({ hello: 'world' });
    try {
      const bundle = folder.file('bundle.pem', `${emu.caPem}\n${server.caPem}`);
      const error = await failureOf(
        service().update({ ...useEmulatorCloud(bundle), customResourceManagerUrl: server.url }),
      );
      expect(error.code).toBe('invalid-input');
      expect(error.message).toMatch(
        /^The cloud at 127\.0\.0\.1:\d+ cannot be used: its \/metadata\/endpoints answer does not describe a cloud\. Check the Resource Manager URL/,
      );
      expect(error.details).toEqual({ field: 'customResourceManagerUrl' });
    } finally {
      await server.close();
    }
  });

  it('keeps the previous settings when a custom cloud cannot be resolved', async () => {
    const connection = service();
    await connection
      .update({ ...useEmulatorCloud(), customResourceManagerUrl: `${emu.armUrl}/x` })
      .catch(() => undefined);
    expect((await connection.view()).settings.cloud).toBe('AzureCloud');
  });
});

describe('extra trusted CA certificates', () => {
  it('let sign-in requests and ARM clients reach a server signed by that CA', async () => {
    const connection = service();
    await connection.update(useEmulatorCloud());
    const runtime = await connection.runtime();
    const discovery = await runtime.msalNetworkClient.sendGetRequestAsync<{ issuer: string }>(
      `${emu.authorityUrl(contoso)}/v2.0/.well-known/openid-configuration`,
    );
    expect(discovery.status).toBe(200);

    const token = await userArmToken(emu, 'admin@contoso.com', contoso);
    const credential = tokenCredential(async () => ({ accessToken: token, expiresOn: null }));
    const client = new SubscriptionClient(credential, runtime.armClientOptions());
    const tenants: string[] = [];
    for await (const tenant of client.tenants.list()) tenants.push(tenant.tenantId ?? '');
    expect(tenants).toContain(contoso);
  });

  it('are what makes the difference: without them both fail with a TLS error that says what to do', async () => {
    const connection = service();
    await connection.update(useEmulatorCloud());
    await connection.update({ extraCaFile: null });
    const runtime = await connection.runtime();

    const signIn = await failureOf(
      runtime.msalNetworkClient.sendGetRequestAsync(
        `${emu.authorityUrl(contoso)}/v2.0/.well-known/openid-configuration`,
      ),
    );
    expect(signIn).toBeInstanceOf(AuthError);
    expect((signIn as AuthError).errorMessage).toMatch(
      /is not trusted \(\w+\)\. If your network inspects TLS traffic, add your organisation's CA certificate file under Settings > Extra CA certificates/,
    );

    const client = new SubscriptionClient(
      tokenCredential(async () => ({ accessToken: 'unused', expiresOn: null })),
      { ...runtime.armClientOptions(), retryOptions: { maxRetries: 0 } },
    );
    const arm = await failureOf(client.tenants.list().next());
    expect(isRestError(arm) && arm.code).toBe('UNTRUSTED_CERTIFICATE');
  });

  it('are required to read an untrusted custom cloud at all', async () => {
    const error = await failureOf(service().update(useEmulatorCloud(null)));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(
      /^Could not read the custom cloud's description from .*metadata\/endpoints.*is not trusted/,
    );
  });

  it('must name an existing file', async () => {
    const missing = `${folder.path}/corporate-ca.pem`;
    const error = await failureOf(service().update({ extraCaFile: missing }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe(
      `Extra CA certificates file cannot be used: ${missing} does not exist; choose a PEM file with your organisation's CA certificate.`,
    );
    expect(error.details).toEqual({ field: 'extraCaFile' });
  });

  it('must hold at least one PEM certificate', async () => {
    const notPem = folder.file('notes.txt', 'not a certificate');
    const error = await failureOf(service().update({ extraCaFile: notPem }));
    expect(error.message).toMatch(
      /^Extra CA certificates file cannot be used: it contains no PEM certificate/,
    );
  });

  it('must be given as a full path', async () => {
    const error = await failureOf(service().update({ extraCaFile: 'corp-ca.pem' }));
    expect(error.message).toMatch(/is not a full path/);
  });
});
