/**
 * The inventory table's windowed query over the local record: sort by every column, each filter,
 * the search over every shown field, the faceted counts, window bounds and a row's position.
 */
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeInventoryRows } from '../../electron/app/compose-inventory-rows';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import { createInventoryRows } from '../../electron/inventory/inventory-rows';
import type { InventoryRows } from '../../electron/inventory/inventory-rows';
import { createEventHub } from '../../electron/ipc/handlers';
import { openDatabase } from '../../electron/store/database';
import { createSettingsRepository } from '../../electron/settings/settings-repository';
import { ROW_SORT_COLUMNS } from '../../shared/domain/inventory-rows';
import type {
  InventoryRow,
  RowFilter,
  RowsQuery,
  RowSortColumn,
} from '../../shared/domain/inventory-rows';
import { guid, seedRows, tenantName } from './rows-fixture';

// 2 tenants, 3 subscriptions of 2 workspaces of 10 computes: 60 computes, 54 of them Kubernetes.
const WORLD = {
  tenants: 2,
  subscriptions: 3,
  workspacesPerSubscription: 2,
  computesPerWorkspace: 10,
};

let database: Database;
let scope: ScopedSubscription[];
let rows: InventoryRows;

const query = (patch: Partial<RowsQuery> = {}): RowsQuery => ({
  filter: {},
  search: '',
  sort: { column: 'name', direction: 'asc' },
  offset: 0,
  limit: 500,
  ...patch,
});
const all = (patch: Partial<RowsQuery> = {}) => rows.page(query(patch)).rows;
const withFilter = (filter: RowFilter) => all({ filter });

beforeEach(() => {
  database = openDatabase({ path: ':memory:' });
  scope = seedRows(database, WORLD);
  rows = createInventoryRows({ database, scope: { selectedSubscriptions: () => scope } });
});
afterEach(() => database.close());

/** What a column sorts by, as the user reads it (lower-cased). */
const shown: Record<RowSortColumn, (row: InventoryRow) => string> = {
  name: (row) => row.name,
  workspace: (row) => row.workspaceName,
  subscription: (row) => row.subscriptionName,
  tenant: (row) => row.tenantName,
  cluster: (row) => row.clusterName ?? '',
  namespace: (row) => row.namespace ?? '',
  identity: (row) => `${row.identityType}\n${row.identityName ?? ''}`,
  state: (row) => row.provisioningState,
  stateSince: (row) => row.stateSince ?? '',
  lastSynced: (row) => row.lastSyncedAt,
};

describe('the rows of the inventory table', () => {
  it('shows Kubernetes computes unless other types are chosen', () => {
    const page = rows.page(query());
    expect(page.all).toBe(60);
    expect(page.total).toBe(54);
    expect(page.rows.every((row) => row.computeType === 'Kubernetes')).toBe(true);
    expect(withFilter({ computeTypes: ['VirtualMachine'] })).toHaveLength(6);
    expect(withFilter({ computeTypes: ['Kubernetes', 'VirtualMachine'] })).toHaveLength(60);
  });

  it('names the workspace, subscription, tenant, region, cluster kind and identity of each row', () => {
    const row = all().find((candidate) => candidate.identityType === 'UserAssigned');
    expect(row).toMatchObject({
      subscriptionName: 'Subscription S000',
      tenantName: tenantName(0),
      region: 'westeurope',
      workspaceName: 'mlw-0',
      identityName: 'id-0-2',
    });
    const arc = all().find((candidate) => candidate.name === 'k8s-1');
    expect(arc?.clusterKind).toBe('arc');
    expect(all().find((candidate) => candidate.name === 'k8s-0')?.clusterKind).toBe('aks');
  });

  it.each(ROW_SORT_COLUMNS)('sorts by %s, both ways', (column) => {
    const ascending = all({ sort: { column, direction: 'asc' } }).map((r) =>
      shown[column](r).toLowerCase(),
    );
    expect(ascending).toEqual([...ascending].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const descending = all({ sort: { column, direction: 'desc' } }).map((r) =>
      shown[column](r).toLowerCase(),
    );
    expect(descending).toEqual([...ascending].reverse());
  });

  it('sorts by the shown workspace, not by the order of the record', () => {
    const names = all({ sort: { column: 'workspace', direction: 'desc' } }).map(
      (r) => r.workspaceName,
    );
    expect(names[0]).toBe('mlw-1');
    expect(names.at(-1)).toBe('mlw-0');
  });

  it('orders rows that tie on the sorted column by name, then id, whichever the direction', () => {
    const keys = (r: InventoryRow) => [r.workspaceName, r.name, r.id].map((k) => k.toLowerCase());
    const before = (a: InventoryRow, b: InventoryRow) => {
      const [x, y] = [keys(a), keys(b)];
      const at = x.findIndex((k, i) => k !== y[i]);
      return at === -1 ? 0 : (x[at] as string) < (y[at] as string) ? -1 : 1;
    };
    const ascending = all({ sort: { column: 'workspace', direction: 'asc' } });
    expect(new Set(ascending.map((r) => r.workspaceName)).size).toBeLessThan(ascending.length);
    expect(ascending.map((r) => r.id)).toEqual([...ascending].sort(before).map((r) => r.id));
    const descending = all({ sort: { column: 'workspace', direction: 'desc' } });
    expect(descending.map((r) => r.id)).toEqual(ascending.map((r) => r.id).reverse());
  });

  it('filters by state, tenant, subscription, workspace, cluster kind and identity type', () => {
    expect(withFilter({ states: ['Failed'] }).every((r) => r.provisioningState === 'Failed')).toBe(
      true,
    );
    expect(withFilter({ states: ['Failed'] }).length).toBeGreaterThan(0);
    expect(withFilter({ states: ['Failed', 'Creating'] }).length).toBe(
      withFilter({ states: ['Failed'] }).length + withFilter({ states: ['Creating'] }).length,
    );
    const tenant = withFilter({ tenantIds: [guid(1, 1).toUpperCase()] });
    expect(
      tenant
        .map((r) => r.subscriptionName)
        .sort()
        .at(0),
    ).toBe('Subscription S001');
    expect(new Set(tenant.map((r) => r.tenantName))).toEqual(new Set([tenantName(1)]));
    const subscription = withFilter({ subscriptionIds: [guid(2, 2)] });
    expect(subscription).toHaveLength(18);
    expect(new Set(subscription.map((r) => r.subscriptionId))).toEqual(new Set([guid(2, 2)]));
    const workspaceId = all()[0]?.workspaceId ?? '';
    expect(
      withFilter({ workspaceIds: [workspaceId.toUpperCase()] }).every(
        (r) => r.workspaceId === workspaceId,
      ),
    ).toBe(true);
    expect(withFilter({ workspaceIds: [workspaceId] })).toHaveLength(9);
    expect(withFilter({ clusterKinds: ['arc'] }).every((r) => r.clusterKind === 'arc')).toBe(true);
    expect(
      withFilter({ clusterKinds: ['arc'] }).length + withFilter({ clusterKinds: ['aks'] }).length,
    ).toBe(54);
    expect(withFilter({ identityTypes: ['None'] }).every((r) => r.identityType === 'None')).toBe(
      true,
    );
    expect(withFilter({ identityTypes: ['None'] }).length).toBeGreaterThan(0);
  });

  it('filters the computes changed outside Mooring', () => {
    const target = all()[5] as InventoryRow;
    database
      .prepare('UPDATE computes SET removed_at = ? WHERE compute_key = ?')
      .run('2026-01-02T00:00:00.000Z', target.id.toLowerCase());
    rows.invalidate();
    const changed = withFilter({ drift: 'changed' });
    expect(changed.map((r) => r.id)).toEqual([target.id]);
    expect(changed[0]?.drift).toBe('Changed outside Mooring: removed');
    expect(withFilter({ drift: 'unchanged' })).toHaveLength(53);
  });

  it('counts, filters, sorts and finds a removed compute as Removed, never under its last state', () => {
    const target = withFilter({ states: ['Succeeded'] })[0] as InventoryRow;
    const succeededBefore = withFilter({ states: ['Succeeded'] }).length;
    database
      .prepare('UPDATE computes SET removed_at = ? WHERE compute_key = ?')
      .run('2026-01-02T00:00:00.000Z', target.id.toLowerCase());
    rows.invalidate();

    const page = rows.page(query());
    const states = Object.fromEntries(page.counts.states.map((c) => [c.value, c.count]));
    expect(states['Removed']).toBe(1);
    expect(states['Succeeded']).toBe(succeededBefore - 1);
    expect(withFilter({ states: ['Succeeded'] }).map((r) => r.id)).not.toContain(target.id);
    expect(withFilter({ states: ['Removed'] }).map((r) => r.id)).toEqual([target.id]);
    expect(all({ search: 'removed' }).map((r) => r.id)).toContain(target.id);
    const byState = all({ sort: { column: 'state', direction: 'asc' } });
    const removedAt = byState.findIndex((r) => r.id === target.id);
    // "removed" sorts between "failed"/"creating" and "succeeded": after every row before it.
    expect(byState.slice(removedAt + 1).every((r) => r.provisioningState >= 'Removed')).toBe(true);
  });

  it('says what changed outside Mooring, as the last refresh recorded it', () => {
    const target = all()[7] as InventoryRow;
    const drift = {
      at: '2026-01-02T00:00:00.000Z',
      changes: [
        { field: 'namespace', from: 'team-0', to: 'team-9' },
        { field: 'identity', from: 'SystemAssigned', to: 'None' },
      ],
    };
    database
      .prepare('UPDATE computes SET drift_json = ? WHERE compute_key = ?')
      .run(JSON.stringify(drift), target.id.toLowerCase());
    rows.invalidate();
    const changed = withFilter({ drift: 'changed' });
    expect(changed.map((r) => r.drift)).toEqual([
      'Changed outside Mooring: namespace team-0 → team-9, identity SystemAssigned → None',
    ]);
    expect(all({ search: 'team-9' }).map((r) => r.id)).toEqual([target.id]);
  });

  it('flags a compute stuck in a transitional state for longer than the threshold', () => {
    const now = Date.parse('2026-03-01T12:00:00.000Z');
    const stuckRows = createInventoryRows({
      database,
      scope: { selectedSubscriptions: () => scope },
      now: () => now,
      stuckAfterMinutes: 30,
    });
    const [creating, updating, fresh, succeeded] = all().filter(
      (r) => r.provisioningState === 'Succeeded',
    ) as InventoryRow[];
    const setState = database.prepare(
      'UPDATE computes SET provisioning_state = ? WHERE compute_key = ?',
    );
    // Set after the state: a change of state sets state_since itself (to the time of the write).
    const setSince = database.prepare('UPDATE computes SET state_since = ? WHERE compute_key = ?');
    const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
    database.transaction(() => {
      database.prepare('UPDATE computes SET state_since = ?').run(ago(1));
      for (const [row, state, minutes] of [
        [creating, 'Creating', 31],
        [updating, 'Deleting', 24 * 60],
        [fresh, 'Updating', 29],
        [succeeded, 'Succeeded', 24 * 60],
      ] as const) {
        setState.run(state, row?.id.toLowerCase());
        setSince.run(ago(minutes), row?.id.toLowerCase());
      }
    })();
    const stuck = stuckRows.page(query({ filter: { stuck: true } }));
    expect(stuck.rows.map((r) => r.id).sort()).toEqual([creating?.id, updating?.id].sort());
    expect(stuck.rows.every((r) => r.stuck)).toBe(true);
    expect(stuck.counts.stuck.find((c) => c.value === 'stuck')?.count).toBe(2);
    expect(stuck.stuckAfterMinutes).toBe(30);
    const notStuck = stuckRows.page(query({ filter: { stuck: false }, limit: 500 }));
    expect(notStuck.total).toBe(52);
    expect(notStuck.rows.find((r) => r.id === fresh?.id)?.stateSince).toBe(ago(29));
    // Time in state, longest first: the day-old ones lead.
    const longest = stuckRows.page(query({ sort: { column: 'stateSince', direction: 'asc' } }));
    expect(
      longest.rows
        .slice(0, 2)
        .map((r) => r.id)
        .sort(),
    ).toEqual([updating?.id, succeeded?.id].sort());
  });

  it.each([
    ['its name', 'k8s-3', (r: InventoryRow) => r.name === 'k8s-3'],
    ['its namespace', 'team-4', (r: InventoryRow) => r.namespace === 'team-4'],
    ['its region', 'eastus', (r: InventoryRow) => r.region === 'eastus'],
    ['its identity', 'id-1-6', (r: InventoryRow) => r.identityName === 'id-1-6'],
    ['its tenant', tenantName(1), (r: InventoryRow) => r.tenantName === tenantName(1)],
    [
      'its subscription',
      'subscription s002',
      (r: InventoryRow) => r.subscriptionName === 'Subscription S002',
    ],
    ['its cluster', 'arc-1', (r: InventoryRow) => r.clusterName === 'arc-1'],
    ['its state', 'updating', (r: InventoryRow) => r.provisioningState === 'Updating'],
    ['its identity type', 'userassigned', (r: InventoryRow) => r.identityType === 'UserAssigned'],
  ])('searches %s', (_what, search, expected) => {
    const found = all({ search });
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(all().filter(expected));
  });

  it('asks every word of the search to match, in any field', () => {
    const found = all({ search: 'team-1   SUBSCRIPTION S001' });
    expect(found.length).toBeGreaterThan(0);
    expect(
      found.every((r) => r.namespace === 'team-1' && r.subscriptionName === 'Subscription S001'),
    ).toBe(true);
  });

  it('counts each filter value as if that filter alone were not set', () => {
    const page = rows.page(query({ filter: { states: ['Failed'] } }));
    const states = Object.fromEntries(page.counts.states.map((c) => [c.value, c.count]));
    expect(states.Failed).toBe(page.total);
    expect(states.Succeeded).toBe(withFilter({ states: ['Succeeded'] }).length);
    const kinds = page.counts.clusterKinds.reduce((sum, c) => sum + c.count, 0);
    expect(kinds).toBe(page.total);
    expect(page.counts.tenantIds.map((c) => c.label).sort()).toEqual([
      tenantName(0),
      tenantName(1),
    ]);
    expect(
      page.counts.computeTypes.find((c) => c.value === 'VirtualMachine')?.count,
    ).toBeGreaterThan(0);
    // A chosen value no row has is still listed, so it can be cleared.
    const none = rows.page(query({ filter: { states: ['Deleting'] } }));
    expect(none.counts.states.find((c) => c.value === 'Deleting')).toEqual({
      value: 'Deleting',
      label: 'Deleting',
      count: 0,
    });
  });

  it('answers the window asked for and the total', () => {
    const everything = all().map((r) => r.id);
    const page = rows.page(query({ offset: 10, limit: 5 }));
    expect(page.total).toBe(54);
    expect(page.offset).toBe(10);
    expect(page.rows.map((r) => r.id)).toEqual(everything.slice(10, 15));
    expect(rows.page(query({ offset: 50, limit: 10 })).rows).toHaveLength(4);
    expect(rows.page(query({ offset: 54, limit: 10 })).rows).toEqual([]);
    expect(rows.page(query({ limit: 0 })).rows).toEqual([]);
  });

  it('finds the position of a row under the sort, filter and search', () => {
    const sort = { column: 'namespace', direction: 'desc' } as const;
    const ordered = all({ sort, filter: { clusterKinds: ['aks'] } });
    const target = ordered[17] as InventoryRow;
    expect(
      rows.position({
        sort,
        filter: { clusterKinds: ['aks'] },
        search: '',
        computeId: target.id.toUpperCase(),
      }),
    ).toEqual({ index: 17, total: ordered.length, known: true });
    expect(
      rows.position({ sort, filter: { clusterKinds: ['arc'] }, search: '', computeId: target.id }),
    ).toMatchObject({ index: null, known: true });
    expect(
      rows.position({ sort, filter: {}, search: '', computeId: `${target.id}-gone` }),
    ).toMatchObject({ index: null, known: false });
  });

  it('follows the selected subscriptions', () => {
    scope = scope.slice(0, 1);
    expect(rows.page(query()).total).toBe(18);
  });
});

describe('the table index in the composition', () => {
  it('reads the record again once it changed', () => {
    const events = createEventHub();
    const composed = composeInventoryRows({
      database,
      events,
      scope: { selectedSubscriptions: () => scope },
      settings: createSettingsRepository(database),
    });
    const read = () => composed.handlers['inventory.rows'](query(), { transport: 'test' });
    expect(read()).toMatchObject({ total: 54 });
    database.prepare("UPDATE computes SET compute_type = 'Other' WHERE name = 'k8s-0'").run();
    expect(read()).toMatchObject({ total: 54 });
    events.emit('inventory.changed', {
      workspaces: [],
      computes: [],
      clusters: [],
      identities: [],
      problems: [],
      refreshedAt: null,
      unlisted: [],
    });
    expect(read()).toMatchObject({ total: 48 });
    composed.close();
  });

  it('loads the index right after start-up, before the window asks', async () => {
    const composed = composeInventoryRows({
      database,
      events: createEventHub(),
      scope: { selectedSubscriptions: () => scope },
      settings: createSettingsRepository(database),
    });
    // The warm-up is the first timer the composition sets: one queued after it runs later.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    // Changed behind the index's back: a warmed index still answers what it loaded.
    database.prepare("UPDATE computes SET compute_type = 'Other'").run();
    expect(composed.handlers['inventory.rows'](query(), { transport: 'test' })).toMatchObject({
      total: 54,
    });
    composed.close();
  });

  it('keeps the table density as a setting', () => {
    const settings = createSettingsRepository(database);
    const compose = () =>
      composeInventoryRows({
        database,
        events: createEventHub(),
        scope: { selectedSubscriptions: () => scope },
        settings,
      });
    const first = compose();
    expect(first.handlers['inventory.getTableView']({}, { transport: 'test' })).toEqual({
      density: 'comfortable',
    });
    expect(
      first.handlers['inventory.setDensity']({ density: 'compact' }, { transport: 'test' }),
    ).toEqual({ density: 'compact' });
    const second = compose();
    expect(second.handlers['inventory.getTableView']({}, { transport: 'test' })).toEqual({
      density: 'compact',
    });
    first.close();
    second.close();
  });

  it('skips the start-up warm-up quietly when the record was closed first (shutting down)', async () => {
    const own = openDatabase({ path: ':memory:' });
    const ownScope = seedRows(own, WORLD);
    composeInventoryRows({
      database: own,
      events: createEventHub(),
      scope: { selectedSubscriptions: () => ownScope },
      settings: createSettingsRepository(own),
    });
    own.close();
    // An uncaught error from the warm-up timer would fail this run.
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    expect(own.open).toBe(false);
  });
});
