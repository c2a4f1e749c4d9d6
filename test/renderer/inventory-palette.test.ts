// Renderer logic, tested in plain Node (see scope-model.test.ts for why it lives here).
import { describe, expect, it } from 'vitest';
import { inventoryPaletteSources } from '../../renderer/src/palette/inventory-palette-items';
import { searchPalette } from '../../renderer/src/palette/palette-items';
import type { InventoryTarget } from '../../renderer/src/inventory/inventory-layout';
import { compute, snapshotOf, workspace } from './inventory-fixtures';

const fraud = workspace('mlw-fraud', {
  friendlyName: 'Fraud detection',
  resourceGroup: 'rg-ml-prod-weu',
});
const k8s = compute(fraud, 'k8s-prod', {
  provisioningState: 'Failed',
  namespace: 'team-fraud',
  clusterId:
    '/subscriptions/x/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-weu-01',
});
const snapshot = snapshotOf([fraud], [k8s]);

describe('the palette’s workspaces and computes', () => {
  it('titles a workspace by its friendly name and says where it lives', () => {
    const [workspaces] = inventoryPaletteSources(snapshot, () => undefined);

    expect(workspaces?.items[0]).toMatchObject({
      title: 'Fraud detection',
      detail: 'Contoso ML Production · rg-ml-prod-weu · westeurope',
    });
  });

  it('titles a compute by its name with its workspace, state and cluster', () => {
    const [, computes] = inventoryPaletteSources(snapshot, () => undefined);

    expect(computes?.items[0]).toMatchObject({
      title: 'k8s-prod',
      detail: 'mlw-fraud · Failed · aks-weu-01',
    });
  });

  it('finds a workspace by its resource name and a compute by its namespace or cluster id', () => {
    const sources = inventoryPaletteSources(snapshot, () => undefined);
    const found = (query: string) =>
      searchPalette(sources, query).flatMap((match) => match.items.map((item) => item.title));

    expect(found('mlw-fraud')).toContain('Fraud detection');
    expect(found('team-fraud')).toEqual(['k8s-prod']);
    expect(found('managedClusters/aks-weu')).toEqual(['k8s-prod']);
  });

  it('marks what was removed outside Mooring', () => {
    const gone = snapshotOf([{ ...fraud, removedAt: '2026-11-25T11:00:00.000Z' }], []);
    const [workspaces] = inventoryPaletteSources(gone, () => undefined);

    expect(workspaces?.items[0]?.detail).toContain('removed outside Mooring');
  });

  it('jumps to the workspace or compute chosen', () => {
    const jumps: InventoryTarget[] = [];
    const [workspaces, computes] = inventoryPaletteSources(snapshot, (target) =>
      jumps.push(target),
    );

    workspaces?.items[0]?.run();
    computes?.items[0]?.run();

    expect(jumps).toEqual([
      { kind: 'workspace', id: fraud.id },
      { kind: 'compute', id: k8s.id },
    ]);
  });
});
