// The palette's attach actions and compute pages, in plain Node.
import { describe, expect, it } from 'vitest';
import { operationsPaletteSources } from '../../renderer/src/palette/operations-palette-items';
import { runPaletteItem, searchPalette } from '../../renderer/src/palette/palette-items';
import type { AttachIntent } from '../../renderer/src/state/attach-store';
import { compute, snapshotOf, workspace } from './inventory-fixtures';
import { cluster } from './operations-fixtures';

const fraud = workspace('ws-fraud');
const aks = cluster('aks-prod');
const k8s = compute(fraud, 'k8s-prod');
const aml = compute(fraud, 'cpu-cluster', { computeType: 'AmlCompute' });
const snapshot = { ...snapshotOf([fraud], [k8s, aml]), clusters: [aks] };

describe('the palette’s attach actions and compute pages', () => {
  it('opens the wizard for nothing, several workspaces, a cluster or a workspace', () => {
    const intents: AttachIntent[] = [];
    const [attach] = operationsPaletteSources(snapshot, {
      openAttach: (intent) => intents.push(intent),
      openCompute: () => undefined,
    });
    for (const item of attach?.items ?? []) item.run();
    expect(intents).toEqual([{}, { bulk: true }, { clusterId: aks.id }, { workspaceId: fraud.id }]);
  });

  it('opens the page of a Kubernetes compute, found by its name', () => {
    const opened: string[] = [];
    const sources = operationsPaletteSources(snapshot, {
      openAttach: () => undefined,
      openCompute: (id) => opened.push(id),
    });
    const [match] = searchPalette(sources.slice(1), 'open k8s');
    expect(match?.items.map((item) => item.title)).toEqual(['Open k8s-prod']);
    match?.items[0]?.run();
    expect(opened).toEqual([k8s.id]);
    expect(searchPalette(sources.slice(1), 'cpu-cluster')).toEqual([]);
  });

  it('offers the two attach actions before the record is read', () => {
    const [attach, pages] = operationsPaletteSources(null, {
      openAttach: () => undefined,
      openCompute: () => undefined,
    });
    expect(attach?.items.map((item) => item.id)).toEqual(['attach:new', 'attach:bulk']);
    expect(pages?.items).toEqual([]);
  });

  it('offline, lists every attach action as waiting with the reason, and runs none of them', () => {
    const intents: AttachIntent[] = [];
    const opened: string[] = [];
    const reason = 'Unavailable offline: no network connection to Azure (ECONNREFUSED).';
    const [attach, pages] = operationsPaletteSources(snapshot, {
      openAttach: (intent) => intents.push(intent),
      openCompute: (id) => opened.push(id),
      attachBlocked: reason,
    });
    expect(attach?.items.map((item) => [item.id, item.blocked])).toEqual([
      ['attach:new', reason],
      ['attach:bulk', reason],
      [`attach:cluster:${aks.id}`, reason],
      [`attach:workspace:${fraud.id}`, reason],
    ]);
    expect(attach?.items.map((item) => runPaletteItem(item))).toEqual([false, false, false, false]);
    expect(intents).toEqual([]);
    // A compute's page is the local record: it opens offline too.
    expect(pages?.items.every((item) => item.blocked === undefined)).toBe(true);
    expect(runPaletteItem(pages?.items[0])).toBe(true);
    expect(opened).toEqual([k8s.id]);
  });

  it('online, runs an attach action chosen', () => {
    const intents: AttachIntent[] = [];
    const [attach] = operationsPaletteSources(snapshot, {
      openAttach: (intent) => intents.push(intent),
      openCompute: () => undefined,
      attachBlocked: null,
    });
    expect(attach?.items.some((item) => item.blocked !== undefined)).toBe(false);
    expect(runPaletteItem(attach?.items[0])).toBe(true);
    expect(runPaletteItem(undefined)).toBe(false);
    expect(intents).toEqual([{}]);
  });
});
