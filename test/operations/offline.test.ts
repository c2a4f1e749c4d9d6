/**
 * Offline and back: an operation running when the local Azure goes off the network (a real
 * refused connection) pauses, keeps its row and resume state, and goes on to its end by itself
 * when Azure can be reached again. A poll that got no answer never ends it as Failed.
 */
import type { TokenCredential } from '@azure/core-auth';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  composeConnectivity,
  type ConnectivityComposition,
} from '../../electron/app/compose-connectivity';
import { createEventHub } from '../../electron/ipc/handlers';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import {
  automationCredential,
  demoScenarioPath,
  eventually,
  fastSettings,
} from '../emulator/testing';
import { emulatorRuntime } from '../support/emulator-runtime';
import { silentLogger } from '../support/compose';
import {
  armRequests,
  ended,
  fastTuning,
  ids,
  startOperations,
  temporaryFolder,
  type ServiceUnderTest,
} from './operations-fixture';

let emu: RunningEmulator;
let automation: TokenCredential;
let folder: ReturnType<typeof temporaryFolder>;
let connectivity: ConnectivityComposition;
let sut: ServiceUnderTest;
/** Checks that found Azure unreachable, counted as they end. */
let failedChecks = 0;

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  automation = automationCredential(emu);
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  folder = temporaryFolder();
  emu.requestLog.clear();
  failedChecks = 0;
  const runtime = emulatorRuntime(emu);
  connectivity = composeConnectivity({
    runtime: () => Promise.resolve(runtime),
    events: createEventHub(),
    selected: () => [],
    readyTenants: () => Promise.resolve([]),
    refreshInventory: () => Promise.resolve(),
    logger: silentLogger,
    backoff: { firstMs: 20, maxMs: 100 },
  });
  connectivity.monitor.onChange((state) => {
    if (state.status === 'offline' && !state.checking) failedChecks += 1;
  });
});
afterEach(async () => {
  await emu.listenAgain();
  await sut?.stop();
  connectivity.close();
  await emu.control.updateSettings(fastSettings);
  folder.dispose();
});

function operations(limits: Partial<typeof fastTuning.limits> = {}): ServiceUnderTest {
  sut = startOperations({
    emu,
    file: folder.file,
    credentials: { automation },
    runtime: connectivity.runtime,
    overrides: {
      connectivity: connectivity.monitor,
      limits: { ...fastTuning.limits, ...limits },
    },
  });
  return sut;
}

const attach = (computeName: string) => ({
  workspaceId: ids.workspace('mlw-forecasting'),
  clusterId: ids.aks('aks-gpu-prod-weu'),
  computeName,
  namespace: 'default',
  description: '',
  identity: { type: 'None' as const },
});

const status = (operationId: string) => sut.service.get(operationId).operation;

describe('offline and back', () => {
  it('an attach running when Azure goes away pauses, then reaches Succeeded by itself', async () => {
    await emu.control.updateSettings({ attachDelayMs: 1_000 });
    const service = operations().service;
    const view = await service.startAttach(attach('k8s-offline'));
    expect(view.status).toBe('running');

    await emu.stopListening();
    await eventually('the operation to pause', () =>
      Promise.resolve(/^Paused: /.test(status(view.operationId).message ?? '') || undefined),
    );
    expect(connectivity.monitor.state()).toMatchObject({
      status: 'offline',
      reason: 'no-network',
      code: 'ECONNREFUSED',
    });
    // Through several automatic checks that find Azure still away, the row stays running.
    await eventually('three failed checks', () => Promise.resolve(failedChecks >= 3 || undefined));
    expect(status(view.operationId).status).toBe('running');

    await emu.listenAgain();
    const done = await ended(sut, view.operationId);
    expect(done.status).toBe('succeeded');
    expect(done.provisioningState).toBe('Succeeded');
    expect(connectivity.monitor.state().status).toBe('online');
    // Resumed from its saved status URL: the attach itself was sent once.
    expect(
      armRequests(emu, /computes\/k8s-offline\?/).filter((line) => line.startsWith('PUT')),
    ).toHaveLength(1);
  });

  it('a poll that gets no answer never ends the operation as Failed, past the longest age too', async () => {
    await emu.control.updateSettings({ attachDelayMs: 600_000 });
    // The poll after the first is the final check past the longest age, and it falls while
    // Azure cannot be reached.
    const service = operations({
      pollIntervalMs: 1_000,
      maxPollIntervalMs: 1_000,
      maxRunningAgeMs: 400,
    }).service;
    const view = await service.startAttach(attach('k8s-no-answer'));
    const started = Date.parse(view.startedAt ?? view.createdAt);
    await eventually('the first poll', () =>
      Promise.resolve(status(view.operationId).pollCount >= 1 || undefined),
    );

    await emu.stopListening();
    await eventually('the operation to pause', () =>
      Promise.resolve(/^Paused: /.test(status(view.operationId).message ?? '') || undefined),
    );
    await eventually(
      'the longest age to pass while offline, through failed checks',
      () => Promise.resolve((Date.now() > started + 600 && failedChecks >= 3) || undefined),
      400,
    );
    const offline = sut.service.get(view.operationId);
    expect(offline.operation.status).toBe('running');
    expect(offline.operation.message).not.toMatch(/could not ask Azure/);

    await emu.listenAgain();
    const done = await ended(sut, view.operationId);
    // Ended by what Azure said on the final check once reachable, not by the missing answers.
    expect(done.message).toMatch(/still reports Creating/);
    const polls = sut.service.get(view.operationId).polls;
    expect(polls.at(-1)?.httpStatus).toBe(200);
  });
});
