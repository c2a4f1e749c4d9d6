// Renderer logic, tested in plain Node (see scope-model.test.ts for why it lives here).
import { describe, expect, it } from 'vitest';
import {
  identityLabel,
  resourceName,
  stateCategory,
  stateColor,
} from '../../renderer/src/inventory/compute-presentation';
import {
  countByState,
  groupInventory,
  NO_FILTER,
} from '../../renderer/src/inventory/inventory-model';
import type { SubscriptionGroup } from '../../renderer/src/inventory/inventory-model';
import { compute, RESEARCH, snapshotOf, workspace } from './inventory-fixtures';

/** [subscription, [workspace, [computes]]] as the page lists them. */
const outline = (groups: SubscriptionGroup[]) =>
  groups.map((group) => [
    group.subscriptionName,
    group.workspaces.map((entry) => [
      entry.workspace.name,
      entry.computes.map((item) => item.name),
    ]),
  ]);

describe('the inventory list model', () => {
  it('groups workspaces by subscription and sorts subscriptions, workspaces and computes by name', () => {
    const fraud = workspace('mlw-fraud');
    const churn = workspace('mlw-churn');
    const vision = workspace('mlw-vision', { subscriptionId: RESEARCH });
    const snapshot = snapshotOf(
      [fraud, vision, churn],
      [compute(fraud, 'k8s-b'), compute(fraud, 'k8s-a'), compute(vision, 'gpu')],
    );

    expect(outline(groupInventory(snapshot, NO_FILTER))).toEqual([
      [
        'Contoso ML Production',
        [
          ['mlw-churn', []],
          ['mlw-fraud', ['k8s-a', 'k8s-b']],
        ],
      ],
      ['Fabrikam Research', [['mlw-vision', ['gpu']]]],
    ]);
  });

  it('lists records removed outside Mooring after the ones that still exist', () => {
    const gone = workspace('mlw-a-gone', { removedAt: '2026-11-25T11:00:00.000Z' });
    const here = workspace('mlw-z-here');
    const snapshot = snapshotOf(
      [gone, here],
      [
        compute(here, 'a-removed', { removedAt: '2026-11-25T11:00:00.000Z' }),
        compute(here, 'b-present'),
      ],
    );

    expect(outline(groupInventory(snapshot, NO_FILTER))).toEqual([
      [
        'Contoso ML Production',
        [
          ['mlw-z-here', ['b-present', 'a-removed']],
          ['mlw-a-gone', []],
        ],
      ],
    ]);
  });

  it('keeps all computes of a workspace whose name matches, and only the matching ones otherwise', () => {
    const fraud = workspace('mlw-fraud');
    const churn = workspace('mlw-churn');
    const snapshot = snapshotOf(
      [fraud, churn],
      [
        compute(fraud, 'one'),
        compute(fraud, 'two'),
        compute(churn, 'fraud-scoring'),
        compute(churn, 'other'),
      ],
    );

    expect(outline(groupInventory(snapshot, { query: 'FRAUD', state: 'all' }))).toEqual([
      [
        'Contoso ML Production',
        [
          ['mlw-churn', ['fraud-scoring']],
          ['mlw-fraud', ['one', 'two']],
        ],
      ],
    ]);
  });

  it('finds a compute by part of its cluster id, and needs every typed word to match', () => {
    const fraud = workspace('mlw-fraud');
    const onArc = compute(fraud, 'edge', {
      clusterId:
        '/subscriptions/x/resourceGroups/rg-arc/providers/Microsoft.Kubernetes/connectedClusters/arc-factory-7',
    });
    const snapshot = snapshotOf([fraud], [onArc, compute(fraud, 'cloud')]);
    const names = (query: string) =>
      groupInventory(snapshot, { query, state: 'all' }).flatMap((group) =>
        group.workspaces.flatMap((entry) => entry.computes.map((item) => item.name)),
      );

    expect(names('factory-7')).toEqual(['edge']);
    expect(names('mlw-fraud connectedclusters')).toEqual(['edge']);
    expect(names('factory-7 nowhere')).toEqual([]);
  });

  it('shows only workspaces with a compute in the chosen state, with only those computes', () => {
    const fraud = workspace('mlw-fraud');
    const churn = workspace('mlw-churn');
    const empty = workspace('mlw-empty');
    const snapshot = snapshotOf(
      [fraud, churn, empty],
      [
        compute(fraud, 'broken', { provisioningState: 'Failed' }),
        compute(fraud, 'fine'),
        compute(churn, 'starting', { provisioningState: 'Creating' }),
        compute(churn, 'leaving', { provisioningState: 'deleting' }),
      ],
    );
    const under = (state: 'failed' | 'in-progress' | 'succeeded') =>
      outline(groupInventory(snapshot, { query: '', state }));

    expect(under('failed')).toEqual([['Contoso ML Production', [['mlw-fraud', ['broken']]]]]);
    expect(under('in-progress')).toEqual([
      ['Contoso ML Production', [['mlw-churn', ['leaving', 'starting']]]],
    ]);
    expect(under('succeeded')).toEqual([['Contoso ML Production', [['mlw-fraud', ['fine']]]]]);
  });

  it('counts the computes of each state group for the state filter', () => {
    const fraud = workspace('mlw-fraud');
    const computes = [
      compute(fraud, 'a', { provisioningState: 'Failed' }),
      compute(fraud, 'b', { provisioningState: 'Updating' }),
      compute(fraud, 'c'),
      compute(fraud, 'd', { provisioningState: 'Canceled' }),
    ];

    expect(countByState(computes)).toEqual({
      all: 4,
      failed: 1,
      'in-progress': 1,
      succeeded: 1,
      removed: 0,
    });
  });

  it('counts a compute removed outside Mooring as removed, never under its last state', () => {
    const fraud = workspace('mlw-fraud');
    const gone = compute(fraud, 'gone', { removedAt: '2026-11-25T11:00:00.000Z' });
    const failedThenGone = compute(fraud, 'broken', {
      provisioningState: 'Failed',
      removedAt: '2026-11-25T11:00:00.000Z',
    });
    const computes = [compute(fraud, 'fine'), gone, failedThenGone];

    expect(countByState(computes)).toEqual({
      all: 3,
      failed: 0,
      'in-progress': 0,
      succeeded: 1,
      removed: 2,
    });
    const names = (state: 'succeeded' | 'removed' | 'failed') =>
      groupInventory(snapshotOf([fraud], computes), { query: '', state }).flatMap((group) =>
        group.workspaces.flatMap((entry) => entry.computes.map((item) => item.name)),
      );
    expect(names('succeeded')).toEqual(['fine']);
    expect(names('failed')).toEqual([]);
    expect(names('removed')).toEqual(['broken', 'gone']);
    const entry = groupInventory(snapshotOf([fraud], computes), NO_FILTER)[0]?.workspaces[0];
    expect(entry?.failedComputes).toBe(0);
  });

  it('tells the whole and failed compute counts of a workspace whatever the filter', () => {
    const fraud = workspace('mlw-fraud');
    const snapshot = snapshotOf(
      [fraud],
      [compute(fraud, 'broken', { provisioningState: 'Failed' }), compute(fraud, 'fine')],
    );

    const [entry] = groupInventory(snapshot, { query: 'fine', state: 'all' })[0]!.workspaces;
    expect(entry).toMatchObject({ totalComputes: 2, failedComputes: 1 });
    expect(entry?.computes.map((item) => item.name)).toEqual(['fine']);
  });
});

describe('how a compute is presented', () => {
  it('groups provisioning states whatever their case, and colours them by group', () => {
    expect(
      ['Succeeded', 'FAILED', 'creating', 'Updating', 'Deleting', 'Canceled', 'Unknown'].map(
        stateCategory,
      ),
    ).toEqual([
      'succeeded',
      'failed',
      'in-progress',
      'in-progress',
      'in-progress',
      'other',
      'other',
    ]);
    expect(['Succeeded', 'Failed', 'Creating', 'Canceled', 'Unknown'].map(stateColor)).toEqual([
      'success',
      'danger',
      'brand',
      'warning',
      'informative',
    ]);
  });

  it('names a cluster or identity by the last segment of its resource id', () => {
    expect(
      resourceName(
        '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-prod-weu',
      ),
    ).toBe('aks-prod-weu');
    expect(resourceName('/trailing/slash/')).toBe('slash');
  });

  it('says which identity a compute has, naming a user-assigned one', () => {
    const uami =
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-fraud';
    expect(identityLabel({ identityType: 'UserAssigned', userAssignedIdentityId: uami })).toBe(
      'User-assigned: id-fraud',
    );
    expect(
      identityLabel({ identityType: 'SystemAssigned,UserAssigned', userAssignedIdentityId: uami }),
    ).toBe('System- and user-assigned: id-fraud');
    expect(identityLabel({ identityType: 'SystemAssigned', userAssignedIdentityId: null })).toBe(
      'System-assigned',
    );
    expect(identityLabel({ identityType: 'None', userAssignedIdentityId: null })).toBe(
      'No identity',
    );
  });
});
