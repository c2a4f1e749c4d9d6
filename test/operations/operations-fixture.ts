import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import type { Database } from 'better-sqlite3';
import type { OperationView } from '../../shared/domain/operations';
import { systemClock, type Clock } from '../../electron/operations/clock';
import {
  createOperationsService,
  type OperationsService,
  type OperationsServiceOptions,
} from '../../electron/operations/operations-service';
import type { ConnectionRuntime } from '../../electron/connection/runtime';
import { openDatabase } from '../../electron/store/database';
import type { RunningEmulator } from '../emulator/emulator';
import { emulatorRuntime } from '../support/emulator-runtime';

/** The demo scenario's ids that the operation tests use. */
export const ids = {
  prod: 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0',
  dev: '711e748e-5b30-500e-8298-08fb2b032255',
  contoso: 'bd79c068-555e-57b3-b248-2d47f661607e',
  workspace: (name: string, sub = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0', rg = 'rg-ml-prod-weu') =>
    `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${name}`,
  aks: (name: string, sub = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0', rg = 'rg-ml-prod-weu') =>
    `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`,
  identity: (name: string) =>
    `/subscriptions/ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`,
  compute: (workspaceId: string, name: string) => `${workspaceId}/computes/${name}`,
};

/** Fast polling and retries: the emulator's minutes are milliseconds here. */
export const fastTuning = {
  limits: { pollIntervalMs: 40, maxPollIntervalMs: 150, maxRunningAgeMs: 60_000, sendAttempts: 4 },
  retry: { attempts: 5, baseDelayMs: 20, maxDelayMs: 120 },
  writeBudget: { reserve: 0, refillPerSecond: 10 },
} satisfies Partial<OperationsServiceOptions>;

export function temporaryFolder(): { dir: string; file: string; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-operations-'));
  return {
    dir,
    file: path.join(dir, 'mooring.sqlite3'),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ServiceUnderTest {
  readonly service: OperationsService;
  readonly database: Database;
  readonly changes: OperationView[];
  /** Closes the service and its database (the folder stays for a restart). */
  stop(): Promise<void>;
}

/** An operations service on a database file, as the app composes it, with one credential per account id. */
export function startOperations(options: {
  emu: RunningEmulator;
  file: string;
  credentials: Record<string, TokenCredential>;
  /** Which account reaches which subscription (default: the first account for every subscription). */
  access?: OperationsServiceOptions['subscriptionAccess'];
  clock?: Clock;
  runtime?: () => Promise<ConnectionRuntime>;
  overrides?: Partial<OperationsServiceOptions>;
}): ServiceUnderTest {
  const database = openDatabase({ path: options.file });
  const changes: OperationView[] = [];
  const runtime = emulatorRuntime(options.emu);
  const firstAccount = Object.keys(options.credentials)[0] ?? 'none';
  const service = createOperationsService({
    database,
    events: {
      emit: (name, payload) => {
        if (name === 'operations.changed') changes.push(payload as OperationView);
      },
    },
    runtime: options.runtime ?? (() => Promise.resolve(runtime)),
    credentialFor: (accountId) => {
      const credential = options.credentials[accountId];
      if (!credential) throw new Error(`no credential for ${accountId}`);
      return credential;
    },
    subscriptionAccess:
      options.access ?? (() => ({ accountId: firstAccount, tenantId: ids.contoso })),
    clock: options.clock ?? systemClock,
    ...fastTuning,
    ...options.overrides,
  });
  return {
    service,
    database,
    changes,
    async stop() {
      await service.close();
      database.close();
    },
  };
}

/** Waits (bounded) until the operation has ended, failing with its last state if it does not. */
export async function ended(
  sut: ServiceUnderTest,
  operationId: string,
  timeoutMs = 20_000,
): Promise<OperationView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = sut.service.get(operationId).operation;
    if (view.status === 'succeeded' || view.status === 'failed') return view;
    if (Date.now() > deadline) {
      throw new Error(`operation ${operationId} did not end: ${JSON.stringify(view)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** ARM requests in the emulator's log whose path matches, as "METHOD status path". */
export function armRequests(emu: RunningEmulator, pathPattern: RegExp): string[] {
  return emu.requestLog
    .entries()
    .filter((entry) => entry.kind === 'arm' && pathPattern.test(entry.path))
    .map((entry) => `${entry.method} ${entry.status} ${entry.path}`);
}
