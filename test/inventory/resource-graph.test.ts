import { afterEach, describe, expect, it } from 'vitest';
import type { InventorySnapshot } from '../../shared/domain/inventory';
import { sleepFor } from '../../electron/inventory/read-pacer';
import { fastSettings } from '../emulator/testing';
import { useDemoInventory } from './demo-inventory';
import { TestScope, scoped } from './inventory-fixture';

const demo = useDemoInventory();

afterEach(async () => {
  await demo.emu.control.updateSettings({
    pageSize: fastSettings.pageSize,
    resourceGraph: 'available',
    resourceGraphQuota: 15,
  });
});

/** An inventory with its own database; `graph` puts every refresh above the Resource Graph threshold. */
function inventory(graph: boolean, extra: Partial<Parameters<typeof demo.inventory>[0]> = {}) {
  return demo.inventory({
    file: demo.anotherFolder().file,
    limits: { resourceGraphAbove: graph ? 0 : 1000 },
    ...extra,
  });
}

const graphQueries = () =>
  demo.emu.requestLog
    .entries()
    .filter(
      (e) =>
        e.method === 'POST' && /\/providers\/Microsoft\.ResourceGraph\/resources/i.test(e.path),
    );

const subscriptionLists = () =>
  demo.emu.requestLog
    .entries()
    .filter(
      (e) =>
        e.method === 'GET' &&
        /^\/subscriptions\/[^/]+\/providers\/(Microsoft\.MachineLearningServices\/workspaces|Microsoft\.ContainerService\/managedClusters|Microsoft\.Kubernetes\/connectedClusters|Microsoft\.ManagedIdentity\/userAssignedIdentities)$/i.test(
          e.path.split('?')[0] ?? '',
        ),
    );

/** What the record holds, without the listing times (the two refreshes ran at different moments). */
const contents = (snapshot: InventorySnapshot) => ({
  workspaces: snapshot.workspaces.map((w) => w.id).sort(),
  computes: snapshot.computes.map((c) => c.id).sort(),
  clusters: snapshot.clusters
    .map((c) => `${c.id} ${JSON.stringify(c.azureMlExtension ?? null)}`)
    .sort(),
  identities: snapshot.identities.map((i) => i.id).sort(),
});

describe('discovery through Resource Graph above the threshold', () => {
  it('finds what ARM lists, following $skipToken, with no per-subscription list of those types', async () => {
    const byArm = await inventory(false).service.refresh();
    demo.emu.requestLog.clear();

    const byGraph = await inventory(true).service.refresh();

    expect(byGraph.problems).toEqual([]);
    expect(contents(byGraph)).toEqual(contents(byArm));
    expect(byGraph.workspaces).toHaveLength(8);
    expect(subscriptionLists()).toEqual([]);
    // Page size 2: the workspaces query needs further pages, asked for with the $skipToken answered.
    const queries = graphQueries();
    expect(queries.every((q) => q.status === 200)).toBe(true);
    expect(queries.some((q) => JSON.stringify(q.body).includes('$skipToken'))).toBe(true);
    // Computes are not in Resource Graph: they are still listed per workspace.
    expect(
      demo.emu.requestLog
        .entries()
        .some((e) => /\/workspaces\/[^/]+\/computes$/i.test(e.path.split('?')[0] ?? '')),
    ).toBe(true);
  });

  it('stays at or below the refresh threshold through ARM only', async () => {
    await inventory(false).service.refresh();
    expect(graphQueries()).toEqual([]);
  });

  it('falls back to ARM per subscription where the cloud has no Resource Graph', async () => {
    await demo.emu.control.updateSettings({ resourceGraph: 'absent' });

    const snapshot = await inventory(true).service.refresh();

    expect(snapshot.problems).toEqual([]);
    expect(snapshot.workspaces).toHaveLength(8);
    expect(graphQueries().length).toBeGreaterThan(0);
    expect(graphQueries().every((q) => q.status === 404)).toBe(true);
    expect(subscriptionLists().length).toBeGreaterThan(0);
  });

  it('falls back to ARM when Resource Graph refuses', async () => {
    await demo.emu.control.addErrorBurst({
      pathPattern: '/providers/Microsoft\\.ResourceGraph/resources',
      method: 'POST',
      status: 503,
      count: 100,
    });

    const snapshot = await inventory(true, { retryOptions: { maxRetries: 0 } }).service.refresh();

    expect(snapshot.problems).toEqual([]);
    expect(snapshot.workspaces).toHaveLength(8);
    expect(subscriptionLists().length).toBeGreaterThan(0);
  });

  it('waits for its quota window to reset instead of being refused', async () => {
    // Five queries per (account, tenant) batch, more with paging: a quota of 4 runs out.
    await demo.emu.control.updateSettings({ resourceGraphQuota: 4, pageSize: 100 });
    const waits: number[] = [];

    const snapshot = await inventory(true, {
      scope: new TestScope([scoped('prod', demo.admin), scoped('dev', demo.admin)]),
      retryOptions: { maxRetries: 0 },
      pacing: {
        sleep: (ms, signal) => {
          waits.push(ms);
          return sleepFor(ms, signal);
        },
      },
    }).service.refresh();

    expect(snapshot.problems).toEqual([]);
    expect(graphQueries().map((q) => q.status)).toEqual([200, 200, 200, 200, 200]);
    expect(waits.length).toBeGreaterThan(0);
    expect(subscriptionLists()).toEqual([]);
  });
});
