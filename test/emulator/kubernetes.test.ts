import https from 'node:https';
import { PublicClientApplication } from '@azure/msal-node';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './emulator';
import { decodeJwt } from './entra/jwt';
import { AKS_SERVER_APP_ID } from './kubernetes/kubeconfig';
import { rawRequest } from './rawClient';
import { fastSettings } from './testing';
import { msalOptionsFor } from './trust';
import { T, aksId, arcId, preflightScenario } from '../preflight/preflight-scenario';

let emu: RunningEmulator;
const AKS_SCOPE = `${AKS_SERVER_APP_ID}/.default`;

/** A user's access token for any scope: interactive sign-in scripted by the emulator, then silent. */
async function tokenFor(username: string, scope: string): Promise<string> {
  const options = msalOptionsFor(emu, T);
  const app = new PublicClientApplication({
    auth: { ...options.auth, clientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46' },
    system: options.system,
  });
  const first = await app.acquireTokenInteractive({
    scopes: [`${emu.armUrl}/.default`],
    openBrowser: async (url) => {
      await emu.control.completeBrowserSignIn(url, username);
    },
  });
  if (scope === `${emu.armUrl}/.default`) return first.accessToken;
  if (!first.account) throw new Error('no account');
  return (await app.acquireTokenSilent({ account: first.account, scopes: [scope] })).accessToken;
}

interface Kubeconfig {
  clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>;
  users: Array<{ user: Record<string, unknown> & { exec?: { args: string[] } } }>;
}

async function credentialOf(clusterId: string, username = 'admin@contoso.com') {
  const token = await tokenFor(username, `${emu.armUrl}/.default`);
  const response = await rawRequest(
    `${emu.armUrl}${clusterId}/listClusterUserCredential?api-version=2025-07-01`,
    emu.caPem,
    { method: 'POST', headers: { authorization: `Bearer ${token}` } },
  );
  return response;
}

function kubeconfigOf(body: unknown): Kubeconfig {
  const value = (body as { kubeconfigs: Array<{ value: string }> }).kubeconfigs[0]?.value ?? '';
  return parseYaml(Buffer.from(value, 'base64').toString('utf8')) as Kubeconfig;
}

/** A namespace GET against an API server, trusting only the cluster CA. */
function getNamespace(
  server: string,
  namespace: string,
  auth: { token?: string; cert?: string; key?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      `${server}/api/v1/namespaces/${namespace}`,
      {
        ca: emu.kubernetes.caPem,
        ...(auth.cert ? { cert: auth.cert, key: auth.key } : {}),
        headers: auth.token ? { authorization: `Bearer ${auth.token}` } : {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
          }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

beforeAll(async () => {
  emu = await startEmulator({ scenario: preflightScenario(), settings: fastSettings });
});
afterAll(async () => {
  await emu.close();
});

describe('listClusterUserCredential', () => {
  it('answers an AKS kubeconfig naming its API server, the cluster CA and kubelogin for the AKS server app', async () => {
    const response = await credentialOf(aksId('aks-ready'));
    expect(response.status).toBe(200);
    const config = kubeconfigOf(response.body);
    const cluster = config.clusters[0]?.cluster;
    expect(cluster?.server).toBe(emu.kubernetes.serverUrlOf(aksId('aks-ready')));
    expect(new URL(cluster?.server ?? '').origin).not.toBe(emu.armUrl);
    expect(Buffer.from(cluster?.['certificate-authority-data'] ?? '', 'base64').toString()).toBe(
      emu.kubernetes.caPem,
    );
    expect(config.users[0]?.user.exec?.args).toContain(AKS_SERVER_APP_ID);
  });

  it('gives a local-accounts cluster a client certificate instead', async () => {
    const user = kubeconfigOf((await credentialOf(aksId('aks-local'))).body).users[0]?.user;
    expect(user?.['client-certificate-data']).toEqual(expect.any(String));
    expect(user?.['client-key-data']).toEqual(expect.any(String));
    expect(user?.exec).toBeUndefined();
  });

  it('refuses a caller without listClusterUserCredential/action (Reader)', async () => {
    const response = await credentialOf(aksId('aks-ready'), 'reader@contoso.com');
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      error: {
        code: 'AuthorizationFailed',
        message: expect.stringContaining(
          'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action',
        ) as unknown,
      },
    });
  });

  it('answers Arc cluster connect relay details for an AAD request, and 400 without a method', async () => {
    const token = await tokenFor('admin@contoso.com', `${emu.armUrl}/.default`);
    const url = `${emu.armUrl}${arcId('arc-ready')}/listClusterUserCredential?api-version=2024-01-01`;
    const headers = { authorization: `Bearer ${token}` };
    const ok = await rawRequest(url, emu.caPem, {
      method: 'POST',
      headers,
      body: { authenticationMethod: 'AAD', clientProxy: true },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      hybridConnectionConfig: {
        relay: expect.any(String) as unknown,
        token: expect.stringMatching(/^SharedAccessSignature /) as unknown,
      },
      kubeconfigs: [{ name: 'credentialName1', value: expect.any(String) as unknown }],
    });
    const bad = await rawRequest(url, emu.caPem, { method: 'POST', headers, body: {} });
    expect(bad.status).toBe(400);
  });
});

describe('the Kubernetes API', () => {
  const server = (name: string) => emu.kubernetes.serverUrlOf(aksId(name));

  it('answers a namespace for an Entra token of the AKS server application, and 404 NotFound for a missing one', async () => {
    const token = await tokenFor('admin@contoso.com', AKS_SCOPE);
    expect(decodeJwt(token)['aud']).toBe(AKS_SERVER_APP_ID);
    const present = await getNamespace(server('aks-ready'), 'team-a', { token });
    expect(present).toMatchObject({
      status: 200,
      body: { kind: 'Namespace', metadata: { name: 'team-a' }, status: { phase: 'Active' } },
    });
    const missing = await getNamespace(server('aks-ready'), 'team-b', { token });
    expect(missing).toMatchObject({
      status: 404,
      body: { kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404 },
    });
  });

  it('answers 401 Unauthorized without a token and for an ARM token', async () => {
    expect((await getNamespace(server('aks-ready'), 'default')).body).toMatchObject({
      kind: 'Status',
      reason: 'Unauthorized',
      code: 401,
    });
    const armToken = await tokenFor('admin@contoso.com', `${emu.armUrl}/.default`);
    expect((await getNamespace(server('aks-ready'), 'default', { token: armToken })).status).toBe(
      401,
    );
  });

  it('answers 403 Forbidden where Kubernetes RBAC does not let the user read namespaces', async () => {
    const token = await tokenFor('admin@contoso.com', AKS_SCOPE);
    const forbidden = await getNamespace(server('aks-rbac'), 'default', { token });
    expect(forbidden).toMatchObject({
      status: 403,
      body: {
        reason: 'Forbidden',
        message:
          'namespaces "default" is forbidden: User "admin@contoso.com" cannot get resource "namespaces" in API group "" in the namespace "default"',
      },
    });
  });

  it('drops the connection of a cluster the desktop cannot reach', async () => {
    const token = await tokenFor('admin@contoso.com', AKS_SCOPE);
    await expect(getNamespace(server('aks-private'), 'default', { token })).rejects.toThrow();
    expect(emu.kubernetes.requests().at(-1)).toMatchObject({ status: 0 });
  });

  it('takes the local account certificate of a local-accounts cluster, and nothing else', async () => {
    const user = kubeconfigOf((await credentialOf(aksId('aks-local'))).body).users[0]?.user ?? {};
    const decode = (key: string) => Buffer.from(String(user[key]), 'base64').toString();
    const cert = decode('client-certificate-data');
    const key = decode('client-key-data');
    expect((await getNamespace(server('aks-local'), 'team-a', { cert, key })).status).toBe(200);
    const token = await tokenFor('admin@contoso.com', AKS_SCOPE);
    expect((await getNamespace(server('aks-local'), 'team-a', { token })).status).toBe(401);
    // Another cluster's certificate is not this cluster's account.
    expect((await getNamespace(server('aks-ready'), 'team-a', { cert, key })).status).toBe(401);
  });

  it('serves a certificate of the cluster CA that the emulator ARM CA does not vouch for', async () => {
    await expect(
      rawRequest(`${server('aks-ready')}/api/v1/namespaces/default`, emu.caPem),
    ).rejects.toThrow();
  });
});
