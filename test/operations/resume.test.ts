import type { PreflightReport } from '../../shared/domain/operations';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TokenCredential } from '@azure/core-auth';
import { composeServices } from '../../electron/app/composition';
import { systemClock, type Clock } from '../../electron/operations/clock';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { automationCredential, demoScenarioPath, fastSettings } from '../emulator/testing';
import { testCompositionOptions } from '../support/compose';
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
let folder: ReturnType<typeof temporaryFolder>;
const started: ServiceUnderTest[] = [];

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
});
afterEach(async () => {
  for (const sut of started.splice(0)) await sut.stop();
  await emu.control.updateSettings(fastSettings);
  folder.dispose();
});

function operations(options: Partial<Parameters<typeof startOperations>[0]> = {}) {
  const sut = startOperations({ emu, file: folder.file, credentials: { automation }, ...options });
  started.push(sut);
  return sut;
}

async function stop(sut: ServiceUnderTest): Promise<void> {
  started.splice(started.indexOf(sut), 1);
  await sut.stop();
}

const attach = (computeName: string) => ({
  workspaceId: ids.workspace('mlw-forecasting'),
  clusterId: ids.aks('aks-gpu-prod-weu'),
  computeName,
  namespace: 'default',
  description: '',
  identity: { type: 'None' as const },
});

describe('after a restart', () => {
  it('resumes a running attach from its saved status URL and ends it, sending nothing again', async () => {
    await emu.control.updateSettings({ attachDelayMs: 800 });
    const first = operations();
    const view = await first.service.startAttach(attach('k8s-resume'));
    expect(view.status).toBe('running');
    await stop(first);

    const second = operations();
    expect(second.service.get(view.operationId).operation.status).toBe('running');
    expect(second.service.resume()).toBe(1);
    const done = await ended(second, view.operationId);
    expect(done.status).toBe('succeeded');
    expect(
      armRequests(emu, /computes\/k8s-resume\?/).filter((line) => line.startsWith('PUT')),
    ).toHaveLength(1);
    expect(armRequests(emu, /computeOperationsStatus/).length).toBeGreaterThan(0);
  });

  it('ends a row that ran longer than the bounded age with what Azure says', async () => {
    await emu.control.updateSettings({ attachDelayMs: 600_000 });
    const first = operations();
    const view = await first.service.startAttach(attach('k8s-forever'));
    await stop(first);

    // Two hours later (the bound is one hour here): the compute still says Creating.
    const later: Clock = {
      now: () => new Date(Date.now() + 2 * 3600_000),
      sleep: systemClock.sleep,
    };
    const second = operations({
      clock: later,
      overrides: {
        limits: {
          pollIntervalMs: 40,
          maxPollIntervalMs: 150,
          maxRunningAgeMs: 3600_000,
          sendAttempts: 4,
        },
      },
    });
    second.service.resume();
    const done = await ended(second, view.operationId);
    expect(done).toMatchObject({ status: 'failed', provisioningState: 'Creating' });
    expect(done.message).toMatch(/still reports Creating .*stopped following/);
    expect(second.service.get(view.operationId).polls.at(-1)?.note).toMatch(/Final check/);
  });
});

describe('composition', () => {
  it('serves the operations and the preflight through the contract', async () => {
    const composed = composeServices(testCompositionOptions(folder.dir));
    try {
      const context = { transport: 'test' as const };
      expect(await composed.dispatch('operations.list', {}, context)).toEqual({
        ok: true,
        value: [],
      });
      const preflight = await composed.dispatch(
        'attach.preflight',
        { ...attach('k8s-pre') },
        context,
      );
      // No account sees the subscription here: the preflight answers and claims nothing it could not check.
      expect(preflight).toMatchObject({ ok: true });
      if (preflight.ok) {
        const report = preflight.value as PreflightReport;
        expect(report.findings.length).toBeGreaterThan(0);
        // Only what the ids alone prove (same subscription) may pass; nothing Azure must answer.
        const passed = report.findings.filter((finding) => finding.outcome === 'passed');
        expect(passed.map((finding) => finding.check)).toEqual(['subscription']);
      }
      const hostile = await composed.dispatch(
        'computes.detach',
        { computeId: `${ids.workspace('mlw-forecasting')}/computes/../../x` },
        context,
      );
      expect(hostile).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    } finally {
      await composed.close();
    }
  });
});
