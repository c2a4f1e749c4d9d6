import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './emulator';
import { demoScenarioPath, fastSettings, userArmCaller, type ArmCaller } from './testing';

let emu: RunningEmulator;
let contoso: ArmCaller;
const prod = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const dev = '711e748e-5b30-500e-8298-08fb2b032255';
const platform = '1b64c9cc-da2f-576e-9210-f5fd7d05790e';
const research = '4a6a65ca-1384-5662-9425-06767a84562c';
const graph = '/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01';
const workspacesQuery = "resources | where type =~ 'microsoft.machinelearningservices/workspaces'";

interface GraphPage {
  totalRecords: number;
  count: number;
  data: Array<{ id: string; type: string; subscriptionId: string; properties?: unknown }>;
  $skipToken?: string;
}

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  contoso = await userArmCaller(emu, 'admin@contoso.com', 'Contoso');
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  await emu.control.updateSettings({
    pageSize: fastSettings.pageSize,
    resourceGraph: 'available',
    resourceGraphQuota: 15,
  });
});

describe('Resource Graph resources query', () => {
  it('answers the workspaces of the subscriptions asked for, page after page with $skipToken', async () => {
    const rows: GraphPage['data'] = [];
    let skipToken: string | undefined;
    let pages = 0;
    do {
      const response = await contoso('POST', graph, {
        subscriptions: [prod, dev, platform],
        query: workspacesQuery,
        options: {
          $top: 1000,
          resultFormat: 'objectArray',
          ...(skipToken ? { $skipToken: skipToken } : {}),
        },
      });
      expect(response.status).toBe(200);
      const page = response.body as GraphPage;
      expect(page.count).toBe(page.data.length);
      expect(page.count).toBeLessThanOrEqual(fastSettings.pageSize);
      rows.push(...page.data);
      skipToken = page.$skipToken;
      pages += 1;
      expect(page.totalRecords).toBeGreaterThanOrEqual(rows.length);
    } while (skipToken);

    expect(pages).toBeGreaterThan(1);
    const listed = (
      await contoso(
        'GET',
        `/subscriptions/${prod}/providers/Microsoft.MachineLearningServices/workspaces?api-version=2024-04-01`,
      )
    ).body as { value: Array<{ id: string }> };
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(listed.value.map((w) => w.id)));
    expect(new Set(rows.map((r) => r.type))).toEqual(
      new Set(['microsoft.machinelearningservices/workspaces']),
    );
    expect(rows.every((r) => [prod, dev, platform].includes(r.subscriptionId))).toBe(true);
  });

  it('leaves out subscriptions of another tenant than the token’s', async () => {
    const response = await contoso('POST', graph, {
      subscriptions: [research],
      query: workspacesQuery,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ totalRecords: 0, count: 0, data: [] });
  });

  it('answers the Azure ML extensions from the kubernetesconfigurationresources table', async () => {
    await emu.control.updateSettings({ pageSize: 100 });
    const response = await contoso('POST', graph, {
      subscriptions: [prod],
      query:
        "kubernetesconfigurationresources | where type =~ 'microsoft.kubernetesconfiguration/extensions'",
    });
    const page = response.body as GraphPage;
    expect(page.data.length).toBeGreaterThan(0);
    expect(
      page.data.every((row) =>
        /\/providers\/Microsoft\.KubernetesConfiguration\/extensions\/[^/]+$/i.test(row.id),
      ),
    ).toBe(true);
  });

  it('answers a query shape it does not know with Resource Graph’s InvalidQuery', async () => {
    const response = await contoso('POST', graph, {
      subscriptions: [prod],
      query: 'resources | summarize count() by type',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { code: 'BadRequest', details: [{ code: 'InvalidQuery' }] },
    });
  });

  it('refuses an api-version the spec does not list', async () => {
    const response = await contoso(
      'POST',
      '/providers/Microsoft.ResourceGraph/resources?api-version=2017-01-01',
      { subscriptions: [prod], query: workspacesQuery },
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'InvalidApiVersionParameter' } });
  });

  it('counts its per-user quota down in its headers and answers 429 once it is spent', async () => {
    await emu.control.updateSettings({ resourceGraphQuota: 2 });
    const ask = () => contoso('POST', graph, { subscriptions: [prod], query: workspacesQuery });

    const first = await ask();
    const second = await ask();
    const third = await ask();

    expect(first.headers['x-ms-user-quota-remaining']).toBe('1');
    expect(second.headers['x-ms-user-quota-remaining']).toBe('0');
    expect(second.headers['x-ms-user-quota-resets-after']).toMatch(/^00:00:0[1-5]$/);
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({ error: { code: 'RateLimiting' } });
  });

  it('answers 404 as a cloud without Resource Graph does', async () => {
    await emu.control.updateSettings({ resourceGraph: 'absent' });
    const response = await contoso('POST', graph, {
      subscriptions: [prod],
      query: workspacesQuery,
    });
    expect(response.status).toBe(404);
  });
});
