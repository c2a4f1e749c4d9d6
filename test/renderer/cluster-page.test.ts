// Renderer logic, tested in plain Node (see scope-model.test.ts for why it lives here).
import { describe, expect, it } from 'vitest';
import type { ClusterHistoryEntry } from '../../shared/domain/cluster-history';
import { clusterPage, historyLines } from '../../renderer/src/cluster/cluster-page-model';
import { clusterPaletteSource } from '../../renderer/src/palette/cluster-palette-items';
import { createClusterStore } from '../../renderer/src/state/cluster-store';
import { cluster, compute, snapshotOf, workspace } from './inventory-fixtures';
import { deferred, scriptedClient } from './fixtures';

const mlA = workspace('mlw-a');
const mlB = workspace('mlw-b');
const gone = workspace('mlw-gone', { removedAt: '2026-11-25T09:00:00.000Z' });
const gpu = cluster('aks-gpu');
const other = cluster('aks-other');
const on = (parent: typeof mlA, name: string, overrides = {}) =>
  compute(parent, name, { clusterId: gpu.id, ...overrides });

const snapshot = snapshotOf(
  [mlA, mlB, gone],
  [
    on(mlB, 'train', { provisioningState: 'Failed' }),
    on(mlA, 'gpu'),
    on(mlA, 'cpu', { namespace: 'team-a' }),
    on(mlA, 'old', { removedAt: '2026-11-25T09:00:00.000Z' }),
    on(gone, 'orphan'),
    compute(mlA, 'elsewhere', { clusterId: other.id }),
  ],
  { clusters: [gpu, other] },
);
const tenants = (id: string) => (id === gpu.tenantId ? 'Contoso' : null);

describe("a cluster's page", () => {
  it('lists the workspaces and computes that name the cluster, whatever the case of its id', () => {
    const model = clusterPage(snapshot, gpu.id.toUpperCase(), tenants);
    if (!model.found) throw new Error('the cluster was not found');
    expect(model.entry.cluster.name).toBe('aks-gpu');
    expect(model.entry.kindLabel).toBe('AKS');
    expect(model.entry.extension.state).toBe('ready');
    expect(model.tenantName).toBe('Contoso');
    expect(model.attachments.map((w) => [w.workspaceName, w.computes.map((c) => c.name)])).toEqual([
      ['mlw-a', ['cpu', 'gpu']],
      ['mlw-b', ['train']],
    ]);
    expect(model.attachments[1]?.computes[0]).toMatchObject({
      id: `${mlB.id}/computes/train`,
      provisioningState: 'Failed',
    });
  });

  it('leaves out removed computes and those of removed workspaces', () => {
    const model = clusterPage(snapshot, gpu.id, tenants);
    if (!model.found) throw new Error('the cluster was not found');
    const names = model.attachments.flatMap((w) => w.computes.map((c) => c.name));
    expect(names).not.toContain('old');
    expect(names).not.toContain('orphan');
  });

  it('says a cluster attached nowhere is attached nowhere, and names the tenant by id when unknown', () => {
    const lonely = cluster('aks-lonely', { tenantId: '00000000-0000-4000-8000-000000000000' });
    const model = clusterPage(snapshotOf([mlA], [], { clusters: [lonely] }), lonely.id, tenants);
    expect(model).toMatchObject({
      found: true,
      attachments: [],
      tenantName: '00000000-0000-4000-8000-000000000000',
    });
  });

  it('marks a removed cluster removed', () => {
    const removed = cluster('aks-gone', { removedAt: '2026-11-25T09:30:00.000Z' });
    const model = clusterPage(snapshotOf([], [], { clusters: [removed] }), removed.id, tenants);
    expect(model).toMatchObject({ found: true, removed: true });
  });

  it('answers "not found" with the name from the id for a cluster the record does not hold', () => {
    const id = `${gpu.id.replace('aks-gpu', 'aks-unknown')}`;
    expect(clusterPage(snapshot, id, tenants)).toEqual({
      found: false,
      clusterId: id,
      name: 'aks-unknown',
    });
  });
});

describe("a cluster's history", () => {
  const seen = (at: string, patch: Partial<ClusterHistoryEntry> = {}): ClusterHistoryEntry => ({
    removed: false,
    extensionState: 'Succeeded',
    extensionVersion: '1.1.74',
    changes: null,
    seenAt: at,
    ...patch,
  });

  it('reads newest first: first sighting, changes made outside Mooring, removal', () => {
    const lines = historyLines([
      seen('2026-11-25T08:00:00.000Z'),
      seen('2026-11-25T09:00:00.000Z', {
        extensionVersion: '1.1.80',
        changes: [{ field: 'extensionVersion', from: '1.1.74', to: '1.1.80' }],
      }),
      seen('2026-11-25T10:00:00.000Z', {
        removed: true,
        extensionState: null,
        extensionVersion: null,
        changes: [{ field: 'removed', from: null, to: null }],
      }),
    ]);
    expect(lines.map((line) => [line.kind, line.text, line.fields.join(' ')])).toEqual([
      ['removed', 'Removed outside Mooring', 'removed'],
      ['changed', 'Changed outside Mooring: extension version 1.1.74 → 1.1.80', 'extensionVersion'],
      ['first-seen', 'First recorded, with Azure ML extension Succeeded 1.1.74', ''],
    ]);
    expect(lines[0]?.at).toBe('2026-11-25T10:00:00.000Z');
  });

  it('says a cluster first seen without the extension had none, and an uninstall as such', () => {
    const lines = historyLines([
      seen('2026-11-25T08:00:00.000Z', { extensionState: null, extensionVersion: null }),
      seen('2026-11-25T09:00:00.000Z', {
        changes: [{ field: 'extension', from: null, to: 'azureml' }],
      }),
    ]);
    expect(lines.map((line) => line.text)).toEqual([
      'Changed outside Mooring: Azure ML extension none → azureml',
      'First recorded, with no Azure ML extension',
    ]);
  });
});

describe('clusters in the command palette', () => {
  it('offers every recorded cluster, opening its page', () => {
    const opened: string[] = [];
    const removed = cluster('aks-gone', { removedAt: '2026-11-25T09:30:00.000Z' });
    const source = clusterPaletteSource({ clusters: [gpu, removed] }, (id) => opened.push(id));
    expect(source.items.map((item) => [item.title, item.detail])).toEqual([
      ['aks-gpu', 'AKS · Contoso ML Production · rg-aks · Azure ML extension Succeeded'],
      ['aks-gone', 'AKS · Contoso ML Production · rg-aks · removed outside Mooring'],
    ]);
    source.items[0]?.run();
    expect(opened).toEqual([gpu.id]);
  });
});

describe("the cluster page's view cache", () => {
  const history = (version: string) => ({
    ok: true as const,
    value: {
      entries: [
        {
          removed: false,
          extensionState: 'Succeeded',
          extensionVersion: version,
          changes: null,
          seenAt: '2026-11-25T08:00:00.000Z',
        },
      ],
    },
  });

  it('reads the history of the cluster it opens, and remembers where Back returns', async () => {
    const { client, calls } = scriptedClient({ 'clusters.history': async () => history('1.0') });
    const store = createClusterStore(client);
    store.getState().open(gpu.id, `${mlA.id}/computes/gpu`);
    expect(store.getState().history).toEqual({ status: 'loading' });
    await expect.poll(() => store.getState().history?.status).toBe('ready');
    expect(calls).toEqual([{ name: 'clusters.history', input: { clusterId: gpu.id } }]);
    expect(store.getState().returnTo).toBe(`${mlA.id}/computes/gpu`);
    store.getState().close();
    expect(store.getState()).toMatchObject({ clusterId: null, history: null, returnTo: null });
  });

  it('never lets a slow answer for a cluster no longer open replace the one shown', async () => {
    const slow = deferred<ReturnType<typeof history>>();
    let first = true;
    const { client } = scriptedClient({
      'clusters.history': () => {
        if (!first) return Promise.resolve(history('2.0'));
        first = false;
        return slow.promise;
      },
    });
    const store = createClusterStore(client);
    store.getState().open(gpu.id);
    store.getState().open(other.id);
    await expect.poll(() => store.getState().history?.status).toBe('ready');
    slow.resolve(history('1.0'));
    await slow.promise;
    await Promise.resolve();
    const shown = store.getState().history;
    expect(shown?.status === 'ready' && shown.value.entries[0]?.extensionVersion).toBe('2.0');
  });

  it('keeps the history shown when a reload fails', async () => {
    let fail = false;
    const { client } = scriptedClient({
      'clusters.history': async () =>
        fail ? { ok: false, error: { code: 'internal', message: 'disk' } } : history('1.0'),
    });
    const store = createClusterStore(client);
    store.getState().open(gpu.id);
    await expect.poll(() => store.getState().history?.status).toBe('ready');
    fail = true;
    await store.getState().reload();
    expect(store.getState().history?.status).toBe('ready');
  });
});
