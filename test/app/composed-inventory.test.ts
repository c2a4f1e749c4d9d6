/**
 * The wired main process, as the Electron shell and the browser host build it, against the local
 * Azure emulator: what the user sees in the inventory is exactly the workspaces and computes of
 * the subscriptions they selected and did not hide — and the same after a restart. The names and
 * states below are written out by hand from the demo scenario, not computed by Mooring's code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeServices } from '../../electron/app/composition';
import type { Composition } from '../../electron/app/composition';
import { pointAtDevelopmentAzure } from '../../electron/app/dev-azure';
import type { InventorySnapshot } from '../../shared/domain/inventory';
import type { SubscriptionsSnapshot } from '../../shared/domain/subscriptions';
import type { AccountView } from '../../shared/domain/accounts';
import { signInWaitOf } from '../../renderer/src/scope/sign-in-wait';
import { startEmulator } from '../emulator/emulator';
import type { RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { testCompositionOptions } from '../support/compose';
import { testEncryptor } from '../support/test-encryptor';

const PROD = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const DEV = '711e748e-5b30-500e-8298-08fb2b032255';
const PLATFORM = '1b64c9cc-da2f-576e-9210-f5fd7d05790e';
const RESEARCH = '4a6a65ca-1384-5662-9425-06767a84562c';
const ANALYTICS = 'ea4dd1af-80e0-5a0e-b975-6c05d0e8599c';

/** What the inventory must show with Dev hidden and Analytics deselected. */
const EXPECTED_WORKSPACES = [
  'mlw-forecasting',
  'mlw-fraud-prod',
  'mlw-genomics',
  'mlw-recommender',
  'mlw-vision',
];
const EXPECTED_COMPUTES = [
  'batch-weu: Failed',
  'cpu-cluster: Succeeded',
  'cpu-prod: Succeeded',
  'cpu-shared: Succeeded',
  'gpu-prod: Succeeded',
  'lab-boston: Updating',
  'onprem-ams: Creating',
  'research-aks: Succeeded',
];

const context = { transport: 'test' } as const;
const WAIT_MS = 15_000;

async function call<T>(app: Composition, name: string, input: unknown = {}): Promise<T> {
  const result = await app.dispatch(name, input, context);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Polls until `check` answers a value, or fails saying what it waited for. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Gave up after ${WAIT_MS} ms waiting for ${what}`);
    await new Promise((wake) => setTimeout(wake, 25));
  }
}

const workspaceNames = (snapshot: InventorySnapshot) =>
  snapshot.workspaces
    .filter((workspace) => workspace.removedAt === null)
    .map((workspace) => workspace.name)
    .sort();
const computeStates = (snapshot: InventorySnapshot) =>
  snapshot.computes
    .filter((compute) => compute.removedAt === null)
    .map((compute) => `${compute.name}: ${compute.provisioningState}`)
    .sort();
const subscriptionsShown = (snapshot: InventorySnapshot) =>
  [
    ...new Set([
      ...snapshot.workspaces.map((workspace) => workspace.subscriptionId),
      ...snapshot.computes.map((compute) => compute.subscriptionId),
    ]),
  ].sort();

describe('the composed main process against the emulator', () => {
  let emulator: RunningEmulator;
  let userDataDir: string;
  let app: Composition;
  let signingInAs = '';
  // One key store across restarts, as on one machine, so the accounts survive a restart.
  const encryptor = testEncryptor('os');

  const compose = async () => {
    const composition = composeServices(
      testCompositionOptions(userDataDir, {
        encryptor,
        openSignInPage: async (url) => {
          await emulator.control.completeBrowserSignIn(url, signingInAs);
        },
      }),
    );
    await pointAtDevelopmentAzure(
      composition.dispatch,
      { resourceManagerUrl: emulator.armUrl, caFile: emulator.caPath },
      context,
    );
    return composition;
  };

  /** Signs in through the contract and waits for that sign-in's own signIn.finished event. */
  const signIn = async (username: string) => {
    signingInAs = username;
    const outcomes = new Map<string, string>();
    const unsubscribe = app.events.subscribe((name, payload) => {
      const event = payload as { signInId?: string; outcome?: string };
      if (name === 'signIn.finished' && event.signInId)
        outcomes.set(event.signInId, event.outcome ?? '');
    });
    try {
      const { signInId } = await call<{ signInId: string }>(app, 'accounts.signIn', {
        method: 'browser',
      });
      const outcome = await waitFor(`the sign-in of ${username} to finish`, () =>
        Promise.resolve(outcomes.get(signInId)),
      );
      if (outcome !== 'signed-in') throw new Error(`The sign-in of ${username} ended: ${outcome}`);
    } finally {
      unsubscribe();
    }
  };

  beforeAll(async () => {
    emulator = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'mooring-composed-'));
    app = await compose();
  });

  afterAll(async () => {
    await app?.close();
    await emulator?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('lists the subscriptions of two signed-in accounts', async () => {
    await signIn('admin@contoso.com');
    await signIn('ops@fabrikam.com');
    const listed = await call<SubscriptionsSnapshot>(app, 'subscriptions.refresh');
    const ids = listed.subscriptions.map((subscription) => subscription.subscriptionId);
    for (const id of [PROD, DEV, PLATFORM, RESEARCH, ANALYTICS]) expect(ids).toContain(id);
  });

  it('shows only the selected, non-hidden subscriptions’ workspaces and computes', async () => {
    // Hidden but still selected: only the hidden filter keeps Dev out.
    const filtered = await call<SubscriptionsSnapshot>(app, 'subscriptions.setFilters', {
      changes: [
        { subscriptionId: DEV, hidden: true },
        { subscriptionId: ANALYTICS, selected: false },
      ],
    });
    const dev = filtered.subscriptions.find((subscription) => subscription.subscriptionId === DEV);
    expect(dev).toMatchObject({ hidden: true, selected: true });

    emulator.requestLog.clear();
    const inventory = await call<InventorySnapshot>(app, 'inventory.refresh');
    expect(workspaceNames(inventory)).toEqual(EXPECTED_WORKSPACES);
    expect(computeStates(inventory)).toEqual(EXPECTED_COMPUTES);
    expect(subscriptionsShown(inventory)).toEqual([PROD, RESEARCH].sort());
    // Nothing of Dev or Analytics was even asked of Azure.
    const asked = emulator.requestLog.find({ kind: 'arm' }).map((entry) => entry.path);
    expect(asked.filter((p) => p.includes(DEV) || p.includes(ANALYTICS))).toEqual([]);
    expect(asked.some((p) => p.includes(PROD))).toBe(true);
  });

  it('shows the same from the local record and from Azure after a restart', async () => {
    await app.close();
    app = await compose();
    const accounts = await call<AccountView[]>(app, 'accounts.list');
    expect(accounts.map((account) => account.username).sort()).toEqual([
      'admin@contoso.com',
      'ops@fabrikam.com',
    ]);
    const kept = await call<SubscriptionsSnapshot>(app, 'subscriptions.get');
    const flags = (id: string) => {
      const found = kept.subscriptions.find((subscription) => subscription.subscriptionId === id);
      return found && { selected: found.selected, hidden: found.hidden };
    };
    expect(flags(DEV)).toEqual({ selected: true, hidden: true });
    expect(flags(ANALYTICS)).toEqual({ selected: false, hidden: false });

    const recorded = await call<InventorySnapshot>(app, 'inventory.get');
    expect(workspaceNames(recorded)).toEqual(EXPECTED_WORKSPACES);
    expect(computeStates(recorded)).toEqual(EXPECTED_COMPUTES);

    emulator.requestLog.clear();
    const refreshed = await call<InventorySnapshot>(app, 'inventory.refresh');
    expect(workspaceNames(refreshed)).toEqual(EXPECTED_WORKSPACES);
    expect(computeStates(refreshed)).toEqual(EXPECTED_COMPUTES);
    expect(subscriptionsShown(refreshed)).toEqual([PROD, RESEARCH].sort());
    const asked = emulator.requestLog.find({ kind: 'arm' }).map((entry) => entry.path);
    expect(asked.filter((p) => p.includes(DEV) || p.includes(ANALYTICS))).toEqual([]);
  });

  it('asks Azure nothing with an account once it is signed out, even after a restart', async () => {
    const ops = (await call<AccountView[]>(app, 'accounts.list')).find(
      (account) => account.username === 'ops@fabrikam.com',
    );
    if (!ops) throw new Error('ops@fabrikam.com is not signed in');
    // Analytics (only ops can read it) back in scope: the signed-out account had something to read.
    await call(app, 'subscriptions.setFilters', {
      changes: [{ subscriptionId: ANALYTICS, selected: true }],
    });
    const askedAs = (username: string) =>
      emulator.requestLog.find({ kind: 'arm' }).filter((entry) => entry.account === username);
    const askedAbout = (subscriptionId: string) =>
      emulator.requestLog
        .find({ kind: 'arm' })
        .filter((entry) => entry.path.includes(subscriptionId));
    emulator.requestLog.clear();
    const withOps = await call<InventorySnapshot>(app, 'inventory.refresh');
    expect(workspaceNames(withOps)).toContain('mlw-churn');
    expect(askedAs('ops@fabrikam.com').length).toBeGreaterThan(0);

    const remaining = await call<AccountView[]>(app, 'accounts.signOut', {
      accountId: ops.accountId,
    });
    expect(remaining.map((account) => account.username)).toEqual(['admin@contoso.com']);
    const signedOutAt = new Date().toISOString();
    /** Nothing of Analytics was read from Azure after the sign-out (recorded rows may stay). */
    const freshAnalytics = (snapshot: InventorySnapshot) =>
      [...snapshot.workspaces, ...snapshot.computes].filter(
        (row) => row.subscriptionId === ANALYTICS && row.lastSyncedAt > signedOutAt,
      );

    emulator.requestLog.clear();
    // The inventory first, before a subscription refresh could tidy anything up.
    const before = await call<InventorySnapshot>(app, 'inventory.refresh');
    await call(app, 'subscriptions.refresh');
    const after = await call<InventorySnapshot>(app, 'inventory.refresh');
    expect(askedAs('ops@fabrikam.com')).toEqual([]);
    expect(askedAbout(ANALYTICS)).toEqual([]);
    expect(freshAnalytics(before)).toEqual([]);
    expect(freshAnalytics(after)).toEqual([]);
    // Kept, waiting for a sign-in: Analytics stays selected under the signed-out account (the
    // picker and the inventory mark it "Needs sign-in"), its last known workspaces stay on show,
    // and the refresh left it out instead of asking a token for it and failing.
    const keptAnalytics = (
      await call<SubscriptionsSnapshot>(app, 'subscriptions.get')
    ).subscriptions.find((subscription) => subscription.subscriptionId === ANALYTICS);
    if (!keptAnalytics) throw new Error('Analytics was forgotten at sign-out');
    expect(keptAnalytics).toMatchObject({
      accountId: ops.accountId,
      selected: true,
      hidden: false,
    });
    expect(signInWaitOf(keptAnalytics, remaining)).toMatchObject({
      kind: 'signed-out',
      username: 'ops@fabrikam.com',
    });
    for (const snapshot of [before, after]) {
      expect(workspaceNames(snapshot)).toContain('mlw-churn');
      expect(snapshot.problems.filter((p) => p.subscriptionId === ANALYTICS)).toEqual([]);
    }
    // The admin's selected subscriptions are still read, with the admin's token.
    expect(askedAs('admin@contoso.com').length).toBeGreaterThan(0);
    expect(workspaceNames(after)).toEqual(expect.arrayContaining(EXPECTED_WORKSPACES));

    await app.close();
    app = await compose();
    emulator.requestLog.clear();
    await call(app, 'subscriptions.refresh');
    const restarted = await call<InventorySnapshot>(app, 'inventory.refresh');
    expect(askedAs('ops@fabrikam.com')).toEqual([]);
    expect(askedAbout(ANALYTICS)).toEqual([]);
    expect(freshAnalytics(restarted)).toEqual([]);
    expect(workspaceNames(restarted)).toContain('mlw-churn');
    expect(restarted.problems.filter((p) => p.subscriptionId === ANALYTICS)).toEqual([]);
    expect(
      (await call<AccountView[]>(app, 'accounts.list')).map((account) => account.username),
    ).toEqual(['admin@contoso.com']);
  });

  it('reads a subscription another account also sees through that account at once after a sign-out', async () => {
    // Both see Fabrikam Research; the admin (signed in first) is the account used for it.
    await signIn('ops@fabrikam.com');
    const listed = await call<SubscriptionsSnapshot>(app, 'subscriptions.refresh');
    const research = listed.subscriptions.find((s) => s.subscriptionId === RESEARCH);
    expect(research).toMatchObject({
      accountUsername: 'admin@contoso.com',
      alsoSeenBy: ['ops@fabrikam.com'],
    });
    const admin = (await call<AccountView[]>(app, 'accounts.list')).find(
      (account) => account.username === 'admin@contoso.com',
    );
    if (!admin) throw new Error('admin@contoso.com is not signed in');

    const remaining = await call<AccountView[]>(app, 'accounts.signOut', {
      accountId: admin.accountId,
    });
    const signedOutAt = new Date().toISOString();
    const kept = await call<SubscriptionsSnapshot>(app, 'subscriptions.get');
    const shown = (id: string) => {
      const found = kept.subscriptions.find((s) => s.subscriptionId === id);
      if (!found) throw new Error(`${id} was forgotten at the sign-out`);
      return found;
    };
    expect(shown(RESEARCH)).toMatchObject({
      accountUsername: 'ops@fabrikam.com',
      alsoSeenBy: ['admin@contoso.com'],
    });
    expect(signInWaitOf(shown(RESEARCH), remaining)).toBeNull();
    expect(signInWaitOf(shown(PROD), remaining)).toMatchObject({
      kind: 'signed-out',
      username: 'admin@contoso.com',
    });

    // No subscription refresh in between: the sign-out itself moved Research to ops.
    emulator.requestLog.clear();
    const inventory = await call<InventorySnapshot>(app, 'inventory.refresh');
    const arm = emulator.requestLog.find({ kind: 'arm' });
    expect(arm.filter((entry) => entry.account === 'admin@contoso.com')).toEqual([]);
    expect(
      arm.some((entry) => entry.account === 'ops@fabrikam.com' && entry.path.includes(RESEARCH)),
    ).toBe(true);
    const freshResearch = inventory.workspaces
      .filter((w) => w.subscriptionId === RESEARCH && w.lastSyncedAt > signedOutAt)
      .map((w) => w.name)
      .sort();
    expect(freshResearch).toEqual(['mlw-genomics', 'mlw-vision']);
    // Production waits for the admin, its last known workspaces on show and no failure recorded.
    expect(workspaceNames(inventory)).toEqual(expect.arrayContaining(['mlw-fraud-prod']));
    expect(inventory.problems.filter((p) => p.subscriptionId === PROD)).toEqual([]);
  });
});
