import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { TokenCredential } from '@azure/core-auth';
import { isRestError } from '@azure/core-rest-pipeline';
import { AuthError } from '@azure/msal-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createArmHttpClient } from '../../electron/network/arm-http-client';
import { MsalNetworkClient } from '../../electron/network/msal-network-client';
import {
  SOCKETS_PER_SERVER,
  createNetworkTransport,
  type NetworkTransportOptions,
} from '../../electron/network/transport';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings, userArmToken } from '../emulator/testing';
import { generateCertificates } from '../emulator/tls/certificates';
import { tokenCredential } from '../emulator/trust';
import { closedPort, startConnectProxy, type TestProxy } from './connect-proxy';

let emu: RunningEmulator;
let credential: TokenCredential;
const proxies: TestProxy[] = [];
const contoso = 'bd79c068-555e-57b3-b248-2d47f661607e';
const noSystemProxy = async () => null;

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  const token = await userArmToken(emu, 'admin@contoso.com', contoso);
  credential = tokenCredential(async () => ({ accessToken: token, expiresOn: null }));
});

afterAll(async () => {
  await emu.close();
});

afterEach(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
});

async function proxy(options?: Parameters<typeof startConnectProxy>[0]) {
  const started = await startConnectProxy(options);
  proxies.push(started);
  return started;
}

function transport(overrides: Partial<NetworkTransportOptions>) {
  return createNetworkTransport({
    proxy: { mode: 'none' },
    extraCaPems: [emu.caPem],
    resolveSystemProxy: noSystemProxy,
    ...overrides,
  });
}

const openIdConfiguration = () =>
  `${emu.authorityUrl(contoso)}/v2.0/.well-known/openid-configuration`;

function subscriptionClient(options: Partial<NetworkTransportOptions>) {
  return new SubscriptionClient(credential, {
    endpoint: emu.armUrl,
    $host: emu.armUrl,
    httpClient: createArmHttpClient(transport(options)),
    retryOptions: { maxRetries: 0 },
  });
}

async function listTenantIds(options: Partial<NetworkTransportOptions>) {
  const ids: string[] = [];
  for await (const tenant of subscriptionClient(options).tenants.list())
    ids.push(tenant.tenantId ?? '');
  return ids;
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('sign-in requests (msal network client) over the transport', () => {
  it('GETs JSON from the authority with the status and headers msal expects', async () => {
    const client = new MsalNetworkClient(transport({}));
    const response = await client.sendGetRequestAsync<{ token_endpoint: string }>(
      openIdConfiguration(),
    );
    expect(response.status).toBe(200);
    expect(response.body.token_endpoint).toContain('/oauth2/v2.0/token');
    expect(response.headers['content-type']).toMatch(/json/);
  });

  it('POSTs a form and returns an error answer as a response for msal to read', async () => {
    const client = new MsalNetworkClient(transport({}));
    const response = await client.sendPostRequestAsync<{ error: string }>(
      `${emu.authorityUrl(contoso)}/oauth2/v2.0/token`,
      {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=refresh_token&refresh_token=not-a-token&client_id=04b07795-8ddb-461a-bbee-02f9e1bf7b46',
      },
    );
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_grant');
  });

  it('goes through a manual proxy', async () => {
    const through = await proxy();
    const client = new MsalNetworkClient(
      transport({ proxy: { mode: 'manual', url: through.url } }),
    );
    expect((await client.sendGetRequestAsync(openIdConfiguration())).status).toBe(200);
    expect(through.tunnels.map((tunnel) => tunnel.target)).toContain(emu.knownAuthority);
  });

  it('reports a server certificate from an untrusted CA as a TLS problem with what to do', async () => {
    const client = new MsalNetworkClient(transport({ extraCaPems: [] }));
    const error = await failureOf(client.sendGetRequestAsync(openIdConfiguration()));
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).errorMessage).toMatch(
      /certificate presented for 127\.0\.0\.1:\d+ is not trusted \(\w+\).*Extra CA certificates/,
    );
  });
});

describe('the connection pool', () => {
  it('keeps a bounded pool per server, every connection on one TLS context with the extra CA', async () => {
    const transport = createNetworkTransport({
      proxy: { mode: 'none' },
      extraCaPems: [emu.caPem],
      resolveSystemProxy: noSystemProxy,
    });
    const agent = await transport.agentFor(emu.armUrl);

    expect(agent.maxSockets).toBe(SOCKETS_PER_SERVER);
    // The CA bundle as `ca` would be parsed again for each connection and copied into the pool's
    // key for each request; the context carries it once (and the requests above trust it).
    expect(agent.options.ca).toBeUndefined();
    expect(agent.options.secureContext).toBeDefined();
    expect(await transport.agentFor(`${emu.armUrl}/tenants`)).toBe(agent);
  });
});

describe('ARM clients over the transport', () => {
  it('reach ARM directly with the extra CA trusted', async () => {
    expect(await listTenantIds({})).toContain(contoso);
  });

  it('fail without the extra CA with a TLS error that keeps its code and says what to do', async () => {
    const error = await failureOf(listTenantIds({ extraCaPems: [] }));
    expect(isRestError(error) && error.code).toBe('UNTRUSTED_CERTIFICATE');
    expect((error as Error).message).toMatch(
      /not trusted \((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)/,
    );
  });

  it('go through a manual proxy, sending its credentials as Proxy-Authorization', async () => {
    const through = await proxy();
    const url = through.url.replace('http://', 'http://alice:p%40ss@');
    expect(await listTenantIds({ proxy: { mode: 'manual', url } })).toContain(contoso);
    expect(through.tunnels.length).toBeGreaterThan(0);
    expect(through.tunnels[0]?.proxyAuthorization).toBe(
      `Basic ${Buffer.from('alice:p@ss').toString('base64')}`,
    );
  });

  it('go through an https:// proxy whose own certificate is signed by an extra CA', async () => {
    const proxyCertificates = await generateCertificates();
    const through = await proxy({
      tls: { cert: proxyCertificates.serverCertPem, key: proxyCertificates.serverKeyPem },
    });
    expect(through.url).toMatch(/^https:/);
    const ids = await listTenantIds({
      proxy: { mode: 'manual', url: through.url },
      extraCaPems: [emu.caPem, proxyCertificates.caPem],
    });
    expect(ids).toContain(contoso);
    expect(through.tunnels.length).toBeGreaterThan(0);
  });

  it('open no tunnel when the proxy is off', async () => {
    const unused = await proxy();
    const resolveSystemProxy = async () => `PROXY 127.0.0.1:${unused.port}`;
    expect(await listTenantIds({ proxy: { mode: 'none' }, resolveSystemProxy })).toContain(contoso);
    expect(unused.tunnels).toHaveLength(0);
  });

  it('follow the system proxy the injected resolver names, per URL', async () => {
    const through = await proxy();
    const asked: string[] = [];
    const resolveSystemProxy = async (url: string) => {
      asked.push(url);
      return `PROXY 127.0.0.1:${through.port}; DIRECT`;
    };
    expect(await listTenantIds({ proxy: { mode: 'system' }, resolveSystemProxy })).toContain(
      contoso,
    );
    expect(asked[0]).toBe(`${emu.armUrl}/tenants?api-version=2022-12-01`);
    expect(through.tunnels.length).toBeGreaterThan(0);
  });

  it('fail clearly when the proxy refuses the tunnel', async () => {
    const refusing = await proxy({ refuseWith: { status: 403, reason: 'Forbidden' } });
    const error = await failureOf(listTenantIds({ proxy: { mode: 'manual', url: refusing.url } }));
    expect(isRestError(error) && error.code).toBe('PROXY_REFUSED');
    expect((error as Error).message).toBe(
      `The proxy ${refusing.url} refused to connect to ${emu.knownAuthority} (HTTP 403 Forbidden). Check the proxy under Settings > Proxy, or ask your network administrator to allow ${emu.knownAuthority}.`,
    );
  });

  it('ask for proxy credentials when the proxy answers 407', async () => {
    const demanding = await proxy({
      refuseWith: { status: 407, reason: 'Proxy Authentication Required' },
    });
    const error = await failureOf(listTenantIds({ proxy: { mode: 'manual', url: demanding.url } }));
    expect(isRestError(error) && error.code).toBe('PROXY_AUTH_REQUIRED');
    expect((error as Error).message).toMatch(
      /asks for credentials.*http:\/\/user:password@host:port/,
    );
  });

  it('give up on a proxy that accepts the connection but never answers', async () => {
    const accepted: net.Socket[] = [];
    const silent = net.createServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const error = await failureOf(
        listTenantIds({
          proxy: { mode: 'manual', url: `http://127.0.0.1:${port}` },
          proxyConnectTimeoutMs: 200,
        }),
      );
      expect(isRestError(error) && error.code).toBe('PROXY_TIMEOUT');
      expect((error as Error).message).toMatch(/did not open a tunnel to 127\.0\.0\.1:\d+ within/);
    } finally {
      // Its sockets never read, so they would not notice the client leaving: close them here.
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('fail clearly when nothing listens at the proxy address', async () => {
    const port = await closedPort();
    const error = await failureOf(
      listTenantIds({ proxy: { mode: 'manual', url: `http://127.0.0.1:${port}` } }),
    );
    expect(isRestError(error) && error.code).toBe('PROXY_UNREACHABLE');
    expect((error as Error).message).toMatch(
      new RegExp(`The proxy http://127.0.0.1:${port} could not be reached \\(ECONNREFUSED\\)`),
    );
  });
});
