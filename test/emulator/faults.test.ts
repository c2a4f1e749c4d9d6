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

  it('faults only the method a burst names', async () => {
    await emu.control.addErrorBurst({
      pathPattern: 'Microsoft\\.MachineLearningServices/workspaces$',
      method: 'PUT',
      status: 503,
      count: 1,
    });
    // A GET of the same path is not the PUT the burst is waiting for.
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(200);
    const put = await rawRequest(`${emu.armUrl}${workspacesPath}`, emu.caPem, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
      body: {},
    });
    expect(put.status).toBe(503);
  });

  it('lets the SDK retry through a 503 burst', async () => {
    // Read only what this test causes: the log may hold the bursts of earlier tests.
    emu.requestLog.clear();
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
    const tries = emu.requestLog.find({ kind: 'arm', pathPattern: '/workspaces/mlw-fraud-prod$' });
    expect(tries.map((entry) => [entry.status, entry.fault ?? 'none'])).toEqual([
      [503, 'burst'],
      [200, 'none'],
    ]);
  });

  it('drops the connection of the next matching request', async () => {
    await emu.control.dropConnections({ pathPattern: 'workspaces$', count: 1 });
    await expect(get()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await get()).status).toBe(200);
  });

  it('throttles with 429, Retry-After and the remaining count at 0', async () => {
    await emu.control.setThrottling({
      // One read token back every 10 s: the Retry-After after the only token is taken.
      reads: { capacity: 1, refillPerSecond: 0.1 },
      writes: { capacity: 10, refillPerSecond: 1 },
      deletes: { capacity: 10, refillPerSecond: 1 },
    });
    expect((await get()).headers['x-ms-ratelimit-remaining-subscription-reads']).toBe('0');
    const throttled = await get();
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('10'); // whole seconds until a token is back
    expect(throttled.body).toMatchObject({ error: { code: 'SubscriptionRequestsThrottled' } });
  });

  it('reports the latency it was given', async () => {
    await emu.control.setLatency({ fixedMs: 20, jitterMs: 10 });
    expect((await emu.control.faults()).latency).toEqual({ fixedMs: 20, jitterMs: 10 });
  });

  it('holds every request back by at least the configured latency, and still answers', async () => {
    // A lower bound only: the emulator cannot answer sooner than it was told to wait, however
    // busy the machine is, so this is no bet on timing.
    const fixedMs = 250;
    await emu.control.setLatency({ fixedMs, jitterMs: 0 });
    emu.requestLog.clear();
    const started = performance.now();
    const answer = await get();
    const elapsed = performance.now() - started;
    expect(answer.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(fixedMs);
    const [logged] = emu.requestLog.find({ kind: 'arm' });
    expect(logged?.durationMs).toBeGreaterThanOrEqual(fixedMs);
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
