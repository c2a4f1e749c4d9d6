import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { TokenCredential } from '@azure/core-auth';
import { isRestError } from '@azure/core-rest-pipeline';
import { PublicClientApplication } from '@azure/msal-node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionSettings } from '../../shared/domain/connection';
import type { ConnectionRuntime } from '../../electron/connection/runtime';
import { msalAuthorityFor } from '../../electron/connection/runtime';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings, userArmToken } from '../emulator/testing';
import { tokenCredential } from '../emulator/trust';
import { testEncryptor } from '../support/test-encryptor';
import { startConnectProxy, type TestProxy } from '../network/connect-proxy';
import { connectionService, failureOf, temporaryFolder, type ServiceUnderTest } from './harness';

let emu: RunningEmulator;
let folder: ReturnType<typeof temporaryFolder>;
let proxy: TestProxy;
const open: ServiceUnderTest[] = [];
const contoso = 'bd79c068-555e-57b3-b248-2d47f661607e';

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  folder = temporaryFolder();
  proxy = await startConnectProxy();
});
afterEach(async () => {
  for (const instance of open.splice(0)) instance.close();
  await proxy.close();
  folder.remove();
});

function service(options?: Parameters<typeof connectionService>[1]) {
  const instance = connectionService(folder.path, options);
  open.push(instance);
  return instance;
}

const emulatorCloud = (proxySetting: ConnectionSettings['proxy']): Partial<ConnectionSettings> => ({
  cloud: 'Custom',
  customResourceManagerUrl: emu.armUrl,
  extraCaFile: folder.file('emulator-ca.pem', emu.caPem),
  proxy: proxySetting,
});

/** A real msal-node interactive sign-in with the runtime's client id, authority and network client. */
async function signIn(runtime: ConnectionRuntime): Promise<string> {
  const pca = new PublicClientApplication({
    auth: { clientId: runtime.clientId, ...msalAuthorityFor(runtime.cloud, 'organizations') },
    system: { networkClient: runtime.msalNetworkClient },
  });
  const result = await pca.acquireTokenInteractive({
    scopes: [runtime.cloud.armScope],
    openBrowser: async (url) => {
      await emu.control.completeBrowserSignIn(url, 'admin@contoso.com');
    },
  });
  return result.accessToken;
}

async function listTenants(runtime: ConnectionRuntime, credential: TokenCredential) {
  const client = new SubscriptionClient(credential, {
    ...runtime.armClientOptions(),
    retryOptions: { maxRetries: 0 },
  });
  const ids: string[] = [];
  for await (const tenant of client.tenants.list()) ids.push(tenant.tenantId ?? '');
  return ids;
}

const staticToken = (token: string) =>
  tokenCredential(async () => ({ accessToken: token, expiresOn: null }));

describe('the proxy setting', () => {
  // Each runtime has its own agents and keep-alive pool, so a fresh runtime's first request to
  // the emulator must open a tunnel of its own if it goes through the proxy.
  it('sends sign-in (msal) requests through a manual proxy', async () => {
    const { service: connection } = service();
    await connection.update(emulatorCloud({ mode: 'manual', url: proxy.url }));
    proxy.tunnels.length = 0;
    expect(await signIn(await connection.runtime())).not.toBe('');
    expect(proxy.tunnels.map((tunnel) => tunnel.target)).toContain(emu.knownAuthority);
  });

  it('sends ARM requests through a manual proxy', async () => {
    const { service: connection } = service();
    await connection.update(emulatorCloud({ mode: 'manual', url: proxy.url }));
    const token = await userArmToken(emu, 'admin@contoso.com', contoso);
    proxy.tunnels.length = 0;
    expect(await listTenants(await connection.runtime(), staticToken(token))).toContain(contoso);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels.map((tunnel) => tunnel.target))).toEqual(
      new Set([emu.knownAuthority]),
    );
  });

  it('reads the custom cloud metadata through the proxy being saved', async () => {
    const { service: connection } = service();
    await connection.update(emulatorCloud({ mode: 'manual', url: proxy.url }));
    expect(proxy.tunnels.length).toBeGreaterThan(0);
  });

  it('opens no tunnel when set to none, even where the system names a proxy', async () => {
    const { service: connection } = service({
      resolveSystemProxy: async () => `PROXY 127.0.0.1:${proxy.port}`,
    });
    await connection.update(emulatorCloud({ mode: 'none' }));
    const runtime = await connection.runtime();
    const token = await signIn(runtime);
    expect(await listTenants(runtime, staticToken(token))).toContain(contoso);
    expect(proxy.tunnels).toHaveLength(0);
  });

  it('follows the system proxy that the injected resolver answers', async () => {
    const asked: string[] = [];
    const { service: connection } = service({
      resolveSystemProxy: async (url) => {
        asked.push(url);
        return `PROXY 127.0.0.1:${proxy.port}; DIRECT`;
      },
    });
    await connection.update(emulatorCloud({ mode: 'system' }));
    const token = await signIn(await connection.runtime());
    expect(token).not.toBe('');
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(asked.some((url) => url.includes('/oauth2/v2.0/token'))).toBe(true);
  });

  it('gives a clear error when the proxy refuses', async () => {
    const { service: connection } = service();
    await connection.update(emulatorCloud({ mode: 'none' }));
    const refusing = await startConnectProxy({ refuseWith: { status: 403, reason: 'Forbidden' } });
    try {
      await connection.update({ proxy: { mode: 'manual', url: refusing.url } });
      const error = await failureOf(listTenants(await connection.runtime(), staticToken('unused')));
      expect(isRestError(error) && error.code).toBe('PROXY_REFUSED');
      expect(error.message).toMatch(
        /^The proxy http:\/\/127\.0\.0\.1:\d+ refused to connect to 127\.0\.0\.1:\d+ \(HTTP 403 Forbidden\)\. Check the proxy under Settings > Proxy/,
      );
    } finally {
      await refusing.close();
    }
  });

  it('refuses a manual proxy URL it cannot use without repeating the password', async () => {
    const { service: connection } = service();
    const error = await failureOf(
      connection.update({
        proxy: { mode: 'manual', url: 'ftp://alice:s3cret@proxy.contoso.com:21' },
      }),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe(
      'Proxy URL cannot be used: ftp proxies are not supported; use http://host:port or https://host:port.',
    );
    expect(error.details).toEqual({ field: 'proxy' });
  });

  it('authenticates with a password stored encrypted, after a restart on the same database', async () => {
    const encryptor = testEncryptor('os');
    const first = service({ encryptor });
    await first.service.update(
      emulatorCloud({ mode: 'manual', url: proxy.url.replace('http://', 'http://alice:p%40ss@') }),
    );
    first.close();
    open.splice(open.indexOf(first), 1);

    const { service: connection } = service({ encryptor });
    expect((await connection.view()).proxyPassword).toBe('encrypted');
    const token = await userArmToken(emu, 'admin@contoso.com', contoso);
    proxy.tunnels.length = 0;
    expect(await listTenants(await connection.runtime(), staticToken(token))).toContain(contoso);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    for (const tunnel of proxy.tunnels) {
      expect(tunnel.proxyAuthorization).toBe(
        `Basic ${Buffer.from('alice:p@ss').toString('base64')}`,
      );
    }
  });

  it('keeps authenticating when the proxy is saved again without its password', async () => {
    const { service: connection } = service({ encryptor: testEncryptor('os') });
    await connection.update(
      emulatorCloud({ mode: 'manual', url: proxy.url.replace('http://', 'http://alice:s3cret@') }),
    );
    const view = await connection.update({
      proxy: { mode: 'manual', url: proxy.url.replace('http://', 'http://alice@') },
    });
    expect(view.proxyPassword).toBe('encrypted');
    proxy.tunnels.length = 0;
    await listTenants(await connection.runtime(), staticToken('unused')).catch(() => undefined);
    expect(proxy.tunnels[0]?.proxyAuthorization).toBe(
      `Basic ${Buffer.from('alice:s3cret').toString('base64')}`,
    );
  });

  it('authenticates with a password kept in memory where nothing can encrypt it', async () => {
    const { service: connection } = service();
    const view = await connection.update(
      emulatorCloud({ mode: 'manual', url: proxy.url.replace('http://', 'http://alice:s3cret@') }),
    );
    expect(view.proxyPassword).toBe('memory');
    proxy.tunnels.length = 0;
    await listTenants(await connection.runtime(), staticToken('unused')).catch(() => undefined);
    expect(proxy.tunnels[0]?.proxyAuthorization).toBe(
      `Basic ${Buffer.from('alice:s3cret').toString('base64')}`,
    );
  });

  it('authenticates with the password of a policy file', async () => {
    const url = proxy.url.replace('http://', 'http://alice:s3cret@');
    const { service: connection } = service({
      policyFile: folder.file('policy.json', JSON.stringify({ proxy: { mode: 'manual', url } })),
    });
    // Sent back as the view shows it: without the password.
    const shown = `http://alice@127.0.0.1:${proxy.port}`;
    const view = await connection.update(emulatorCloud({ mode: 'manual', url: shown }));
    expect(view.settings.proxy).toEqual({ mode: 'manual', url: shown });
    expect(JSON.stringify(view)).not.toContain('s3cret');
    proxy.tunnels.length = 0;
    await listTenants(await connection.runtime(), staticToken('unused')).catch(() => undefined);
    expect(proxy.tunnels[0]?.proxyAuthorization).toBe(
      `Basic ${Buffer.from('alice:s3cret').toString('base64')}`,
    );
  });

  it('never writes proxy credentials to the log', async () => {
    const instance = service();
    const url = proxy.url.replace('http://', 'http://alice:s3cret@');
    await instance.service.update(emulatorCloud({ mode: 'manual', url }));
    await instance.service.runtime();
    expect(instance.logText()).toContain(proxy.url);
    expect(instance.logText()).not.toContain('s3cret');
  });
});
