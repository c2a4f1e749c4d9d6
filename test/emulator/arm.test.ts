import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './emulator';
import { rawRequest } from './rawClient';
import { demoScenarioPath, fastSettings, userArmToken } from './testing';

let emu: RunningEmulator;
let admin = '';
let reader = '';
const ids = { contoso: '', fabrikam: '', prod: '', dev: '', platform: '', research: '' };

function arm(token: string | undefined, method: string, path: string, body?: unknown) {
  return rawRequest(`${emu.armUrl}${path}`, emu.caPem, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body,
  });
}

/** Follows nextLink to the end, as clients must. */
async function listAll<T>(token: string, path: string): Promise<T[]> {
  const items: T[] = [];
  let url: string | undefined = `${emu.armUrl}${path}`;
  while (url) {
    const page = (
      await rawRequest(url, emu.caPem, { headers: { authorization: `Bearer ${token}` } })
    ).body as { value: T[]; nextLink?: string };
    items.push(...page.value);
    url = page.nextLink;
  }
  return items;
}

const computePath = (sub: string, rg: string, ws: string, name: string, version = '2022-10-01') =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws}/computes/${name}?api-version=${version}`;
const aks = (sub: string, rg: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const attachBody = (resourceId: string, identity?: unknown) => ({
  location: 'westeurope',
  ...(identity ? { identity } : {}),
  properties: { computeType: 'Kubernetes', resourceId, properties: { namespace: 'default' } },
});

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  const byName = (n: string) =>
    emu.scenario.subscriptions.find((s) => s.displayName.startsWith(n))?.id ?? '';
  ids.contoso = emu.scenario.tenants[0]?.id ?? '';
  ids.fabrikam = emu.scenario.tenants[1]?.id ?? '';
  ids.prod = byName('Contoso ML Production');
  ids.dev = byName('Contoso ML Development');
  ids.platform = byName('Contoso Platform');
  ids.research = byName('Fabrikam Research');
  admin = await userArmToken(emu, 'admin@contoso.com', ids.contoso);
  reader = await userArmToken(emu, 'reader@contoso.com', ids.contoso);
});

afterAll(async () => {
  await emu.close();
});

describe('ARM authentication and api-version', () => {
  it('answers 401 with WWW-Authenticate and the ARM envelope without a token', async () => {
    const response = await arm(undefined, 'GET', '/subscriptions?api-version=2022-12-01');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer authorization_uri=/);
    expect(response.body).toEqual({
      error: { code: 'AuthenticationFailed', message: expect.any(String) },
    });
    expect(response.headers['x-ms-request-id']).toBeTruthy();
    expect(response.headers['x-ms-ratelimit-remaining-subscription-reads']).toBeTruthy();
  });

  it('answers 401 InvalidAuthenticationToken for a token whose signature does not match', async () => {
    const [header, payload, signature] = admin.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const forged = Buffer.from(
      JSON.stringify({ ...claims, oid: '00000000-0000-0000-0000-000000000001' }),
    ).toString('base64url');
    const response = await arm(
      `${header}.${forged}.${signature}`,
      'GET',
      '/subscriptions?api-version=2022-12-01',
    );
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
  });

  it('answers 401 InvalidAuthenticationTokenTenant for a token of another tenant than the subscription', async () => {
    const response = await arm(
      admin,
      'GET',
      `/subscriptions/${ids.research}/providers/Microsoft.MachineLearningServices/workspaces?api-version=2025-09-01`,
    );
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: { code: 'InvalidAuthenticationTokenTenant' } });
  });

  it('requires a supported api-version', async () => {
    expect((await arm(admin, 'GET', '/subscriptions')).body).toMatchObject({
      error: { code: 'MissingApiVersionParameter' },
    });
    const invalid = await arm(admin, 'GET', '/subscriptions?api-version=1999-01-01');
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: { code: 'InvalidApiVersionParameter' } });
  });
});

describe('ARM authorization (roles by scope)', () => {
  it('lists the tenants of the account and the subscriptions it has a role in', async () => {
    const tenants = await listAll<{ tenantId: string }>(admin, '/tenants?api-version=2022-12-01');
    expect(tenants.map((t) => t.tenantId).sort()).toEqual(
      emu.scenario.tenants.map((t) => t.id).sort(),
    );
    const subscriptions = (await arm(reader, 'GET', '/subscriptions?api-version=2022-12-01'))
      .body as { value: { subscriptionId: string }[]; nextLink?: string };
    // Page size 2: both of reader's subscriptions on the first page, nothing more.
    expect(subscriptions.value.map((s) => s.subscriptionId).sort()).toEqual(
      [ids.prod, ids.dev].sort(),
    );
    expect(subscriptions.nextLink).toBeUndefined();
  });

  it('answers 403 AuthorizationFailed to a Reader writing a compute', async () => {
    const response = await arm(
      reader,
      'PUT',
      computePath(ids.prod, 'rg-ml-prod-weu', 'mlw-fraud-prod', 'nope'),
      attachBody(aks(ids.prod, 'rg-ml-prod-weu', 'aks-cpu-prod-weu')),
    );
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      error: {
        code: 'AuthorizationFailed',
        message: expect.stringContaining('workspaces/computes/write'),
      },
    });
  });

  it('inherits a resource-group role, and answers 403 LinkedAuthorizationFailed for an identity the caller may not assign', async () => {
    const uai = `/subscriptions/${ids.prod}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-training`;
    const linked = await arm(
      reader,
      'PUT',
      computePath(ids.dev, 'rg-ml-dev', 'mlw-dev-sandbox', 'linked'),
      attachBody(aks(ids.dev, 'rg-ml-dev', 'aks-dev-weu'), {
        type: 'UserAssigned',
        userAssignedIdentities: { [uai]: {} },
      }),
    );
    expect(linked.status).toBe(403);
    expect(linked.body).toMatchObject({ error: { code: 'LinkedAuthorizationFailed' } });
    const allowed = await arm(
      reader,
      'PUT',
      computePath(ids.dev, 'rg-ml-dev', 'mlw-dev-sandbox', 'inherited'),
      attachBody(aks(ids.dev, 'rg-ml-dev', 'aks-dev-weu')),
    );
    expect(allowed.status).toBe(201);
  });

  it('answers 403 to a Contributor creating a role assignment (roleAssignments/write is not a Contributor action)', async () => {
    const scope = `/subscriptions/${ids.dev}/resourceGroups/rg-ml-dev`;
    const response = await arm(
      reader,
      'PUT',
      `${scope}/providers/Microsoft.Authorization/roleAssignments/3f2504e0-4f89-41d3-9a0c-0305e82c3301?api-version=2022-04-01`,
      {
        properties: {
          roleDefinitionId: `/subscriptions/${ids.dev}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`,
          principalId: emu.world.directory.findAccount('reader@contoso.com')?.homeObjectId,
        },
      },
    );
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      error: {
        code: 'AuthorizationFailed',
        message: expect.stringContaining('Microsoft.Authorization/roleAssignments/write'),
      },
    });
  });

  it('reports the caller permissions at a scope', async () => {
    const response = await arm(
      reader,
      'GET',
      `/subscriptions/${ids.prod}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`,
    );
    expect(response.body).toEqual({
      value: [{ actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] }],
    });
  });
});

describe('user-assigned identities', () => {
  it('creates one (201, then 200), listed at once but unknown to role assignments without principalType until replicated', async () => {
    await emu.control.updateSettings({ principalReplicationDelayMs: 60_000 });
    try {
      const path = `/subscriptions/${ids.prod}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-new?api-version=2024-11-30`;
      const created = await arm(admin, 'PUT', path, { location: 'westeurope' });
      expect(created.status).toBe(201);
      expect(
        (await arm(admin, 'PUT', path, { location: 'westeurope', tags: { team: 'ml' } })).status,
      ).toBe(200);
      const principalId = (created.body as { properties: { principalId: string } }).properties
        .principalId;
      const assignment = await arm(
        admin,
        'PUT',
        `/subscriptions/${ids.prod}/providers/Microsoft.Authorization/roleAssignments/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d?api-version=2022-04-01`,
        {
          properties: {
            roleDefinitionId: `/subscriptions/${ids.prod}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`,
            principalId,
          },
        },
      );
      expect(assignment.status).toBe(400);
      expect(assignment.body).toMatchObject({ error: { code: 'PrincipalNotFound' } });
      expect((await emu.control.principal(principalId)).replicated).toBe(false);
    } finally {
      await emu.control.updateSettings({
        principalReplicationDelayMs: fastSettings.principalReplicationDelayMs,
      });
    }
  });
});

describe('compute attach validation and lifecycle', () => {
  const ws = () => ['mlw-fraud-prod', ids.prod, 'rg-ml-prod-weu'] as const;
  const put = (name: string, body: unknown) =>
    arm(admin, 'PUT', computePath(ids.prod, 'rg-ml-prod-weu', ws()[0], name), body);
  const cluster = () => aks(ids.prod, 'rg-ml-prod-weu', 'aks-gpu-prod-weu');

  it.each([
    ['a', 'too short'],
    ['abcdefghijklmnopq', 'too long'],
    ['9lives', 'starts with a digit'],
    ['ends-', 'ends with a hyphen'],
    ['under_score', 'has an underscore'],
  ])('refuses the compute name %s (%s) with 400', async (name) => {
    const response = await put(name, attachBody(cluster()));
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/Compute name is invalid/);
  });

  it('refuses identities other than None, SystemAssigned or exactly one UserAssigned', async () => {
    const uai = (n: string) =>
      `/subscriptions/${ids.prod}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${n}`;
    const two = await put(
      'two-ids',
      attachBody(cluster(), {
        type: 'UserAssigned',
        userAssignedIdentities: { [uai('id-ml-training')]: {}, [uai('id-ml-inference')]: {} },
      }),
    );
    expect(two.status).toBe(400);
    const both = await put(
      'both-ids',
      attachBody(cluster(), {
        type: 'SystemAssigned,UserAssigned',
        userAssignedIdentities: { [uai('id-ml-training')]: {} },
      }),
    );
    expect(both.status).toBe(400);
  });

  it('refuses to attach over a compute of another type with the same name', async () => {
    const response = await put('cpu-cluster', attachBody(cluster()));
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/unique per workspace/);
  });

  it('refuses a resourceId that is not an existing AKS or Arc cluster', async () => {
    const storage = `/subscriptions/${ids.prod}/resourceGroups/rg-ml-prod-weu/providers/Microsoft.Storage/storageAccounts/stmlwfraudprod`;
    expect((await put('not-a-cluster', attachBody(storage))).status).toBe(400);
    expect(
      (await put('gone-cluster', attachBody(aks(ids.prod, 'rg-ml-prod-weu', 'aks-missing'))))
        .status,
    ).toBe(400);
  });

  it('answers 201 with an Azure-AsyncOperation URL carrying extra signed parameters, then 409 while the attach runs', async () => {
    // A slow LRO (as the control API can make one) keeps the attach running for the whole test.
    await emu.control.updateSettings({ attachDelayMs: 600_000 });
    const response = await put('lro-shape', attachBody(cluster())).finally(() =>
      emu.control.updateSettings({ attachDelayMs: fastSettings.attachDelayMs }),
    );
    expect(response.status).toBe(201);
    const status = new URL(String(response.headers['azure-asyncoperation']));
    expect(status.pathname).toMatch(
      new RegExp(
        `^/subscriptions/${ids.prod}/providers/Microsoft.MachineLearningServices/locations/westeurope/computeOperationsStatus/[0-9a-f-]{36}$`,
      ),
    );
    expect([...status.searchParams.keys()]).toEqual(['api-version', 'service', 'se', 'sig']);
    expect(response.body).toMatchObject({
      properties: {
        provisioningState: 'Creating',
        isAttachedCompute: true,
        properties: { extensionInstanceReleaseTrain: 'stable', relayConnectionString: null },
      },
    });
    expect((await put('lro-shape', attachBody(cluster()))).status).toBe(409);
    const first = await rawRequest(status.toString(), emu.caPem, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(first.body).toEqual({ status: 'InProgress' });
  });

  it('fails late when the cluster is in another subscription than the workspace', async () => {
    const response = await arm(
      admin,
      'PUT',
      computePath(ids.dev, 'rg-ml-dev', 'mlw-dev-sandbox', 'xsub'),
      attachBody(aks(ids.platform, 'rg-aks-shared', 'aks-shared-weu')),
    );
    expect(response.status).toBe(201);
    const statusUrl = String(response.headers['azure-asyncoperation']);
    let status: { status: string; error?: { message: string } } = { status: 'InProgress' };
    const deadline = Date.now() + 10_000;
    while (status.status === 'InProgress') {
      if (Date.now() > deadline)
        throw new Error('The cross-subscription attach was still InProgress after 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (
        await rawRequest(statusUrl, emu.caPem, { headers: { authorization: `Bearer ${admin}` } })
      ).body as typeof status;
    }
    expect(status).toMatchObject({
      status: 'Failed',
      error: { message: expect.stringMatching(/same subscription/) },
    });
  });

  it('requires underlyingResourceAction on DELETE and answers 204 for a missing compute', async () => {
    const path = computePath(ids.prod, 'rg-ml-prod-weu', 'mlw-fraud-prod', 'gpu-prod');
    expect((await arm(admin, 'DELETE', path)).status).toBe(400);
    expect(
      (
        await arm(
          admin,
          'DELETE',
          `${computePath(ids.prod, 'rg-ml-prod-weu', 'mlw-fraud-prod', 'never')}&underlyingResourceAction=Detach`,
        )
      ).status,
    ).toBe(204);
  });

  it('lists other compute types beside Kubernetes ones and answers 404 ResourceNotFound for a missing one', async () => {
    const missing = await arm(
      admin,
      'GET',
      computePath(ids.prod, 'rg-ml-prod-weu', 'mlw-fraud-prod', 'missing'),
    );
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'ResourceNotFound' } });
  });
});
