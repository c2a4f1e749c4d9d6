import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { afterEach, describe, expect, it } from 'vitest';
import { sleepFor } from '../../electron/inventory/read-pacer';
import { fastSettings } from '../emulator/testing';
import { useDemoInventory } from './demo-inventory';
import { TestScope, scoped, subscription, tenant } from './inventory-fixture';

const demo = useDemoInventory();
const { inventory } = demo;
const released: Array<() => void> = [];

afterEach(async () => {
  for (const release of released.splice(0)) release();
  await demo.emu.control.updateSettings({ pageSize: fastSettings.pageSize });
});

/** A token request that never answers until released (or aborted): a tenant whose sign-in hangs. */
function hangingCredential(): TokenCredential & { readonly asked: () => number } {
  let asked = 0;
  return {
    asked: () => asked,
    getToken: (_scopes, options) =>
      new Promise<AccessToken | null>((_resolve, reject) => {
        asked += 1;
        const fail = () =>
          reject(Object.assign(new Error('sign-in hangs'), { name: 'AbortError' }));
        released.push(fail);
        options?.abortSignal?.addEventListener('abort', fail);
      }),
  };
}

async function until(what: string, probe: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    if (probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const armReads = (pattern: RegExp) =>
  demo.emu.requestLog
    .entries()
    .filter(
      (e) => e.kind === 'arm' && e.method === 'GET' && pattern.test(e.path.split('?')[0] ?? ''),
    );

describe('refresh progress, cancel and overlap', () => {
  it('reports n of N subscriptions as each one finishes, with the one being listed', async () => {
    const { service, progress } = inventory();

    await service.refresh();

    expect(progress[0]).toMatchObject({ status: 'running', done: 0, total: 6, current: null });
    expect(progress.at(-1)).toMatchObject({ status: 'finished', done: 6, total: 6 });
    const done = progress.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(new Set(done)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
    const names = new Set(Object.values(subscription).map((s) => s.name));
    for (const p of progress) if (p.current !== null) expect(names).toContain(p.current);
    expect(progress.some((p) => p.current === subscription.research.name)).toBe(true);
  });

  it('joins a second refresh asked for while one runs, listing each subscription once', async () => {
    const { service, progress } = inventory();

    const first = service.refresh();
    const second = service.refresh();
    expect(second).toBe(first);
    await Promise.all([first, second]);

    expect(new Set(progress.map((p) => p.refreshId)).size).toBe(1);
    const workspaceLists = armReads(
      /^\/subscriptions\/[^/]+\/providers\/Microsoft\.MachineLearningServices\/workspaces$/i,
    ).filter((e) => !e.path.includes('skiptoken'));
    expect(workspaceLists).toHaveLength(6);
  });

  it('cancels: nothing more starts, the listing cut short is not written, the rest keep their state', async () => {
    const hanging = hangingCredential();
    demo.credentials.override = (_account, tenantId) =>
      tenantId === tenant.fabrikam ? hanging : undefined;
    const { service, progress } = inventory({
      limits: { subscriptions: 1, tenantSubscriptions: 1 },
    });

    const refreshing = service.refresh();
    await until('the Fabrikam subscription to be asked for a token', () => hanging.asked() > 0);
    expect(service.cancelRefresh()).toBe(true);
    const snapshot = await refreshing;

    expect(progress.at(-1)).toMatchObject({ status: 'cancelled', done: 4, total: 6 });
    expect(snapshot.unlisted.map((s) => s.subscriptionName).sort()).toEqual(
      [
        subscription.research.name,
        subscription.analytics.name,
        subscription.northwindAi.name,
      ].sort(),
    );
    expect(snapshot.problems).toEqual([]);
    expect(armReads(new RegExp(subscription.northwindAi.id, 'i'))).toEqual([]);
    expect(service.cancelRefresh()).toBe(false);
  });
});

describe('one subscription’s listings side by side', () => {
  it('lists clusters and identities while the workspaces are still being listed', async () => {
    const workspaceList =
      /^\/subscriptions\/[^/]+\/providers\/Microsoft\.MachineLearningServices\/workspaces$/i;
    const clusterList =
      /^\/subscriptions\/[^/]+\/providers\/Microsoft\.ContainerService\/managedClusters$/i;
    // The workspace list is held back until ARM has answered the subscription's AKS list: a
    // refresh that waited for the workspaces (and their computes) before discovery never gets there.
    const holdWorkspaces: PipelinePolicy = {
      name: 'hold-workspaces-until-clusters',
      async sendRequest(request, next) {
        const path = new URL(request.url).pathname;
        if (workspaceList.test(path)) {
          const subscriptionId = path.split('/')[2] ?? '';
          await until(`the AKS list of ${subscriptionId} before its workspace list`, () =>
            armReads(clusterList).some((e) => e.path.includes(subscriptionId)),
          );
        }
        return next(request);
      },
    };
    const { service } = inventory({
      scope: new TestScope([scoped('prod', demo.admin)]),
      policies: [holdWorkspaces],
    });

    const snapshot = await service.refresh();

    expect(snapshot.problems).toEqual([]);
    const log = demo.emu.requestLog.entries().map((e) => e.path.split('?')[0] ?? '');
    const clustersAnswered = log.findIndex((path) => clusterList.test(path));
    const workspacesAnswered = log.findIndex((path) => workspaceList.test(path));
    expect(clustersAnswered).toBeGreaterThanOrEqual(0);
    expect(workspacesAnswered).toBeGreaterThan(clustersAnswered);
    expect(
      snapshot.workspaces.filter((w) => w.subscriptionId === subscription.prod.id),
    ).toHaveLength(3);
  });
});

describe('a failing tenant', () => {
  it('never blocks the other tenants, and its error is shown on its subscriptions', async () => {
    const hanging = hangingCredential();
    demo.credentials.override = (_account, tenantId) =>
      tenantId === tenant.fabrikam ? hanging : undefined;
    const { service, progress } = inventory({
      limits: { subscriptions: 3, tenantSubscriptions: 1 },
    });

    const refreshing = service.refresh();
    // Both Fabrikam subscriptions hang on sign-in; Contoso and Northwind are listed meanwhile.
    await until('every other subscription to be listed', () => progress.some((p) => p.done === 4));
    expect(hanging.asked()).toBe(2);
    for (const release of released.splice(0)) release();
    const snapshot = await refreshing;

    expect(progress.at(-1)).toMatchObject({ status: 'finished', done: 6 });
    expect(snapshot.problems.map((p) => p.subscriptionName).sort()).toEqual(
      [subscription.research.name, subscription.analytics.name].sort(),
    );
    expect(snapshot.workspaces.some((w) => w.subscriptionId === subscription.prod.id)).toBe(true);
    expect(snapshot.workspaces.some((w) => w.subscriptionId === subscription.northwindAi.id)).toBe(
      true,
    );
  });
});

describe('pacing within ARM’s read budget', () => {
  it('slows down before the subscription’s reads run out: no 429 is ever answered', async () => {
    await demo.emu.control.setThrottling({
      reads: { capacity: 8, refillPerSecond: 10 },
      writes: { capacity: 200, refillPerSecond: 10 },
      deletes: { capacity: 200, refillPerSecond: 10 },
    });
    const waits: number[] = [];
    const { service } = inventory({
      scope: new TestScope([scoped('prod', demo.admin), scoped('dev', demo.admin)]),
      // No retries: a 429 would surface as a problem instead of being retried away.
      retryOptions: { maxRetries: 0 },
      pacing: {
        refillPerSecond: 10,
        reserve: 3,
        sleep: (ms, signal) => {
          waits.push(ms);
          return sleepFor(ms, signal);
        },
      },
    });

    const snapshot = await service.refresh();

    expect(snapshot.problems).toEqual([]);
    expect(demo.emu.requestLog.entries().filter((e) => e.status === 429)).toEqual([]);
    expect(waits.length).toBeGreaterThan(0);
    // More reads than the bucket holds were needed: the pacer, not luck, kept them inside it.
    expect(armReads(new RegExp(subscription.prod.id, 'i')).length).toBeGreaterThan(8);
  });
});

describe('Retry-After', () => {
  it('is honoured when a 429 comes anyway (pacing off): the listing succeeds after waiting', async () => {
    await demo.emu.control.setThrottling({
      reads: { capacity: 5, refillPerSecond: 5 },
      writes: { capacity: 200, refillPerSecond: 10 },
      deletes: { capacity: 200, refillPerSecond: 10 },
    });
    const { service } = inventory({
      scope: new TestScope([scoped('prod', demo.admin)]),
      // A reserve far below zero: the pacer never holds a read back.
      pacing: { reserve: -1_000_000 },
    });

    const snapshot = await service.refresh();

    const log = demo.emu.requestLog.entries();
    const throttled = log.filter((e) => e.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    // Each throttled read was sent again no sooner than its Retry-After (1 s here) allowed.
    for (const refused of throttled) {
      const retry = log.find(
        (e) => e.path === refused.path && Date.parse(e.time) > Date.parse(refused.time),
      );
      expect(retry, `a retry of ${refused.path}`).toBeDefined();
      expect(Date.parse(retry?.time ?? '') - Date.parse(refused.time)).toBeGreaterThanOrEqual(950);
    }
    expect(snapshot.problems).toEqual([]);
    expect(
      snapshot.workspaces.filter((w) => w.subscriptionId === subscription.prod.id),
    ).toHaveLength(3);
  });
});

describe('start-up from the local record', () => {
  it('shows each subscription with the age of its own data before any network call', async () => {
    const first = inventory();
    await first.service.refresh();
    const listedFirst = demo.clock.iso();
    demo.clock.advance(30);
    // Fabrikam's sign-in fails this time: its subscriptions keep the age of their last listing.
    demo.credentials.override = (_account, tenantId) =>
      tenantId === tenant.fabrikam
        ? { getToken: () => Promise.reject(new Error('sign-in needed')) }
        : undefined;
    await first.service.refresh();
    first.database.close();

    demo.emu.requestLog.clear();
    // A restart with Azure unreachable and the connection never ready: the record answers anyway.
    const restarted = inventory({ runtime: () => new Promise(() => undefined) });
    const snapshot = restarted.service.snapshot();

    expect(demo.emu.requestLog.entries()).toEqual([]);
    const ages = Object.fromEntries(
      (snapshot.listed ?? []).map((l) => [l.subscriptionId, l.listedAt]),
    );
    expect(ages[subscription.prod.id]).toBe(demo.clock.iso());
    expect(ages[subscription.research.id]).toBe(listedFirst);
    expect(ages[subscription.analytics.id]).toBe(listedFirst);
    expect(snapshot.refreshedAt).toBe(listedFirst);
    expect(snapshot.workspaces).toHaveLength(8);
  });
});
