import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './emulator';
import { parseScenario } from './scenario/load';
import { armCaller, demoScenarioPath, eventually, fastSettings, userArmToken } from './testing';

let emu: RunningEmulator;
let call: ReturnType<typeof armCaller>;
const prod = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const rg = 'rg-ml-prod-weu';
const workspacePath = `/subscriptions/${prod}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud-prod`;
const cluster = `/subscriptions/${prod}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/aks-gpu-prod-weu`;
const computePath = (name: string, query = '') =>
  `${workspacePath}/computes/${name}?api-version=2025-09-01${query}`;
const attachBody = {
  location: 'westeurope',
  properties: { computeType: 'Kubernetes', resourceId: cluster, properties: { namespace: 'ml' } },
};

async function attach(name: string): Promise<string> {
  const response = await call('PUT', computePath(name), attachBody);
  expect(response.status).toBe(201);
  return String(response.headers['azure-asyncoperation']);
}

async function attachAndSettle(name: string): Promise<void> {
  const status = await attach(name);
  await eventually(`${name} attached`, async () => {
    const body = (await call('GET', status)).body as { status: string };
    return body.status === 'InProgress' ? undefined : body;
  });
}

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  call = armCaller(
    emu,
    await userArmToken(emu, 'admin@contoso.com', emu.scenario.tenants[0]?.id ?? ''),
  );
});

afterAll(async () => {
  await emu.close();
});

describe('compute operation status (Azure-AsyncOperation)', () => {
  it('defaults Retry-After to a few seconds, as Azure', () => {
    const minimal = parseScenario({
      tenants: [
        {
          id: '11111111-1111-4111-8111-111111111111',
          displayName: 'T',
          defaultDomain: 't.example',
        },
      ],
    });
    expect(minimal.settings.operationRetryAfterSeconds).toBe(5);
  });

  it('answers InProgress with the Retry-After of the settings while the attach runs', async () => {
    await emu.control.updateSettings({ attachDelayMs: 600_000, operationRetryAfterSeconds: 3 });
    try {
      const status = await attach('retry-after');
      const running = await call('GET', status);
      expect(running.status).toBe(200);
      expect(running.body).toEqual({ status: 'InProgress' });
      expect(running.headers['retry-after']).toBe('3');
    } finally {
      await emu.control.updateSettings({
        attachDelayMs: fastSettings.attachDelayMs,
        operationRetryAfterSeconds: 0,
      });
    }
  });

  it('reports every injected provisioningErrors entry on the compute, the first on the status', async () => {
    await emu.control.failAttachLate({
      computeName: 'late-many',
      message: 'unused when errors are given',
      errors: [
        { code: 'ClusterUnreachable', message: 'The cluster did not answer.' },
        { code: 'ExtensionUnhealthy', message: 'The azureml extension is not ready.' },
      ],
    });
    const status = await attach('late-many');
    const final = await eventually('late failure', async () => {
      const body = (await call('GET', status)).body as { status: string };
      return body.status === 'InProgress' ? undefined : body;
    });
    expect(final).toEqual({
      status: 'Failed',
      error: { code: 'ClusterUnreachable', message: 'The cluster did not answer.' },
    });
    const compute = await call('GET', computePath('late-many'));
    expect(compute.body).toMatchObject({
      properties: {
        provisioningState: 'Failed',
        provisioningErrors: [
          { error: { code: 'ClusterUnreachable', message: 'The cluster did not answer.' } },
          { error: { code: 'ExtensionUnhealthy', message: 'The azureml extension is not ready.' } },
        ],
      },
    });
  });
});

describe('detach (DELETE ?underlyingResourceAction=Detach)', () => {
  it('answers 202 with Azure-AsyncOperation, Location and Retry-After; Location answers 202 while it runs', async () => {
    await attachAndSettle('detach-slow');
    await emu.control.updateSettings({ deleteDelayMs: 600_000, operationRetryAfterSeconds: 2 });
    try {
      const detached = await call(
        'DELETE',
        computePath('detach-slow', '&underlyingResourceAction=Detach'),
      );
      expect(detached.status).toBe(202);
      expect(detached.text).toBe('');
      expect(detached.headers['retry-after']).toBe('2');
      const asyncOperation = new URL(String(detached.headers['azure-asyncoperation']));
      const location = new URL(String(detached.headers['location']));
      expect(location.pathname).toBe(asyncOperation.pathname);
      expect(location.searchParams.get('type')).toBe('location');
      const polled = await call('GET', location.toString());
      expect(polled.status).toBe(202);
      expect(polled.text).toBe('');
      expect(polled.headers['retry-after']).toBe('2');
      expect(polled.headers['location']).toBe(location.toString());
      expect((await call('GET', asyncOperation.toString())).body).toEqual({
        status: 'InProgress',
      });
      expect((await call('GET', computePath('detach-slow'))).body).toMatchObject({
        properties: { provisioningState: 'Deleting' },
      });
    } finally {
      await emu.control.updateSettings({
        deleteDelayMs: fastSettings.deleteDelayMs,
        operationRetryAfterSeconds: 0,
      });
    }
  });

  it('answers 204 on the Location URL and Succeeded on the status URL once the compute is gone', async () => {
    await attachAndSettle('detach-done');
    const detached = await call(
      'DELETE',
      computePath('detach-done', '&underlyingResourceAction=Detach'),
    );
    expect(detached.status).toBe(202);
    const location = String(detached.headers['location']);
    const done = await eventually('detach to finish', async () => {
      const polled = await call('GET', location);
      return polled.status === 202 ? undefined : polled;
    });
    expect(done.status).toBe(204);
    expect(done.text).toBe('');
    expect((await call('GET', String(detached.headers['azure-asyncoperation']))).body).toEqual({
      status: 'Succeeded',
      percentComplete: 100.0,
    });
    expect((await call('GET', computePath('detach-done'))).status).toBe(404);
  });

  it('refuses a DELETE without underlyingResourceAction with 400 and answers 204 for a missing compute', async () => {
    const missingAction = await call('DELETE', computePath('gpu-prod'));
    expect(missingAction.status).toBe(400);
    expect(missingAction.body).toMatchObject({
      error: { code: 'BadRequest', target: 'underlyingResourceAction' },
    });
    expect((await call('GET', computePath('gpu-prod'))).status).toBe(200);
    const missing = await call(
      'DELETE',
      computePath('never-was', '&underlyingResourceAction=Detach'),
    );
    expect(missing.status).toBe(204);
    expect(missing.headers['location']).toBeUndefined();
  });
});
