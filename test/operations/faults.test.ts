import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { contract } from '../../shared/ipc/contract';
import type { ConnectionRuntime } from '../../electron/connection/runtime';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { automationCredential, demoScenarioPath, fastSettings } from '../emulator/testing';
import { emulatorRuntime } from '../support/emulator-runtime';
import { signIn, silentCredential } from '../subscriptions/emulator-directory';
import {
  armRequests,
  ended,
  ids,
  startOperations,
  temporaryFolder,
  type ServiceUnderTest,
} from './operations-fixture';

let emu: RunningEmulator;
let automation: TokenCredential;
let reader: TokenCredential;
let folder: ReturnType<typeof temporaryFolder>;
const started: ServiceUnderTest[] = [];

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  automation = automationCredential(emu);
  reader = silentCredential(emu, await signIn(emu, 'reader@contoso.com'), ids.contoso);
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  folder = temporaryFolder();
  emu.requestLog.clear();
});
afterEach(async () => {
  for (const sut of started.splice(0)) await sut.stop();
  await emu.control.resetFaults();
  await emu.control.updateSettings(fastSettings);
  folder.dispose();
});

function operations(options: Partial<Parameters<typeof startOperations>[0]> = {}) {
  const sut = startOperations({ emu, file: folder.file, credentials: { automation }, ...options });
  started.push(sut);
  return sut;
}

const attach = (computeName: string, overrides: Record<string, unknown> = {}) =>
  contract.operations['attach.start'].input.parse({
    workspaceId: ids.workspace('mlw-recommender'),
    clusterId: ids.aks('aks-gpu-prod-weu'),
    computeName,
    identity: { type: 'None' },
    ...overrides,
  });

/** A runtime whose transport the test can break: `fail(request)` answers an error to throw, or null. */
function breakableRuntime(
  fail: (url: string, method: string, sent: () => Promise<void>) => Promise<Error | null>,
): ConnectionRuntime {
  const base = emulatorRuntime(emu);
  const inner = createDefaultHttpClient();
  const httpClient: HttpClient = {
    async sendRequest(request) {
      let response: Awaited<ReturnType<HttpClient['sendRequest']>> | undefined;
      const error = await fail(request.url, request.method, async () => {
        response = await inner.sendRequest(request);
      });
      if (error) throw error;
      return response ?? inner.sendRequest(request);
    },
  };
  return { ...base, armClientOptions: () => ({ ...base.armClientOptions(), httpClient }) };
}

const socketError = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('faults while sending', () => {
  it('waits out a 429 with its Retry-After and sends again', async () => {
    await emu.control.setThrottling({
      reads: { capacity: 1000, refillPerSecond: 100 },
      writes: { capacity: 1, refillPerSecond: 1 },
      deletes: { capacity: 10, refillPerSecond: 10 },
    });
    const sut = operations();
    const views = await sut.service.startBulk([attach('thr-a'), attach('thr-b')]);
    for (const view of views) expect((await ended(sut, view.operationId)).status).toBe('succeeded');
    const puts = armRequests(emu, /computes\/thr-[ab]\?/).filter((line) => line.startsWith('PUT'));
    expect(puts.filter((line) => line.startsWith('PUT 429'))).not.toHaveLength(0);
    expect(puts.filter((line) => line.startsWith('PUT 201'))).toHaveLength(2);
    expect(sut.changes.some((change) => /throttling/.test(change.message ?? ''))).toBe(true);
  });

  it('spaces bulk writes by the remaining write budget, so ARM never throttles them', async () => {
    await emu.control.setThrottling({
      reads: { capacity: 1000, refillPerSecond: 100 },
      writes: { capacity: 2, refillPerSecond: 10 },
      deletes: { capacity: 10, refillPerSecond: 10 },
    });
    const sut = operations({ overrides: { writeBudget: { reserve: 1, refillPerSecond: 10 } } });
    const names = ['bud-a', 'bud-b', 'bud-c', 'bud-d'];
    const views = await sut.service.startBulk(names.map((name) => attach(name)));
    for (const view of views) expect((await ended(sut, view.operationId)).status).toBe('succeeded');
    const puts = armRequests(emu, /computes\/bud-[a-d]\?/).filter((line) => line.startsWith('PUT'));
    expect(puts).toHaveLength(4);
    expect(puts.every((line) => line.startsWith('PUT 201'))).toBe(true);
  });

  it('reads the compute after a 5xx before sending the PUT again', async () => {
    await emu.control.addErrorBurst({
      pathPattern: 'computes/k8s-5xx',
      method: 'PUT',
      status: 503,
      count: 2,
    });
    const sut = operations();
    const view = await sut.service.startAttach(attach('k8s-5xx'));
    expect((await ended(sut, view.operationId)).status).toBe('succeeded');
    const calls = armRequests(emu, /computes\/k8s-5xx\?/).map((line) =>
      line.split(' ').slice(0, 2).join(' '),
    );
    expect(calls.slice(0, 5)).toEqual(['PUT 503', 'GET 404', 'PUT 503', 'GET 404', 'PUT 201']);
  });

  it('reads the compute after a dropped connection before sending again', async () => {
    await emu.control.dropConnections({
      pathPattern: 'computes/k8s-drop',
      method: 'PUT',
      count: 1,
    });
    const sut = operations();
    const view = await sut.service.startAttach(attach('k8s-drop'));
    expect((await ended(sut, view.operationId)).status).toBe('succeeded');
    const calls = armRequests(emu, /computes\/k8s-drop\?/).map((line) =>
      line.split(' ').slice(0, 2).join(' '),
    );
    expect(calls[0]).toMatch(/^PUT /);
    expect(calls.slice(1, 3)).toEqual(['GET 404', 'PUT 201']);
    expect(emu.requestLog.entries().some((entry) => entry.fault === 'dropped')).toBe(true);
    expect(calls.filter((call) => call === 'PUT 201')).toHaveLength(1);
  });

  it('never sends again a PUT that was applied when its answer was lost', async () => {
    let lost = false;
    const runtime = breakableRuntime(async (url, method, sent) => {
      if (method !== 'PUT' || lost || !url.includes('computes/k8s-lost')) return null;
      lost = true;
      await sent(); // Azure applied it …
      return socketError(); // … and the answer never arrived
    });
    const sut = operations({ runtime: () => Promise.resolve(runtime) });
    const view = await sut.service.startAttach(attach('k8s-lost'));
    expect((await ended(sut, view.operationId)).status).toBe('succeeded');
    const puts = armRequests(emu, /computes\/k8s-lost\?/).filter((line) => line.startsWith('PUT'));
    expect(puts).toHaveLength(1);
  });
});

describe('faults while polling', () => {
  it('waits as long as the status answer asks (Retry-After) and records it with each poll', async () => {
    await emu.control.updateSettings({ attachDelayMs: 1200 });
    const base = emulatorRuntime(emu);
    const inner = createDefaultHttpClient();
    const httpClient: HttpClient = {
      async sendRequest(request) {
        const response = await inner.sendRequest(request);
        if (request.url.includes('computeOperationsStatus'))
          response.headers.set('retry-after', '1');
        return response;
      },
    };
    const runtime = {
      ...base,
      armClientOptions: () => ({ ...base.armClientOptions(), httpClient }),
    };
    const sut = operations({ runtime: () => Promise.resolve(runtime) });
    const view = await sut.service.startAttach(attach('k8s-retry'));
    expect((await ended(sut, view.operationId)).status).toBe('succeeded');
    const polls = sut.service.get(view.operationId).polls.filter((poll) => poll.httpStatus === 200);
    expect(polls[0]).toMatchObject({ status: 'InProgress', retryAfterSeconds: 1 });
    // 1.2 s of attach with a 40 ms poll interval, but Azure asked for 1 s: two or three polls, not thirty.
    const statusPolls = armRequests(emu, /computeOperationsStatus/);
    expect(statusPolls.length).toBeLessThanOrEqual(3);
    expect(sut.changes.some((change) => /asked to wait 1 s/.test(change.message ?? ''))).toBe(true);
  });

  it('polls at its own pace when Azure asks for a wait of 0 s, never in a tight loop', async () => {
    // The emulator's fast settings send Retry-After: 0 with every running status.
    await emu.control.updateSettings({ attachDelayMs: 1200, operationRetryAfterSeconds: 0 });
    const sut = operations();
    const view = await sut.service.startAttach(attach('k8s-retry-zero'));
    expect((await ended(sut, view.operationId)).status).toBe('succeeded');
    // 1.2 s at 40 ms growing to 150 ms is about a dozen polls; a tight loop makes hundreds.
    const statusPolls = armRequests(emu, /computeOperationsStatus/);
    expect(statusPolls.length).toBeGreaterThan(0);
    expect(statusPolls.length).toBeLessThanOrEqual(16);
  });

  it('follows Location when a 202 detach names no Azure-AsyncOperation, then GETs the compute', async () => {
    const sut0 = operations();
    const attached = await sut0.service.startAttach(attach('k8s-loc'));
    expect((await ended(sut0, attached.operationId)).status).toBe('succeeded');
    const base = emulatorRuntime(emu);
    const inner = createDefaultHttpClient();
    const httpClient: HttpClient = {
      async sendRequest(request) {
        const response = await inner.sendRequest(request);
        if (request.method === 'DELETE') {
          const status = response.headers.get('azure-asyncoperation') ?? '';
          response.headers.delete('azure-asyncoperation');
          response.headers.set('location', status);
        }
        return response;
      },
    };
    const runtime = {
      ...base,
      armClientOptions: () => ({ ...base.armClientOptions(), httpClient }),
    };
    await sut0.stop();
    started.splice(started.indexOf(sut0), 1);
    const sut = operations({ runtime: () => Promise.resolve(runtime) });
    const computeId = ids.compute(ids.workspace('mlw-recommender'), 'k8s-loc');
    const view = await sut.service.detach(computeId);
    expect((await ended(sut, view.operationId)).status).toBe('succeeded');
    expect(
      armRequests(emu, /computeOperationsStatus/).some((line) => line.startsWith('GET 200')),
    ).toBe(true);
    expect(armRequests(emu, /computes\/k8s-loc\?api-version=[^&]*$/).at(-1)).toMatch(/^GET 404/);
  });

  it('gets a new token when the one in use expires mid-poll', async () => {
    await emu.control.updateSettings({ accessTokenLifetimeSeconds: 1, attachDelayMs: 2500 });
    let requested = 0;
    const fresh = automationCredential(emu); // its own token cache: the first token lives 1 s
    // A credential whose cached token claims a long life: only ARM's 401 reveals that it expired.
    const stale: TokenCredential = {
      async getToken(scopes, options) {
        requested += 1;
        const token = (await fresh.getToken(scopes, options)) as AccessToken;
        return { ...token, expiresOnTimestamp: Date.now() + 3600_000 };
      },
    };
    const sut = operations({ credentials: { automation: stale } });
    const view = await sut.service.startAttach(attach('k8s-token'));
    expect((await ended(sut, view.operationId)).status).toBe('succeeded');
    expect(
      emu.requestLog
        .entries()
        .some((entry) => entry.status === 401 && /computeOperationsStatus/.test(entry.path)),
    ).toBe(true);
    expect(requested).toBeGreaterThan(1);
  });

  it('keeps the row running while the network is gone, and ends it once Azure answers again', async () => {
    await emu.control.updateSettings({ attachDelayMs: 1500 });
    await emu.control.dropConnections({
      pathPattern: 'computeOperationsStatus',
      method: 'GET',
      count: 6,
    });
    const sut = operations();
    const view = await sut.service.startAttach(attach('k8s-net'));
    const done = await ended(sut, view.operationId);
    expect(done.status).toBe('succeeded');
    expect(
      sut.changes.some(
        (change) => change.status === 'running' && /cannot be reached/.test(change.message ?? ''),
      ),
    ).toBe(true);
    expect(
      sut.service
        .get(view.operationId)
        .polls.some((poll) => poll.status === 'NoAnswer' && poll.httpStatus === null),
    ).toBe(true);
  });

  it('resumes after a restart a row left running while the network was gone', async () => {
    await emu.control.updateSettings({ attachDelayMs: 600 });
    const offline = breakableRuntime(async (url) =>
      url.includes('computeOperationsStatus') ? socketError() : null,
    );
    const first = operations({ runtime: () => Promise.resolve(offline) });
    const view = await first.service.startAttach(attach('k8s-offline'));
    for (let i = 0; !first.changes.some((c) => /cannot be reached/.test(c.message ?? '')); i += 1) {
      if (i > 400) throw new Error('the poller never reported the network as gone');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await first.stop();
    started.splice(started.indexOf(first), 1);
    const second = operations();
    expect(second.service.get(view.operationId).operation.status).toBe('running');
    expect(second.service.resume()).toBe(1);
    expect((await ended(second, view.operationId)).status).toBe('succeeded');
    expect(
      armRequests(emu, /computes\/k8s-offline\?/).filter((line) => line.startsWith('PUT')),
    ).toHaveLength(1);
  });
});

describe('refusals', () => {
  it('names the missing permission on 403 AuthorizationFailed', async () => {
    const sut = operations({ credentials: { reader } });
    const view = await sut.service.startAttach(attach('k8s-ro'));
    expect(view.status).toBe('failed');
    expect(view.message).toContain('Microsoft.MachineLearningServices/workspaces/computes/write');
    expect(view.errors[0]?.code).toBe('AuthorizationFailed');
  });

  it('names the missing assign permission on 403 LinkedAuthorizationFailed', async () => {
    const sut = operations({ credentials: { reader } });
    const view = await sut.service.startAttach(
      attach('k8s-linked', {
        workspaceId: ids.workspace('mlw-dev-sandbox', ids.dev, 'rg-ml-dev'),
        clusterId: ids.aks('aks-dev-weu', ids.dev, 'rg-ml-dev'),
        identity: { type: 'UserAssigned', identityId: ids.identity('id-ml-training') },
      }),
    );
    expect(view.status).toBe('failed');
    expect(view.errors[0]?.code).toBe('LinkedAuthorizationFailed');
    expect(view.message).toContain(
      'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
    );
    expect(view.message).toContain('Managed Identity Operator');
  });

  it('says another operation is running on a 409', async () => {
    const sut = operations();
    const computeId = ids.compute(ids.workspace('mlw-recommender'), 'onprem-ams');
    const view = await sut.service.updateIdentity(computeId, { type: 'SystemAssigned' });
    expect(view.status).toBe('failed');
    expect(view.errors[0]?.code).toBe('Conflict');
    expect(view.message).toMatch(/another operation is running on this compute/);
  });
});
