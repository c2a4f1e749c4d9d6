import { describe, expect, it } from 'vitest';
import type { InventoryExportFilter } from '../../shared/domain/export';
import { selectInventory } from '../../shared/inventory/inventory-selection';
import { groupInventory } from '../../renderer/src/inventory/inventory-model';
import { RESEARCH, compute, snapshotOf, workspace } from './inventory-fixtures';

const fraud = workspace('ws-fraud', { friendlyName: 'Fraud detection' });
const churn = workspace('ws-churn');
const empty = workspace('ws-empty');
const gone = workspace('ws-gone', { removedAt: '2026-11-20T10:00:00.000Z' });
const vision = workspace('ws-vision', { subscriptionId: RESEARCH });
const snapshot = snapshotOf(
  [fraud, churn, empty, gone, vision],
  [
    compute(fraud, 'k8s-b'),
    compute(fraud, 'k8s-a', { provisioningState: 'Failed' }),
    compute(fraud, 'old', { removedAt: '2026-11-20T10:00:00.000Z' }),
    compute(churn, 'gpu', { provisioningState: 'creating' }),
    compute(gone, 'k8s-z'),
    compute(vision, 'arc', {
      clusterId:
        '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/edge',
    }),
  ],
);

/** What the page shows, as lines: each compute, or a workspace shown with none. */
function pageLines(filter: InventoryExportFilter): string[] {
  return groupInventory(snapshot, filter).flatMap((group) =>
    group.workspaces.flatMap((entry) =>
      entry.computes.length > 0
        ? entry.computes.map((c) => `${entry.workspace.name}/${c.name}`)
        : [`${entry.workspace.name}/`],
    ),
  );
}

const exportLines = (filter: InventoryExportFilter) =>
  selectInventory(snapshot, filter).map(
    (line) => `${line.workspace.name}/${line.compute?.name ?? ''}`,
  );

describe('an inventory export holds what the page shows', () => {
  it.each<InventoryExportFilter>([
    { query: '', state: 'all' },
    { query: '', state: 'failed' },
    { query: '', state: 'in-progress' },
    { query: '', state: 'succeeded' },
    { query: '', state: 'removed' },
    { query: 'fraud', state: 'all' },
    { query: 'FRAUD k8s-a', state: 'all' },
    { query: 'edge', state: 'all' },
    { query: 'ws-empty', state: 'all' },
    { query: 'ws-empty', state: 'succeeded' },
    { query: 'nothing-like-this', state: 'all' },
  ])('with the filter %j, in the same order', (filter) => {
    expect(exportLines(filter)).toEqual(pageLines(filter));
  });

  it('keeps a workspace with no compute shown, sorts by the name shown, removed last', () => {
    expect(exportLines({ query: '', state: 'all' })).toEqual([
      'ws-fraud/k8s-a', // "Fraud detection"
      'ws-fraud/k8s-b',
      'ws-fraud/old',
      'ws-churn/gpu',
      'ws-empty/',
      'ws-gone/k8s-z',
      'ws-vision/arc',
    ]);
  });

  it('exports a removed compute under Removed, never under the state it was last seen in', () => {
    expect(exportLines({ query: '', state: 'removed' })).toEqual(['ws-fraud/old']);
    expect(exportLines({ query: '', state: 'succeeded' })).not.toContain('ws-fraud/old');
  });
});
