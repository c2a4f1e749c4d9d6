// Attach and grant in one go: presets chosen at attach are granted once the compute reaches
// Succeeded, each as its own grant, and a restart hands over what was not handed yet.
import type { Database } from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeAfterAttach } from '../../electron/app/compose-after-attach';
import { composeOperations } from '../../electron/app/compose-operations';
import { composeRoles } from '../../electron/app/compose-roles';
import { createEventHub } from '../../electron/ipc/handlers';
import { createRoleJournal } from '../../electron/operations/role-journal';
import { openDatabase } from '../../electron/store/database';
import { AttachRequest, type OperationView } from '../../shared/domain/operations';
import type { GrantView, PresetKey } from '../../shared/domain/roles';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { eventually, fastSettings } from '../emulator/testing';
import { TestCredentials } from '../inventory/inventory-fixture';
import { fastTuning } from '../operations/operations-fixture';
import { emulatorRuntime } from '../support/emulator-runtime';
import { signIn, type SignedInAccount } from '../subscriptions/emulator-directory';
import { temporaryFolder } from '../subscriptions/service-fixture';
import { SUB, T, ids, inventoryDatabase, rolesScenario } from './roles-fixture';

let emu: RunningEmulator;
let admin: SignedInAccount;
let folder: ReturnType<typeof temporaryFolder>;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const context = { transport: 'test' } as const;

beforeAll(async () => {
  emu = await startEmulator({ scenario: rolesScenario(), settings: fastSettings });
  admin = await signIn(emu, 'admin@contoso.com');
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  folder = temporaryFolder();
});
afterEach(() => folder.dispose());

/** The app's composition of operations, roles and the attach-and-grant glue on one database. */
function composeApp(database: Database) {
  const events = createEventHub();
  const grants = new Map<string, GrantView>();
  const grantSteps: GrantView[] = [];
  const operations = new Map<string, OperationView>();
  events.subscribe((name, payload) => {
    if (name === 'roles.grantChanged') {
      grants.set((payload as GrantView).grantId, payload as GrantView);
      grantSteps.push(payload as GrantView);
    }
    if (name === 'operations.changed') {
      operations.set((payload as OperationView).operationId, payload as OperationView);
    }
  });
  const credentialFor = new TestCredentials(emu, [admin]).credentialFor;
  const runtime = () => Promise.resolve(emulatorRuntime(emu, { retryOptions: { maxRetries: 0 } }));
  const accountId = admin.account.homeAccountId;
  const roles = composeRoles({
    database,
    events,
    credentialFor,
    runtime,
    subscriptions: () => [
      { subscriptionId: SUB, displayName: 'ML Production', accountId, tenantId: T },
    ],
    // Every grant and removal mirrored as a journal row, as the app composes it.
    recorder: createRoleJournal({
      database,
      accessFor: () => ({ accountId, tenantId: T }),
      changed: (operation) => events.emit('operations.changed', operation),
      logger: quiet,
    }),
    logger: quiet,
  });
  const afterAttach = composeAfterAttach({
    database,
    events,
    roles: roles.service,
    logger: quiet,
    tuning: { principalRetryMs: 50 },
  });
  const composed = composeOperations({
    database,
    events,
    runtime,
    credentialFor,
    subscriptionAccess: () => ({ accountId, tenantId: T }),
    preflight: () => Promise.reject(new Error('no preflight in this test')),
    logger: quiet,
    tuning: fastTuning,
  });
  const handlers = afterAttach.wrap(composed.handlers);
  return {
    grants,
    grantSteps,
    operations,
    roles,
    journal: composed.service,
    afterAttach,
    attach: (computeName: string, presets: PresetKey[]) =>
      handlers['attach.start'](
        AttachRequest.parse({
          workspaceId: ids.workspace,
          clusterId: ids.cluster,
          computeName,
          identity: { type: 'SystemAssigned' },
          grants: presets,
        }),
        context,
      ),
    async close() {
      afterAttach.close();
      await composed.service.close();
      await roles.service.close();
    },
  };
}

const succeededGrants = (app: ReturnType<typeof composeApp>, computeName: string) =>
  [...app.grants.values()].filter(
    (grant) =>
      grant.computeId.toLowerCase().endsWith(`/computes/${computeName}`) &&
      grant.status === 'succeeded',
  );

describe('attach and grant in one go', () => {
  it('grants the chosen presets after the compute reaches Succeeded, through the replication wait', async () => {
    const database = await inventoryDatabase(emu, folder.file, admin);
    const app = composeApp(database);
    // Entra ID takes a while to know the new identity: the grants have to wait for it.
    await emu.control.failPrincipalLookups({ seconds: 2 });
    try {
      const started = await app.attach('k8s-grant', ['acr-pull', 'storage-blob-data-reader']);
      // Nothing is granted before the compute exists with its principal.
      expect(app.grants.size).toBe(0);
      const done = await eventually(
        'both presets to be granted',
        async () => {
          const ok = succeededGrants(app, 'k8s-grant');
          return ok.length === 2 ? ok : undefined;
        },
        600,
      );
      expect(app.operations.get(started.operationId)?.status).toBe('succeeded');
      expect(done.map((grant) => grant.roleName).sort()).toEqual([
        'AcrPull',
        'Storage Blob Data Reader',
      ]);
      // The new identity had not replicated yet: the grants waited for Entra ID, then succeeded.
      expect(app.grantSteps.some((grant) => grant.status === 'waiting-for-directory')).toBe(true);
      const access = await app.roles.service.refresh(done[0]?.computeId ?? '');
      const states = Object.fromEntries(access.presets.map((p) => [p.key, p.state]));
      expect(states).toMatchObject({
        'acr-pull': 'granted',
        'storage-blob-data-reader': 'granted',
      });
      expect(states['key-vault-secrets-user']).toBe('not-granted');
      // Each grant is a journal row of the compute, beside its attach.
      const detail = app.journal.computeDetail(done[0]?.computeId ?? '');
      expect(
        detail.operations.map((operation) => [operation.kind, operation.status]).sort(),
      ).toEqual([
        ['attach', 'succeeded'],
        ['grant-role', 'succeeded'],
        ['grant-role', 'succeeded'],
      ]);
      expect(app.journal.get(`role-${done[0]?.grantId}`).request.commands.az).toContain(
        'az role assignment create',
      );
    } finally {
      await emu.control.resetFaults();
      await app.close();
      database.close();
    }
  });

  it('hands the presets over after a restart when the app quit before the attach ended', async () => {
    const first = await inventoryDatabase(emu, folder.file, admin);
    const before = composeApp(first);
    const started = await before.attach('k8s-later', ['storage-blob-data-contributor']);
    // The app quits while the attach is still being followed: nothing is handed over yet.
    before.afterAttach.close();
    await eventually('the attach to end', async () =>
      before.operations.get(started.operationId)?.status === 'succeeded' ? true : undefined,
    );
    await before.close();
    first.close();
    expect(succeededGrants(before, 'k8s-later')).toHaveLength(0);

    const database = openDatabase({ path: folder.file });
    const after = composeApp(database);
    try {
      const done = await eventually(
        'the preset to be granted after the restart',
        async () => {
          const ok = succeededGrants(after, 'k8s-later');
          return ok.length === 1 ? ok : undefined;
        },
        600,
      );
      expect(done[0]?.roleName).toBe('Storage Blob Data Contributor');
      const row = database
        .prepare('SELECT status, grant_id FROM after_attach_grants WHERE operation_id = ?')
        .get(started.operationId) as { status: string; grant_id: string };
      expect(row).toEqual({ status: 'handed', grant_id: done[0]?.grantId });
    } finally {
      await after.close();
      database.close();
    }
  });
});
