import { describe, expect, it } from 'vitest';
import {
  attachmentText,
  clusterCountText,
  extensionBadge,
  groupClusters,
} from '../../renderer/src/inventory/cluster-model';
import { refreshProblemsText } from '../../renderer/src/inventory/record-age';
import {
  PRODUCTION,
  RESEARCH,
  cluster,
  compute,
  snapshotOf,
  workspace,
} from './inventory-fixtures';

const extension = (provisioningState: string) => ({
  id: '/subscriptions/x/ext',
  name: 'azureml',
  provisioningState,
  version: '1.1.74',
  releaseTrain: 'stable',
});

describe('the Azure ML extension badge', () => {
  it('says Succeeded, missing, failed, under way or not readable — never mistaking one for another', () => {
    expect(extensionBadge(cluster('a')).state).toBe('ready');
    expect(extensionBadge(cluster('a', { azureMlExtension: null }))).toMatchObject({
      state: 'missing',
      label: 'Azure ML extension missing',
    });
    expect(extensionBadge(cluster('a', { azureMlExtension: extension('Failed') }))).toMatchObject({
      state: 'failed',
      color: 'danger',
      label: 'Azure ML extension Failed',
    });
    expect(extensionBadge(cluster('a', { azureMlExtension: extension('Creating') })).state).toBe(
      'in-progress',
    );
    // Unreadable wins over whatever the record holds: it is unknown, not missing.
    expect(
      extensionBadge(cluster('a', { extensionReadable: false, azureMlExtension: null })),
    ).toMatchObject({ state: 'unreadable', label: 'Extension not readable' });
  });

  it('compares provisioning states whatever their case', () => {
    expect(extensionBadge(cluster('a', { azureMlExtension: extension('succeeded') })).state).toBe(
      'ready',
    );
  });
});

describe('grouping clusters', () => {
  const mlA = workspace('mlw-a');
  const mlB = workspace('mlw-b');
  const gone = workspace('mlw-gone', { removedAt: '2026-11-25T09:00:00.000Z' });
  const gpu = cluster('aks-gpu');
  const arc = cluster('arc-edge', { kind: 'arc', connectivityStatus: 'Offline' });
  const idle = cluster('aks-idle', { privateCluster: true });

  it('lists each cluster with its kind, connectivity and the workspaces its computes are in', () => {
    const snapshot = snapshotOf(
      [mlA, mlB, gone],
      [
        compute(mlB, 'train', { clusterId: gpu.id.toUpperCase() }),
        compute(mlA, 'infer', { clusterId: gpu.id }),
        compute(mlA, 'batch', { clusterId: gpu.id }),
        // Removed computes and computes of removed workspaces attach nothing.
        compute(mlA, 'old', { clusterId: arc.id, removedAt: '2026-11-25T09:00:00.000Z' }),
        compute(gone, 'ghost', { clusterId: arc.id }),
      ],
      { clusters: [idle, gpu, arc] },
    );

    const [group] = groupClusters(snapshot);

    expect(group?.clusters.map((e) => [e.cluster.name, e.kindLabel, e.connectivity])).toEqual([
      ['aks-gpu', 'AKS', null],
      ['aks-idle', 'AKS', 'Private API server'],
      ['arc-edge', 'Arc', 'Offline'],
    ]);
    expect(group?.clusters.map((e) => e.connectivityWarning)).toEqual([false, false, true]);
    const attached = group?.clusters[0]?.attachments ?? [];
    expect(attachmentText(attached)).toBe('Attached to mlw-a (batch, infer), mlw-b (train)');
    expect(attachmentText(group?.clusters[2]?.attachments ?? [])).toBe(
      'Not attached to any workspace',
    );
  });

  it('groups by subscription name and puts removed clusters last', () => {
    const removed = cluster('aks-a-removed', { removedAt: '2026-11-25T09:00:00.000Z' });
    const research = cluster('aks-research', { subscriptionId: RESEARCH });
    const groups = groupClusters(snapshotOf([], [], { clusters: [research, removed, gpu] }));

    expect(groups.map((g) => [g.subscriptionId, g.clusters.map((e) => e.cluster.name)])).toEqual([
      [PRODUCTION, ['aks-gpu', 'aks-a-removed']],
      [RESEARCH, ['aks-research']],
    ]);
    expect(clusterCountText(groups)).toBe('2 clusters, 2 ready for Azure ML');
  });
});

describe('the age line with discovery problems', () => {
  it('names a subscription whose clusters or identities could not be listed apart from failed ones', () => {
    const problem = (listing?: 'clusters' | 'identities') => ({
      subscriptionId: PRODUCTION,
      subscriptionName: 'Contoso ML Production',
      workspaceId: null,
      ...(listing ? { listing } : {}),
      problem: { code: 'AuthorizationFailed', message: 'm' },
    });
    expect(refreshProblemsText([problem('clusters'), problem('identities')])).toBe(
      'last refresh could not list every cluster or identity in 1 subscription',
    );
    expect(refreshProblemsText([problem('clusters'), problem()])).toBe(
      'last refresh failed for 1 subscription',
    );
  });
});
