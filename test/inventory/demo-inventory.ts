/**
 * The demo emulator as the inventory's emulator tests share it: the Contoso admin and the
 * Fabrikam operator signed in, and for each test a new folder, clock and credentials. Call
 * `useDemoInventory()` once at the top of a test file (it registers the file's hooks) and read its
 * fields inside tests and hooks. A file's own `afterEach` runs before this one's (vitest runs
 * after-hooks in reverse), so it may still use the emulator and the open databases.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { signIn, type SignedInAccount } from '../subscriptions/emulator-directory';
import { TestClock, temporaryFolder } from '../subscriptions/service-fixture';
import {
  TestCredentials,
  TestScope,
  scoped,
  signInToTenant,
  startInventory,
  tenant,
  type InventoryUnderTest,
} from './inventory-fixture';

export interface DemoInventory {
  readonly emu: RunningEmulator;
  readonly admin: SignedInAccount;
  readonly ops: SignedInAccount;
  /** This test's folder, removed after it. */
  readonly folder: ReturnType<typeof temporaryFolder>;
  /** One more folder of this test's, removed with it (for a database beside the first). */
  anotherFolder(): ReturnType<typeof temporaryFolder>;
  readonly clock: TestClock;
  readonly credentials: TestCredentials;
  /** Every demo subscription in the demo's order (Contoso 3, Fabrikam 2, Northwind 1). */
  everySubscription(): ScopedSubscription[];
  /** An inventory of every demo subscription on this test's folder, closed after the test. */
  inventory(extra?: Partial<Parameters<typeof startInventory>[0]>): InventoryUnderTest;
}

export function useDemoInventory(): DemoInventory {
  let emu: RunningEmulator;
  let admin: SignedInAccount;
  let ops: SignedInAccount;
  let folder: ReturnType<typeof temporaryFolder>;
  const folders: Array<ReturnType<typeof temporaryFolder>> = [];
  let clock: TestClock;
  let credentials: TestCredentials;
  const openDatabases: Array<{ close(): void; open: boolean }> = [];

  beforeAll(async () => {
    emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
    admin = await signIn(emu, 'admin@contoso.com');
    ops = await signIn(emu, 'ops@fabrikam.com');
    // Northwind demands MFA: the admin signs in to it interactively once, as the app would ask.
    await signInToTenant(emu, admin, tenant.northwind);
  });
  afterAll(async () => {
    await emu.close();
  });
  beforeEach(() => {
    folder = temporaryFolder();
    folders.push(folder);
    clock = new TestClock();
    credentials = new TestCredentials(emu, [admin, ops]);
    emu.requestLog.clear();
  });
  afterEach(async () => {
    await emu.control.resetFaults();
    for (const db of openDatabases.splice(0)) if (db.open) db.close();
    for (const used of folders.splice(0)) used.dispose();
  });

  const everySubscription = () => [
    scoped('prod', admin),
    scoped('dev', admin),
    scoped('platform', admin),
    scoped('research', admin),
    scoped('analytics', ops),
    scoped('northwindAi', admin),
  ];

  return {
    get emu() {
      return emu;
    },
    get admin() {
      return admin;
    },
    get ops() {
      return ops;
    },
    get folder() {
      return folder;
    },
    get clock() {
      return clock;
    },
    get credentials() {
      return credentials;
    },
    anotherFolder() {
      const another = temporaryFolder();
      folders.push(another);
      return another;
    },
    everySubscription,
    inventory(extra = {}) {
      const started = startInventory({
        emu,
        file: folder.file,
        scope: new TestScope(everySubscription()),
        credentials,
        clock,
        ...extra,
      });
      openDatabases.push(started.database);
      return started;
    },
  };
}
