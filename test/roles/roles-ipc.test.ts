import type { Database } from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeRoles } from '../../electron/app/compose-roles';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createEventHub, type HandlerMap } from '../../electron/ipc/handlers';
import type { GrantView } from '../../shared/domain/roles';
import type { IpcResult } from '../../shared/ipc/result';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { eventually, fastSettings } from '../emulator/testing';
import { TestCredentials } from '../inventory/inventory-fixture';
import { emulatorRuntime } from '../support/emulator-runtime';
import { signIn, type SignedInAccount } from '../subscriptions/emulator-directory';
import { temporaryFolder } from '../subscriptions/service-fixture';
import { SUB, T, computes, inventoryDatabase, rolesScenario } from './roles-fixture';

let emu: RunningEmulator;
let admin: SignedInAccount;
let folder: ReturnType<typeof temporaryFolder>;
let database: Database;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  emu = await startEmulator({ scenario: rolesScenario(), settings: fastSettings });
  admin = await signIn(emu, 'admin@contoso.com');
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  folder = temporaryFolder();
  database = await inventoryDatabase(emu, folder.file, admin);
});
afterEach(() => {
  if (database.open) database.close();
  folder.dispose();
});

describe('the roles operations over the IPC contract', () => {
  it('answers and pushes only what the contract describes', async () => {
    // The default hub throws on a payload outside the contract, failing the test at once.
    const events = createEventHub();
    const pushed: GrantView[] = [];
    events.subscribe((name, payload) => {
      if (name === 'roles.grantChanged') pushed.push(payload as GrantView);
    });
    const roles = composeRoles({
      database,
      events,
      credentialFor: new TestCredentials(emu, [admin]).credentialFor,
      runtime: () => Promise.resolve(emulatorRuntime(emu)),
      subscriptions: () => [
        {
          subscriptionId: SUB,
          displayName: 'ML Production',
          accountId: admin.account.homeAccountId,
          tenantId: T,
        },
      ],
      logger: quiet,
    });
    // Only roles operations are called here; the rest of the map belongs to other services.
    const dispatch = createDispatcher(roles.handlers as unknown as HandlerMap, quiet);
    const call = (name: string, input: unknown) => dispatch(name, input, { transport: 'test' });
    try {
      const access = (await call('roles.refresh', { computeId: computes.user })) as IpcResult<{
        assignments: unknown[];
      }>;
      expect(access.ok && access.value.assignments.length).toBe(3);
      const started = (await call('roles.grantPreset', {
        computeId: computes.system,
        preset: 'storage-blob-data-reader',
      })) as IpcResult<GrantView>;
      if (!started.ok) throw new Error(started.error.message);
      await eventually('the grant to end', async () =>
        pushed.find((g) => g.grantId === started.value.grantId && g.status === 'succeeded'),
      );
      const bad = await call('roles.checkScope', { computeId: computes.user, scopeId: 'nonsense' });
      expect(bad).toMatchObject({ ok: true, value: { valid: false } });
      const refused = await call('roles.grant', {
        computeId: computes.user,
        roleDefinitionGuid: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
        scopeId: '/subscriptions/x',
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      const strict = await call('roles.get', { computeId: computes.user, extra: 1 });
      expect(strict).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    } finally {
      await roles.service.close();
    }
  });
});
