import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTenants } from '../../electron/auth/tenant-discovery';
import { createConnectionRuntime } from '../../electron/connection/build-runtime';
import type { ConnectionRuntime } from '../../electron/connection/runtime';
import { createNetworkTransport } from '../../electron/network/transport';
import { listTenantSubscriptions } from '../../electron/subscriptions/arm-listing';
import { tokenCredential } from '../emulator/trust';
import { json, startScriptedServer, type ScriptedServer } from '../network/scripted-server';
import { recordingLogger } from './accounts-harness';

const contoso = 'bd79c068-555e-57b3-b248-2d47f661607e';
const fabrikam = '3f1c9b0e-8a6d-4c2e-9b7a-1d2e3f4a5b6c';
const subscription = '0b1f6471-1bf0-4dda-aec3-cb9272f09590';
const SECRET_LOOKING = 'not-a-guid-but-a-value-to-keep-out-of-logs';

/** A Resource Manager whose pages mix good entries with entries that fail their schema. */
let arm: ScriptedServer;
let runtime: ConnectionRuntime;

beforeAll(async () => {
  arm = await startScriptedServer((request, response) => {
    if (request.url?.startsWith('/tenants')) {
      json(response, 200, {
        value: [
          { tenantId: contoso, displayName: 'Contoso Ltd', defaultDomain: 'contoso.com' },
          { tenantId: SECRET_LOOKING, displayName: 'Not a tenant' },
          { tenantId: 42 },
          null,
          'a string where a tenant belongs',
          { displayName: 'No id at all' },
          { tenantId: fabrikam.toUpperCase(), displayName: 'x'.repeat(5000) },
          { tenantId: fabrikam, displayName: null, domains: ['fabrikam.com'] },
        ],
      });
      return;
    }
    json(response, 200, {
      value: [
        { subscriptionId: subscription, tenantId: contoso, displayName: 'Production' },
        { subscriptionId: SECRET_LOOKING, tenantId: contoso, displayName: 'Broken' },
        { subscriptionId: subscription.replace('0b', '1b'), tenantId: 'not-a-tenant' },
        null,
      ],
    });
  });
  runtime = createConnectionRuntime({
    cloud: {
      id: 'Custom',
      displayName: 'Scripted',
      resourceManager: arm.url,
      authorityHost: arm.url,
      armScope: `${arm.url}/.default`,
    },
    clientId: 'unused',
    transport: createNetworkTransport({
      proxy: { mode: 'none' },
      extraCaPems: [arm.caPem],
      resolveSystemProxy: async () => null,
    }),
  });
});
afterAll(async () => {
  await arm.close();
});

const credential = tokenCredential(async () => ({ accessToken: 'unused', expiresOn: null }));

describe('answers from Azure are checked entry by entry', () => {
  it('keeps the valid tenants of a page and drops (and logs) the others', async () => {
    const logger = recordingLogger();
    const tenants = await listTenants(runtime, credential, AbortSignal.timeout(10_000), logger);

    expect(tenants).toEqual([
      { tenantId: contoso, displayName: 'Contoso Ltd', defaultDomain: 'contoso.com' },
      { tenantId: fabrikam, displayName: 'fabrikam.com', defaultDomain: 'fabrikam.com' },
    ]);
    const dropped = logger.lines.filter((line) => line.includes('Ignored a tenant'));
    expect(dropped.length).toBeGreaterThanOrEqual(5);
    expect(logger.lines.join('\n')).not.toContain(SECRET_LOOKING);
  });

  it('keeps the valid subscriptions of a page and drops (and logs) the others', async () => {
    const logger = recordingLogger();
    const listed = await listTenantSubscriptions({
      credential,
      clientOptions: runtime.armClientOptions(),
      tenantId: contoso,
      logger,
    });

    expect(listed.map((s) => s.subscriptionId)).toEqual([subscription]);
    expect(logger.lines.filter((line) => line.includes('Ignored a subscription')).length).toBe(3);
    expect(logger.lines.join('\n')).not.toContain(SECRET_LOOKING);
  });

  it("are handed over by the SDK as they came, so the check is Mooring's own", async () => {
    const client = new SubscriptionClient(credential, runtime.armClientOptions());
    const raw: unknown[] = [];
    for await (const tenant of client.tenants.list()) raw.push(tenant);
    expect(raw.length).toBeGreaterThan(2);
  });
});
