import type { Database } from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WAITING_MESSAGE } from '../../electron/roles/grant-runner';
import { openDatabase } from '../../electron/store/database';
import type { GrantView } from '../../shared/domain/roles';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { eventually, fastSettings } from '../emulator/testing';
import { signIn, type SignedInAccount } from '../subscriptions/emulator-directory';
import { temporaryFolder } from '../subscriptions/service-fixture';
import {
  FastClock,
  UAI_PRINCIPAL,
  computes,
  ended,
  ids,
  inventoryDatabase,
  rolesScenario,
  stalledClock,
  startRoles,
} from './roles-fixture';

let emu: RunningEmulator;
let admin: SignedInAccount;
let folder: ReturnType<typeof temporaryFolder>;
let database: Database;
const closers: Array<() => Promise<void>> = [];

const KEY_VAULT_SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';
const assignmentPuts = () =>
  emu.requestLog.find({
    method: 'PUT',
    pathPattern: '/providers/Microsoft\\.Authorization/roleAssignments/',
  });

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
  emu.requestLog.clear();
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await emu.control.resetFaults();
  if (database.open) database.close();
  folder.dispose();
});

function roles(options: Partial<Parameters<typeof startRoles>[0]> = {}) {
  const started = startRoles({ emu, database, account: admin, clock: new FastClock(), ...options });
  closers.push(() => started.service.close());
  return started;
}

async function principalOf(computeId: string): Promise<string> {
  const access = await roles().service.get(computeId);
  if (!access.principal) throw new Error(`${computeId} has no principal`);
  return access.principal.principalId;
}

describe('granting a role to a compute identity', () => {
  it('sends principalType ServicePrincipal with a new GUID and records the assignment', async () => {
    const under = roles();
    const grant = await under.service.grantPreset(computes.system, 'key-vault-secrets-user');
    expect(grant.status).toBe('pending');
    const last = await ended(under, grant);
    expect(last).toMatchObject({ status: 'succeeded', alreadyExisted: false, attempts: 1 });
    const [put] = assignmentPuts();
    expect(put?.body).toMatchObject({
      properties: {
        principalType: 'ServicePrincipal',
        principalId: grant.principalId,
        roleDefinitionId: `/subscriptions/${ids.vault.split('/')[2]}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_SECRETS_USER}`,
      },
    });
    expect(put?.path.toLowerCase()).toContain(
      `${ids.vault.toLowerCase()}/providers/microsoft.authorization/roleassignments/`,
    );
    const access = await under.service.get(computes.system);
    expect(access.presets.find((p) => p.key === 'key-vault-secrets-user')?.state).toBe('granted');
    expect(access.assignments.map((a) => a.assignmentId)).toContain(last.assignmentId);

    const second = await under.service.grantPreset(computes.system, 'storage-blob-data-reader');
    await ended(under, second);
    const names = assignmentPuts().map((e) => e.path.split('?')[0]?.split('/').at(-1));
    expect(new Set(names).size).toBe(2);
  });

  it('waits while Entra ID does not know the identity yet, then succeeds', async () => {
    const principalId = await principalOf(computes.system);
    await emu.control.failPrincipalLookups({ principalId, seconds: 1 });
    const clock = new FastClock(100);
    const under = roles({ clock });
    const grant = await under.service.grantPreset(computes.system, 'storage-blob-data-contributor');
    const last = await ended(under, grant);
    expect(last.status).toBe('succeeded');
    expect(last.attempts).toBeGreaterThan(1);
    const waits = under.changes.filter((c) => c.status === 'waiting-for-directory');
    expect(waits.length).toBe(last.attempts - 1);
    expect(waits[0]?.message).toBe(WAITING_MESSAGE);
    expect(waits[0]?.message).toContain('usually under a minute');
    // Backoff: 2 s, 4 s, 8 s, 15 s, then every 30 s, as planned at each wait. How many waits there
    // are depends on how long the emulator's one-second window lasts in real time, so the expected
    // plan follows the rule for as many waits as there were.
    const planned = waits.map((w) =>
      Math.round((Date.parse(w.nextAttemptAt ?? '') - Date.parse(w.updatedAt)) / 1000),
    );
    expect(planned).toEqual(planned.map((_, index) => [2, 4, 8, 15][index] ?? 30));
    // One assignment, retried under the same GUID.
    const names = new Set(assignmentPuts().map((e) => e.path.split('?')[0]?.split('/').at(-1)));
    expect(names.size).toBe(1);
    expect(
      assignmentPuts().every(
        (e) =>
          (e.body as { properties: { principalType: string } }).properties.principalType ===
          'ServicePrincipal',
      ),
    ).toBe(true);
  });

  it('gives up after ten minutes of PrincipalNotFound, saying what to check', async () => {
    const principalId = await principalOf(computes.system);
    await emu.control.failPrincipalLookups({ principalId, seconds: 3600 });
    const clock = new FastClock(0);
    const under = roles({ clock });
    const grant = await under.service.grantPreset(computes.system, 'storage-blob-data-contributor');
    const last = await ended(under, grant);
    expect(last.status).toBe('failed');
    expect(last.error?.code).toBe('PrincipalNotFound');
    expect(last.message).toMatch(/ten minutes/);
    // It kept trying until the deadline, ten minutes after the grant was asked for, and no longer.
    expect(Date.parse(last.updatedAt)).toBeGreaterThanOrEqual(Date.parse(last.deadlineAt ?? ''));
    expect(Date.parse(last.deadlineAt ?? '') - Date.parse(grant.createdAt)).toBe(10 * 60_000);
    const waited = clock.sleeps.reduce((sum, ms) => sum + ms, 0);
    expect(waited).toBeLessThanOrEqual(10 * 60_000);
    expect(last.attempts).toBe(assignmentPuts().length);
  });

  it('carries on a wait for Entra ID after a restart, on the same database', async () => {
    const principalId = await principalOf(computes.system);
    await emu.control.failPrincipalLookups({ principalId, seconds: 3600 });
    const first = roles({ clock: stalledClock });
    const grant = await first.service.grantPreset(computes.system, 'storage-blob-data-reader');
    await eventually('the grant to wait for Entra ID', async () =>
      first.changes.find((c) => c.status === 'waiting-for-directory'),
    );
    // The app stops mid-wait.
    await first.service.close();
    database.close();
    await emu.control.resetFaults();

    database = openDatabase({ path: folder.file });
    const recorded: string[] = [];
    const second = roles({
      database,
      recorder: {
        record: () => undefined,
        update: (g) => recorded.push(`update:${g.status}`),
        resumed: (g) => recorded.push(`resumed:${g.grantId}`),
      },
    });
    expect(second.service.resume()).toBe(1);
    await second.service.settled(grant.grantId);
    expect(second.service.grantRecord(grant.grantId)).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
    expect(recorded).toContain(`resumed:${grant.grantId}`);
    expect(recorded.at(-1)).toBe('update:succeeded');
    const names = new Set(assignmentPuts().map((e) => e.path.split('?')[0]?.split('/').at(-1)));
    expect(names.size).toBe(1);
    const access = await second.service.get(computes.system);
    expect(access.presets.find((p) => p.key === 'storage-blob-data-reader')?.state).toBe('granted');
  });

  it('takes an existing assignment as success, pointing at it, without a second row', async () => {
    const under = roles();
    const before = await under.service.refresh(computes.user);
    const existing = before.assignments.find((a) => a.roleName === 'AcrPull');
    const grant = await under.service.grantPreset(computes.user, 'acr-pull');
    const last = await ended(under, grant);
    expect(last).toMatchObject({ status: 'succeeded', alreadyExisted: true });
    expect(last.assignmentId?.toLowerCase()).toBe(existing?.assignmentId.toLowerCase());
    expect(last.message).toMatch(/already had this role/);
    const after = await under.service.refresh(computes.user);
    expect(after.assignments.filter((a) => a.roleName === 'AcrPull')).toHaveLength(1);
    expect(
      emu.world
        .allRoleAssignments()
        .filter(
          (a) =>
            a.principalId === UAI_PRINCIPAL &&
            a.roleGuid === '7f951dda-4ed3-4680-a7ca-43fe172d538d',
        ),
    ).toHaveLength(1);
  });

  it('pushes each step of a grant as roles.grantChanged', async () => {
    const under = roles();
    const grant = await under.service.grantPreset(computes.user, 'key-vault-secrets-user');
    await ended(under, grant);
    const steps = under.changes
      .filter((c: GrantView) => c.grantId === grant.grantId)
      .map((c) => c.status);
    expect(steps).toEqual(['pending', 'running', 'succeeded']);
  });

  it('explains in plain words an assignment id Azure will not change', async () => {
    const taken = emu.world
      .allRoleAssignments()
      .find(
        (a) =>
          a.principalId === UAI_PRINCIPAL && a.scope.toLowerCase() === ids.registry.toLowerCase(),
      );
    if (!taken) throw new Error('no assignment on the registry');
    const guids = [crypto.randomUUID(), taken.name];
    const under = roles({ newGuid: () => guids.shift() ?? crypto.randomUUID() });
    // The system-assigned identity, under the id of the user-assigned one's AcrPull.
    const grant = await under.service.grantPreset(computes.system, 'acr-pull');
    const last = await ended(under, grant);
    expect(last).toMatchObject({
      status: 'failed',
      error: { code: 'RoleAssignmentUpdateNotPermitted' },
    });
    expect(last.message).toMatch(/never changes an existing assignment\. Nothing was changed/);
  });
});
