import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorControlError } from './control/client';
import { startEmulator, type RunningEmulator } from './emulator';
import { rawRequest } from './rawClient';
import { automationCredential, demoScenarioPath, fastSettings } from './testing';
import { armClientOptions } from './trust';

let emu: RunningEmulator;
let token = '';
let workspacesPath = '';

const get = (path = workspacesPath) =>
  rawRequest(`${emu.armUrl}${path}`, emu.caPem, { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  token = (await automationCredential(emu).getToken(`${emu.armUrl}/.default`))?.token ?? '';
  workspacesPath = `/subscriptions/${emu.scenario.subscriptions[0]?.id}/providers/Microsoft.MachineLearningServices/workspaces?api-version=2025-09-01`;
});

afterEach(async () => {
  await emu.control.resetFaults();
});

afterAll(async () => {
  await emu.close();
});

describe('fault injection', () => {
  it('answers the next N matching requests with a 5xx burst, then normally', async () => {
    await emu.control.addErrorBurst({
      pathPattern: 'Microsoft\\.MachineLearningServices/workspaces$',
      status: 503,
      count: 2,
    });
    const statuses = [(await get()).status, (await get()).status, (await get()).status];
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('lets the SDK retry through a 503 burst', async () => {
    await emu.control.addErrorBurst({
      pathPattern: '/workspaces/mlw-fraud-prod$',
      method: 'GET',
      status: 503,
      count: 1,
    });
    const client = new AzureMachineLearningWorkspaces(
      automationCredential(emu),
      emu.scenario.subscriptions[0]?.id ?? '',
      { ...armClientOptions(emu), retryOptions: { retryDelayInMs: 10, maxRetryDelayInMs: 50 } },
    );
    const workspace = await client.workspaces.get('rg-ml-prod-weu', 'mlw-fraud-prod');
    expect(workspace.name).toBe('mlw-fraud-prod');
    expect(emu.requestLog.entries().filter((e) => e.fault === 'burst')).not.toHaveLength(0);
  });

  it('drops the connection of the next matching request', async () => {
    await emu.control.dropConnections({ pathPattern: 'workspaces$', count: 1 });
    await expect(get()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await get()).status).toBe(200);
  });

  it('throttles with 429, Retry-After and the remaining count at 0', async () => {
    await emu.control.setThrottling({
      reads: { capacity: 1, refillPerSecond: 0.5 },
      writes: { capacity: 10, refillPerSecond: 1 },
      deletes: { capacity: 10, refillPerSecond: 1 },
    });
    expect((await get()).headers['x-ms-ratelimit-remaining-subscription-reads']).toBe('0');
    const throttled = await get();
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toMatch(/^[12]$/); // whole seconds until a token is back
    expect(throttled.body).toMatchObject({ error: { code: 'SubscriptionRequestsThrottled' } });
  });

  it('holds requests back by the configured latency and still answers', async () => {
    await emu.control.setLatency({ fixedMs: 20, jitterMs: 10 });
    expect((await emu.control.faults()).latency).toEqual({ fixedMs: 20, jitterMs: 10 });
    expect((await get()).status).toBe(200);
  });

  it('logs requests with method, path, status and account', async () => {
    await emu.control.clearRequestLog();
    await get();
    const log = await emu.control.requestLog();
    expect(log).toEqual([
      expect.objectContaining({
        method: 'GET',
        status: 200,
        kind: 'arm',
        account: emu.scenario.servicePrincipals[0]?.clientId,
        path: workspacesPath,
      }),
    ]);
  });

  it('refuses control requests without the secret', async () => {
    const response = await rawRequest(`${emu.controlUrl}/faults`, emu.caPem);
    expect(response.status).toBe(401);
    await expect(
      emu.control.addErrorBurst({ pathPattern: 'x', status: 404, count: 1 }),
    ).rejects.toBeInstanceOf(EmulatorControlError);
  });
});
