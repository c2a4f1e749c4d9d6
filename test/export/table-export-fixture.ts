/**
 * A local record for the Computes table's export, and what the export of QUERY must hold, worked
 * out from the world as seeded rather than by the query under test. The Node test and the
 * browser test export the same table.
 */
import type { Database } from 'better-sqlite3';
import type { ExportRequest } from '../../shared/domain/export';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import { computeOf, guid, seedRows } from '../inventory/rows-fixture';

// 2 tenants, 4 subscriptions of 4 workspaces of 350 computes: 5,600 computes, half per tenant.
export const WORLD = {
  tenants: 2,
  subscriptions: 4,
  workspacesPerSubscription: 4,
  computesPerWorkspace: 350,
};
export const SEEDED_AT = '2026-01-01T00:00:00.000Z';
export const REMOVED_AT = '2026-02-01T10:00:00.000Z';
export const FORMULA = "=cmd|' /C calc'!A0";

const workspaceIdOf = (sub: string, w: number) =>
  `/subscriptions/${sub}/resourceGroups/rg-${w % 7}/providers/Microsoft.MachineLearningServices/workspaces/mlw-${w}`;
const computeIdOf = (s: number, w: number, c: number) =>
  `${workspaceIdOf(guid(2, s), w)}/computes/k8s-${c}`;

// k8s-0 of the first workspace (Succeeded, on AKS) was removed outside Mooring; k8s-2 of a
// workspace of the third subscription (Creating, on AKS) has a description that is a formula.
export const REMOVED_ID = computeIdOf(0, 0, 0);
export const FORMULA_ID = computeIdOf(2, 1, 2);

/** Tenant 0's computes shown as Succeeded, Creating or Removed, on AKS, by namespace, last first. */
export const QUERY: Extract<ExportRequest, { kind: 'table' }>['query'] = {
  filter: { tenantIds: [guid(1, 0)], states: ['Succeeded', 'Creating', 'Removed'] },
  search: 'aks',
  sort: { column: 'namespace', direction: 'desc' },
};

/**
 * The oracle, from the world as seeded rather than from the query under test: every compute of
 * the fixture, kept and ordered as QUERY says (ties by name then id, all reversed by `desc`).
 */
export function expectedIds(): string[] {
  const kept: { id: string; key: string }[] = [];
  for (let s = 0; s < WORLD.subscriptions; s += 1) {
    if (s % WORLD.tenants !== 0) continue;
    const sub = guid(2, s);
    for (let w = 0; w < WORLD.workspacesPerSubscription; w += 1) {
      const workspace = {
        id: workspaceIdOf(sub, w),
        name: `mlw-${w}`,
        friendlyName: null,
        resourceGroup: `rg-${w % 7}`,
        location: 'westeurope',
        storageAccount: null,
        containerRegistry: null,
        keyVault: null,
      };
      for (let c = 0; c < WORLD.computesPerWorkspace; c += 1) {
        const compute = computeOf(workspace, sub, w, c);
        const state = compute.id === REMOVED_ID ? 'Removed' : compute.provisioningState;
        if (compute.computeType !== 'Kubernetes') continue;
        if (!['Succeeded', 'Creating', 'Removed'].includes(state)) continue;
        if (!compute.clusterId?.includes('/managedClusters/aks-')) continue;
        const key = `${compute.namespace ?? ''}\n${compute.name}\n${compute.id.toLowerCase()}`;
        kept.push({ id: compute.id, key });
      }
    }
  }
  kept.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return kept.reverse().map((entry) => entry.id);
}

/** Seeds the world, then removes one compute outside Mooring and gives another a formula. */
export function seedTableExport(database: Database): ScopedSubscription[] {
  const scope = seedRows(database, WORLD, SEEDED_AT);
  database
    .prepare('UPDATE computes SET removed_at = ? WHERE compute_id = ?')
    .run(REMOVED_AT, REMOVED_ID);
  database
    .prepare('UPDATE computes SET description = ? WHERE compute_id = ?')
    .run(FORMULA, FORMULA_ID);
  return scope;
}

/**
 * A CSV export as its header and records of named cells. No cell of this world needs quotes, so
 * a line splits on its commas; a line of another width, a missing byte-order mark or a last line
 * without its CRLF is thrown as what is wrong.
 */
export function csvRecords(content: string): {
  headers: string[];
  records: Record<string, string>[];
} {
  if (!content.startsWith('\uFEFF')) throw new Error('the CSV has no byte-order mark');
  const lines = content.slice(1).split('\r\n');
  if (lines.pop() !== '') throw new Error('the last line of the CSV does not end with CRLF');
  const [header = '', ...records] = lines;
  const headers = header.split(',');
  return {
    headers,
    records: records.map((line, index) => {
      const cells = line.split(',');
      if (cells.length !== headers.length)
        throw new Error(`line ${index + 2} has ${cells.length} cells, not ${headers.length}`);
      return Object.fromEntries(headers.map((name, i) => [name, cells[i] ?? '']));
    }),
  };
}
