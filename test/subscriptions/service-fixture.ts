import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommonClientOptions } from '@azure/core-client';
import type { Database } from 'better-sqlite3';
import type { PayloadOf } from '../../shared/ipc/contract';
import { openDatabase } from '../../electron/store/database';
import {
  createSubscriptionsService,
  type SubscriptionsServiceLimits,
} from '../../electron/subscriptions/create-subscriptions-service';
import type { SubscriptionsService } from '../../electron/subscriptions/subscriptions-service';
import type { SubscriptionDirectory } from '../../electron/subscriptions/directory';
import type { RunningEmulator } from '../emulator/emulator';
import { emulatorRuntime } from '../support/emulator-runtime';

/** A temporary folder for one test's database, removed by `dispose`. */
export function temporaryFolder(): { dir: string; file: string; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-subscriptions-'));
  return {
    dir,
    file: path.join(dir, 'mooring.sqlite3'),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** A clock the test moves by hand, so times in the record are known. */
export class TestClock {
  private current = Date.parse('2026-01-10T08:00:00.000Z');
  now = (): Date => new Date(this.current);
  iso = (): string => new Date(this.current).toISOString();
  advance(minutes: number): void {
    this.current += minutes * 60_000;
  }
}

export interface ServiceUnderTest {
  readonly service: SubscriptionsService;
  readonly database: Database;
  /** Every `subscriptions.changed` payload, in order. */
  readonly changes: Array<PayloadOf<'subscriptions.changed'>>;
}

export function startService(options: {
  emu: RunningEmulator;
  file: string;
  directory: SubscriptionDirectory;
  clock: TestClock;
  limits?: Partial<SubscriptionsServiceLimits>;
  retryOptions?: CommonClientOptions['retryOptions'];
}): ServiceUnderTest {
  const database = openDatabase({ path: options.file });
  const changes: Array<PayloadOf<'subscriptions.changed'>> = [];
  const runtime = emulatorRuntime(options.emu, { retryOptions: options.retryOptions });
  const service = createSubscriptionsService({
    database,
    events: {
      emit: (name, payload) => {
        if (name === 'subscriptions.changed') {
          changes.push(payload as PayloadOf<'subscriptions.changed'>);
        }
      },
    },
    directory: options.directory,
    runtime: () => Promise.resolve(runtime),
    now: options.clock.now,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  return { service, database, changes };
}
