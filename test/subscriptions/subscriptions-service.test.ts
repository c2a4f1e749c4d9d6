import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../electron/core/errors';
import type { ReadyTenant } from '../../electron/subscriptions/directory';
import { SubscriptionsSnapshot } from '../../shared/domain/subscriptions';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { EmulatorDirectory, signIn, type SignedInAccount } from './emulator-directory';
import { startService, TestClock, temporaryFolder } from './service-fixture';

/** The demo scenario's subscriptions and tenants, by name. */
const sub = {
  prod: 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0',
  dev: '711e748e-5b30-500e-8298-08fb2b032255',
  platform: '1b64c9cc-da2f-576e-9210-f5fd7d05790e',
  research: '4a6a65ca-1384-5662-9425-06767a84562c',
  analytics: 'ea4dd1af-80e0-5a0e-b975-6c05d0e8599c',
};
const tenant = {
  contoso: 'bd79c068-555e-57b3-b248-2d47f661607e',
  fabrikam: '9c5a4304-2bef-52f6-b840-53cdc67f42de',
  northwind: '6b4a7449-492c-501f-8df8-29fe7db32aaf',
};

let emu: RunningEmulator;
let admin: SignedInAccount;
let reader: SignedInAccount;
let ops: SignedInAccount;
let folder: ReturnType<typeof temporaryFolder>;
let clock: TestClock;
const openDatabases: Array<{ close(): void; open: boolean }> = [];

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  admin = await signIn(emu, 'admin@contoso.com');
  reader = await signIn(emu, 'reader@contoso.com');
  ops = await signIn(emu, 'ops@fabrikam.com');
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  folder = temporaryFolder();
  clock = new TestClock();
});
afterEach(async () => {
  await emu.control.resetFaults();
  for (const db of openDatabases.splice(0)) if (db.open) db.close();
  folder.dispose();
});

function serviceFor(
  directory: EmulatorDirectory,
  extra: Partial<Parameters<typeof startService>[0]> = {},
) {
  const started = startService({ emu, file: folder.file, directory, clock, ...extra });
  openDatabases.push(started.database);
  return started;
}

const ids = (snapshot: SubscriptionsSnapshot) =>
  snapshot.subscriptions.map((s) => s.subscriptionId);
const byId = (snapshot: SubscriptionsSnapshot, id: string) => {
  const found = snapshot.subscriptions.find((s) => s.subscriptionId === id);
  if (!found) throw new Error(`subscription ${id} is not in the snapshot`);
  return found;
};
const subscriptionListings = () =>
  emu.requestLog.entries().filter((e) => e.kind === 'arm' && e.path.startsWith('/subscriptions?'));

/** A directory whose listings wait for `open()` once they have read the ready tenants, counting those reads. */
class GatedDirectory extends EmulatorDirectory {
  reads = 0;
  private release: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => {
    this.release = resolve;
  });

  override readyTenants(): Promise<readonly ReadyTenant[]> {
    this.reads += 1;
    const tenants = [...this.tenants];
    return this.gate.then(() => tenants);
  }

  open(): void {
    this.release();
  }
}

/** A credential that answers a token ARM cannot verify, as a broken or foreign token would be. */
const unverifiableToken: TokenCredential = {
  getToken: () =>
    Promise.resolve<AccessToken>({
      token: 'not-a-token',
      expiresOnTimestamp: Date.now() + 3_600_000,
    }),
};

describe('listing subscriptions', () => {
  it('lists every ready tenant of every account, and shows a subscription two accounts see once', async () => {
    const directory = new EmulatorDirectory(emu, [admin, ops]);
    const { service } = serviceFor(directory);

    const snapshot = await service.refresh();

    expect(ids(snapshot).sort()).toEqual(
      [sub.prod, sub.dev, sub.platform, sub.research, sub.analytics].sort(),
    );
    expect(byId(snapshot, sub.research)).toMatchObject({
      tenantId: tenant.fabrikam,
      tenantName: 'Fabrikam Inc',
      accountId: admin.account.homeAccountId,
      accountUsername: 'admin@contoso.com',
      alsoSeenBy: ['ops@fabrikam.com'],
    });
    expect(byId(snapshot, sub.analytics)).toMatchObject({
      accountUsername: 'ops@fabrikam.com',
      alsoSeenBy: [],
    });
    expect(byId(snapshot, sub.prod)).toMatchObject({
      displayName: 'Contoso ML Production',
      state: 'Enabled',
      tenantName: 'Contoso Ltd',
      lastSeenAt: clock.iso(),
    });
    expect(snapshot.refreshedAt).toBe(clock.iso());
  });

  it('follows nextLink until every page of a tenant is read', async () => {
    const directory = new EmulatorDirectory(emu, [admin]);
    directory.tenants = directory.only([['admin@contoso.com', 'Contoso Ltd']]);
    const { service } = serviceFor(directory);
    emu.requestLog.clear();

    const snapshot = await service.refresh();

    expect(ids(snapshot).sort()).toEqual([sub.prod, sub.dev, sub.platform].sort());
    const pages = subscriptionListings();
    expect(pages).toHaveLength(2); // page size 2 in fastSettings: 3 subscriptions are 2 pages
    expect(pages[1]?.path).toMatch(/skiptoken/i);
  });

  it('uses the account signed in first for a subscription both see, naming the other', async () => {
    const readerFirst = new EmulatorDirectory(emu, [reader, admin]);
    readerFirst.tenants = readerFirst.only([
      ['reader@contoso.com', 'Contoso Ltd'],
      ['admin@contoso.com', 'Contoso Ltd'],
    ]);
    const snapshot = await serviceFor(readerFirst).service.refresh();

    expect(byId(snapshot, sub.prod)).toMatchObject({
      accountUsername: 'reader@contoso.com',
      alsoSeenBy: ['admin@contoso.com'],
    });
    expect(byId(snapshot, sub.platform)).toMatchObject({
      accountUsername: 'admin@contoso.com',
      alsoSeenBy: [],
    });
    expect(snapshot.subscriptions).toHaveLength(3);
  });

  it('lists at most three tenants at a time, starting the next when one finishes', async () => {
    const directory = new EmulatorDirectory(emu, [admin, reader, ops]); // 5 (account, tenant) pairs
    const waiting: Array<() => void> = [];
    directory.wrapCredential = (_tenant, credential) => ({
      // Each listing asks for its token first; holding the token holds the listing.
      getToken: async (scopes, options) => {
        await new Promise<void>((release) => waiting.push(release));
        return credential.getToken(scopes, options);
      },
    });
    const { service } = serviceFor(directory);
    const settle = async () => {
      for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    };

    const refreshing = service.refresh();
    await vi.waitFor(() => expect(waiting).toHaveLength(3));
    await settle();
    expect(waiting).toHaveLength(3);

    waiting[0]?.();
    await vi.waitFor(() => expect(waiting).toHaveLength(4));
    await settle();
    expect(waiting).toHaveLength(4);

    // Releasing a token twice is harmless: a promise settles once.
    const releaseAll = () => waiting.forEach((release) => release());
    await vi.waitFor(() => {
      releaseAll();
      expect(waiting).toHaveLength(5);
    });
    releaseAll();
    const snapshot = await refreshing;
    expect(snapshot.subscriptions).toHaveLength(5);
  });

  it('skips a tenant that needs an interactive sign-in, reporting its AADSTS code, and lists the rest', async () => {
    const directory = new EmulatorDirectory(emu, [admin]); // Northwind demands MFA
    const { service } = serviceFor(directory);

    const snapshot = await service.refresh();

    expect(ids(snapshot).sort()).toEqual([sub.prod, sub.dev, sub.platform, sub.research].sort());
    expect(snapshot.problems).toEqual([
      {
        accountId: admin.account.homeAccountId,
        tenantId: tenant.northwind,
        tenantName: 'Northwind Traders',
        problem: {
          code: 'AADSTS50076',
          message: expect.stringMatching(
            /Northwind Traders needs admin@contoso\.com to sign in again/,
          ),
        },
      },
    ]);
  });

  it('keeps the last known subscriptions of a tenant ARM refuses, and reports its error code', async () => {
    const directory = new EmulatorDirectory(emu, [admin]);
    directory.tenants = directory.only([
      ['admin@contoso.com', 'Contoso Ltd'],
      ['admin@contoso.com', 'Fabrikam Inc'],
    ]);
    const { service } = serviceFor(directory);
    const firstSeen = clock.iso();
    await service.refresh();

    clock.advance(30);
    directory.wrapCredential = (t, credential) =>
      t.tenantId === tenant.fabrikam ? unverifiableToken : credential;
    const snapshot = await service.refresh();

    expect(snapshot.problems).toHaveLength(1);
    expect(snapshot.problems[0]).toMatchObject({
      tenantId: tenant.fabrikam,
      problem: {
        code: 'InvalidAuthenticationToken',
        message: expect.stringMatching(
          /refused the sign-in of admin@contoso\.com for Fabrikam Inc/,
        ),
      },
    });
    expect(byId(snapshot, sub.research).lastSeenAt).toBe(firstSeen);
    expect(byId(snapshot, sub.prod).lastSeenAt).toBe(clock.iso());
  });

  it('waits out a 429 as Retry-After says and then lists the tenant', async () => {
    const directory = new EmulatorDirectory(emu, [admin]);
    directory.tenants = directory.only([['admin@contoso.com', 'Contoso Ltd']]);
    const { service } = serviceFor(directory);
    const oneRead = { capacity: 1, refillPerSecond: 1 };
    await emu.control.setThrottling({ reads: oneRead, writes: oneRead, deletes: oneRead });
    emu.requestLog.clear();

    const snapshot = await service.refresh();

    expect(subscriptionListings().map((e) => e.status)).toEqual([200, 429, 200]);
    expect(snapshot.subscriptions).toHaveLength(3);
    expect(snapshot.problems).toEqual([]);
  });

  it('reports a tenant still throttled after the SDK gave up, and lists the others', async () => {
    const directory = new EmulatorDirectory(emu, [admin, ops]);
    directory.tenants = directory.only([
      ['admin@contoso.com', 'Contoso Ltd'],
      ['ops@fabrikam.com', 'Fabrikam Inc'],
    ]);
    const { service } = serviceFor(directory, { retryOptions: { maxRetries: 0 } });
    const oneRead = { capacity: 1, refillPerSecond: 0.1 };
    await emu.control.setThrottling({ reads: oneRead, writes: oneRead, deletes: oneRead });

    const snapshot = await service.refresh();

    // Contoso needs two pages, Fabrikam (for ops) one: only Contoso runs out of reads.
    expect(snapshot.problems.map((p) => [p.tenantName, p.problem.code])).toEqual([
      ['Contoso Ltd', 'SubscriptionRequestsThrottled'],
    ]);
    expect(ids(snapshot).sort()).toEqual([sub.research, sub.analytics].sort());
  });

  it('reports a tenant ARM failed with a server error, and lists the next one', async () => {
    const directory = new EmulatorDirectory(emu, [admin, ops]);
    directory.tenants = directory.only([
      ['ops@fabrikam.com', 'Fabrikam Inc'],
      ['admin@contoso.com', 'Contoso Ltd'],
    ]);
    // One tenant at a time and no retries, so the injected failure hits the first tenant only.
    const { service } = serviceFor(directory, {
      limits: { tenants: 1 },
      retryOptions: { maxRetries: 0 },
    });
    await emu.control.addErrorBurst({ pathPattern: '^/subscriptions$', status: 503, count: 1 });

    const snapshot = await service.refresh();

    expect(snapshot.problems.map((p) => [p.tenantName, p.problem.code])).toEqual([
      ['Fabrikam Inc', 'ServiceUnavailable'],
    ]);
    expect(snapshot.problems[0]?.problem.message).toMatch(
      /HTTP 503\); refresh again in a few minutes/,
    );
    expect(ids(snapshot).sort()).toEqual([sub.prod, sub.dev, sub.platform].sort());
  });

  it('reports a tenant whose connection dropped as a network problem', async () => {
    const directory = new EmulatorDirectory(emu, [admin, ops]);
    directory.tenants = directory.only([
      ['ops@fabrikam.com', 'Fabrikam Inc'],
      ['admin@contoso.com', 'Contoso Ltd'],
    ]);
    const { service } = serviceFor(directory, {
      limits: { tenants: 1 },
      retryOptions: { maxRetries: 0 },
    });
    await emu.control.dropConnections({ pathPattern: '^/subscriptions$', count: 1 });

    const snapshot = await service.refresh();

    expect(snapshot.problems.map((p) => [p.tenantName, p.problem.code])).toEqual([
      ['Fabrikam Inc', 'ECONNRESET'],
    ]);
    expect(snapshot.problems[0]?.problem.message).toMatch(
      /could not reach Azure Resource Manager for Fabrikam Inc .*proxy and extra CA/,
    );
    expect(snapshot.subscriptions).toHaveLength(3);
  });

  it('runs once more after the running listing for refreshes asked for meanwhile, sharing that run', async () => {
    const directory = new EmulatorDirectory(emu, [admin]);
    directory.tenants = directory.only([['admin@contoso.com', 'Contoso Ltd']]);
    const { service } = serviceFor(directory);

    const [first, second, third] = await Promise.all([
      service.refresh(),
      service.refresh(),
      service.refresh(),
    ]);

    expect(third).toBe(second);
    expect(second).not.toBe(first);
    expect(directory.credentialRequests).toHaveLength(2);
  });

  it('lists an account signed in while a listing runs, in the refresh asked for then', async () => {
    const directory = new GatedDirectory(emu, [admin, ops]);
    directory.tenants = directory.only([['admin@contoso.com', 'Contoso Ltd']]);
    const { service } = serviceFor(directory);

    const running = service.refresh(); // reads the ready tenants, then waits for the gate
    expect(directory.reads).toBe(1);
    // ops signs in meanwhile; the sign-in asks for a refresh (twice, say) while the first runs.
    directory.tenants = directory.only([
      ['admin@contoso.com', 'Contoso Ltd'],
      ['ops@fabrikam.com', 'Fabrikam Inc'],
    ]);
    const asked = [service.refresh(), service.refresh()];
    directory.open();

    expect(ids(await running)).not.toContain(sub.analytics);
    const [later, alsoLater] = await Promise.all(asked);
    expect(alsoLater).toBe(later);
    expect(ids(later!)).toContain(sub.analytics);
    expect(directory.reads).toBe(2);
  });

  it('publishes subscriptions.changed with a snapshot the IPC contract accepts', async () => {
    const directory = new EmulatorDirectory(emu, [admin]);
    const { service, changes } = serviceFor(directory);

    const snapshot = await service.refresh();

    expect(changes).toEqual([snapshot]);
    expect(SubscriptionsSnapshot.safeParse(snapshot).success).toBe(true);
  });
});

describe('subscriptions whose tenant or account needs sign-in', () => {
  it("keep a signed-out account's subscriptions with their filters, moving shared ones to another account, without Azure", async () => {
    const directory = new EmulatorDirectory(emu, [admin, reader, ops]);
    directory.tenants = directory.only([
      ['admin@contoso.com', 'Contoso Ltd'],
      ['admin@contoso.com', 'Fabrikam Inc'],
      ['admin@contoso.com', 'Northwind Traders'], // demands MFA: a listing problem of admin's
      ['reader@contoso.com', 'Contoso Ltd'],
      ['ops@fabrikam.com', 'Fabrikam Inc'],
    ]);
    const { service, changes } = serviceFor(directory);
    const listed = await service.refresh();
    expect(byId(listed, sub.prod).accountUsername).toBe('admin@contoso.com');
    expect(listed.problems.map((p) => p.accountId)).toEqual([admin.account.homeAccountId]);
    service.applyFilters([{ subscriptionId: sub.platform, favourite: true, selected: false }]);
    emu.requestLog.clear();
    const credentialRequests = directory.credentialRequests.length;

    const after = service.accountSignedOut(admin.account.homeAccountId);

    // Platform only admin sees: it stays, with its filters, waiting for admin to sign in.
    expect(ids(after).sort()).toEqual(
      [sub.prod, sub.dev, sub.platform, sub.research, sub.analytics].sort(),
    );
    expect(byId(after, sub.platform)).toMatchObject({
      accountUsername: 'admin@contoso.com',
      favourite: true,
      selected: false,
    });
    expect(byId(after, sub.prod)).toMatchObject({
      accountId: reader.account.homeAccountId,
      accountUsername: 'reader@contoso.com',
      alsoSeenBy: ['admin@contoso.com'],
    });
    expect(byId(after, sub.research)).toMatchObject({
      accountUsername: 'ops@fabrikam.com',
      alsoSeenBy: ['admin@contoso.com'],
    });
    expect(after.problems).toEqual([]);
    expect(changes.at(-1)).toEqual(after);
    expect(service.snapshot()).toEqual(after);
    expect(emu.requestLog.entries()).toEqual([]);
    expect(directory.credentialRequests).toHaveLength(credentialRequests);

    // Refreshed while admin is signed out: still there; signed in again: listed through admin.
    directory.tenants = directory.only([
      ['reader@contoso.com', 'Contoso Ltd'],
      ['ops@fabrikam.com', 'Fabrikam Inc'],
    ]);
    const without = await service.refresh();
    expect(byId(without, sub.platform)).toMatchObject({ favourite: true, selected: false });
    expect(byId(without, sub.prod).accountUsername).toBe('reader@contoso.com');
  });

  it('keep the subscriptions of a tenant that starts demanding MFA, with their selection and favourites', async () => {
    const directory = new EmulatorDirectory(emu, [admin]);
    const contoso = directory.only([['admin@contoso.com', 'Contoso Ltd']]);
    const fabrikam = directory.only([['admin@contoso.com', 'Fabrikam Inc']]);
    directory.tenants = [...contoso, ...fabrikam];
    const { service } = serviceFor(directory);
    const firstSeen = clock.iso();
    await service.refresh();
    service.applyFilters([{ subscriptionId: sub.research, favourite: true }]);

    clock.advance(60);
    directory.tenants = contoso; // Fabrikam now demands an interactive sign-in: not ready
    const snapshot = await service.refresh();

    expect(byId(snapshot, sub.research)).toMatchObject({
      favourite: true,
      selected: true,
      accountUsername: 'admin@contoso.com',
      lastSeenAt: firstSeen,
    });
  });

  it('forget what a signed-in account saw in a tenant it no longer belongs to', async () => {
    const directory = new EmulatorDirectory(emu, [admin]);
    directory.tenants = directory.only([
      ['admin@contoso.com', 'Contoso Ltd'],
      ['admin@contoso.com', 'Fabrikam Inc'],
    ]);
    const { service } = serviceFor(directory);
    await service.refresh();

    directory.tenants = directory.only([['admin@contoso.com', 'Contoso Ltd']]);
    directory.memberTenantIds = [tenant.contoso]; // removed as a guest of Fabrikam
    const snapshot = await service.refresh();

    expect(ids(snapshot)).not.toContain(sub.research);
    expect(ids(snapshot)).toContain(sub.prod);
  });
});

describe("the user's filters", () => {
  it('sorts favourites first, then by tenant name, then by subscription name', async () => {
    const directory = new EmulatorDirectory(emu, [admin, ops]);
    const { service } = serviceFor(directory);
    await service.refresh();

    const snapshot = service.applyFilters([{ subscriptionId: sub.analytics, favourite: true }]);

    expect(snapshot.subscriptions.map((s) => s.displayName)).toEqual([
      'Fabrikam Analytics',
      'Contoso ML Development',
      'Contoso ML Production',
      'Contoso Platform (shared clusters)',
      'Fabrikam Research',
    ]);
  });

  it('are kept in the database file: a new service instance shows them offline, before any refresh', async () => {
    const directory = new EmulatorDirectory(emu, [admin]);
    const first = serviceFor(directory);
    await first.service.refresh();
    first.service.applyFilters([
      { subscriptionId: sub.prod, favourite: true },
      { subscriptionId: sub.dev, selected: false, hidden: true },
    ]);
    const before = first.service.snapshot();
    first.database.close();

    const offline = new EmulatorDirectory(emu, []);
    const second = serviceFor(offline);
    const after = second.service.snapshot();

    expect(after).toEqual(before);
    expect(byId(after, sub.prod).favourite).toBe(true);
    expect(byId(after, sub.dev)).toMatchObject({ selected: false, hidden: true });
    expect(offline.credentialRequests).toEqual([]);
  });

  it('survive a subscription leaving the list (no account sees it any more) and coming back', async () => {
    const directory = new EmulatorDirectory(emu, [admin, reader]);
    const contosoAdmin = directory.only([['admin@contoso.com', 'Contoso Ltd']]);
    const contosoReader = directory.only([['reader@contoso.com', 'Contoso Ltd']]);
    directory.tenants = contosoAdmin;
    const { service, database } = serviceFor(directory);
    await service.refresh();
    service.applyFilters([
      { subscriptionId: sub.platform, favourite: true, hidden: true },
      { subscriptionId: sub.dev, selected: false },
    ]);

    // Admin lost access to Platform in Azure: gone from the list, its row kept.
    database
      .prepare('DELETE FROM subscription_sightings WHERE subscription_id = ?')
      .run(sub.platform);
    directory.tenants = contosoReader;
    const without = await service.refresh();
    expect(ids(without).sort()).toEqual([sub.prod, sub.dev].sort());
    expect(byId(without, sub.prod).accountUsername).toBe('reader@contoso.com');

    directory.tenants = [...contosoAdmin, ...contosoReader]; // admin lists it again
    const back = await service.refresh();
    expect(byId(back, sub.platform)).toMatchObject({ favourite: true, hidden: true });
    expect(byId(back, sub.dev).selected).toBe(false);
  });

  it('offer new subscriptions instead of adding them once the user narrowed the scope', async () => {
    const directory = new EmulatorDirectory(emu, [reader, admin]);
    directory.tenants = directory.only([['reader@contoso.com', 'Contoso Ltd']]);
    const { service } = serviceFor(directory);
    const first = await service.refresh();
    expect(first.subscriptions.every((s) => s.selected && !s.offered)).toBe(true);
    clock.advance(1);
    service.applyFilters([{ subscriptionId: sub.dev, selected: false }]);
    expect(byId(service.snapshot(), sub.dev).offered).toBe(false); // left out on purpose

    clock.advance(1);
    directory.tenants = directory.only([
      ['reader@contoso.com', 'Contoso Ltd'],
      ['admin@contoso.com', 'Contoso Ltd'],
      ['admin@contoso.com', 'Fabrikam Inc'],
    ]);
    const later = await service.refresh();

    expect(byId(later, sub.platform)).toMatchObject({ selected: false, offered: true });
    expect(byId(later, sub.research)).toMatchObject({ selected: false, offered: true });
    expect(byId(later, sub.prod)).toMatchObject({ selected: true, offered: false });

    // Declining one and taking the other ends the offer of both.
    clock.advance(1);
    const decided = service.applyFilters([
      { subscriptionId: sub.platform, selected: false },
      { subscriptionId: sub.research, selected: true },
    ]);
    expect(byId(decided, sub.platform)).toMatchObject({ selected: false, offered: false });
    expect(byId(decided, sub.research)).toMatchObject({ selected: true, offered: false });
  });

  it('refuse a change naming a subscription not in the list, changing nothing', async () => {
    const directory = new EmulatorDirectory(emu, [admin]);
    directory.tenants = directory.only([['admin@contoso.com', 'Contoso Ltd']]);
    const { service, changes } = serviceFor(directory);
    await service.refresh();
    const before = service.snapshot();
    const eventsBefore = changes.length;
    const unknown = '00000000-0000-0000-0000-000000000000';

    const attempt = () =>
      service.applyFilters([
        { subscriptionId: sub.prod, favourite: true },
        { subscriptionId: unknown, selected: false },
      ]);

    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(
      new RegExp(`subscription ${unknown}, so no filter was changed; refresh`),
    );
    expect(service.snapshot()).toEqual(before);
    expect(changes).toHaveLength(eventsBefore);
  });

  it('accept ids in upper case and publish the new snapshot', async () => {
    const directory = new EmulatorDirectory(emu, [admin]);
    directory.tenants = directory.only([['admin@contoso.com', 'Contoso Ltd']]);
    const { service, changes } = serviceFor(directory);
    await service.refresh();

    const snapshot = service.applyFilters([
      { subscriptionId: sub.dev.toUpperCase(), favourite: true },
    ]);

    expect(byId(snapshot, sub.dev).favourite).toBe(true);
    expect(changes.at(-1)).toEqual(snapshot);
  });
});
