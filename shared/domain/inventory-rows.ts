import { z } from 'zod';
import { Guid } from './accounts';
import { ArmId, StrictArmId } from './arm-input';

/**
 * The inventory table asks the main process for what it shows — a window of rows under a sort,
 * a filter and a search, with counts per filter value — instead of receiving every compute.
 */

/** The columns the table sorts by (time in state sorts with the last state change). */
export const ROW_SORT_COLUMNS = [
  'name',
  'workspace',
  'subscription',
  'tenant',
  'cluster',
  'namespace',
  'identity',
  'state',
  'stateSince',
  'lastSynced',
] as const;
export const RowSortColumn = z.enum(ROW_SORT_COLUMNS);
export type RowSortColumn = z.infer<typeof RowSortColumn>;

export const RowSort = z
  .object({ column: RowSortColumn, direction: z.enum(['asc', 'desc']) })
  .strict();
export type RowSort = z.infer<typeof RowSort>;

/** AKS, Arc-enabled, or no cluster (a compute of another type). */
export const ClusterKind = z.enum(['aks', 'arc', 'none']);
export type ClusterKind = z.infer<typeof ClusterKind>;

/** Drift: `changed` computes were changed or removed outside Mooring, `unchanged` were not. */
export const DriftFilter = z.enum(['changed', 'unchanged']);
export type DriftFilter = z.infer<typeof DriftFilter>;

/** A short value Azure names (a state, an identity type, a compute type). */
const Label = z.string().min(1).max(64);
const few = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max).optional();

/**
 * Each field left out (or empty) lets every value through; a field with values lets through the
 * rows having one of them. `computeTypes` left out means Kubernetes only: other types by filter.
 */
export const RowFilter = z
  .object({
    states: few(Label, 32),
    tenantIds: few(Guid, 1_000),
    subscriptionIds: few(Guid, 10_000),
    workspaceIds: few(StrictArmId, 1_000),
    clusterKinds: few(ClusterKind, 3),
    identityTypes: few(Label, 16),
    computeTypes: few(Label, 32),
    drift: DriftFilter.optional(),
    /** Only computes in a transitional state for longer than the stuck threshold. */
    stuck: z.boolean().optional(),
  })
  .strict();
export type RowFilter = z.infer<typeof RowFilter>;

export const MAX_ROWS_PER_PAGE = 500;

export const RowsQuery = z
  .object({
    filter: RowFilter,
    /** Every word must appear in one of the shown fields (identity, namespace, region too). */
    search: z.string().max(200),
    sort: RowSort,
    offset: z.number().int().min(0).max(10_000_000),
    limit: z.number().int().min(0).max(MAX_ROWS_PER_PAGE),
  })
  .strict();
export type RowsQuery = z.infer<typeof RowsQuery>;

export const RowPositionQuery = z
  .object({ filter: RowFilter, search: z.string().max(200), sort: RowSort, computeId: StrictArmId })
  .strict();
export type RowPositionQuery = z.infer<typeof RowPositionQuery>;

/** One compute as the table shows it, with the names of where it lives. */
export const InventoryRow = z.object({
  id: ArmId,
  name: z.string(),
  computeType: z.string(),
  workspaceId: ArmId,
  workspaceName: z.string(),
  subscriptionId: Guid,
  subscriptionName: z.string(),
  tenantId: Guid,
  tenantName: z.string(),
  /** The workspace's Azure region. */
  region: z.string(),
  clusterId: z.string().nullable(),
  clusterName: z.string().nullable(),
  clusterKind: ClusterKind,
  namespace: z.string().nullable(),
  identityType: z.string(),
  /** The user-assigned identity's name, when it has one. */
  identityName: z.string().nullable(),
  /** What the admin wrote about the compute (searched, and exported with the row). */
  description: z.string().nullable(),
  provisioningState: z.string(),
  errorCount: z.number().int().min(0),
  /** ISO time the current state was first observed (null when the record does not know). */
  stateSince: z.string().nullable(),
  /** In a transitional state for longer than the stuck threshold, at the time of the query. */
  stuck: z.boolean(),
  /** What changed outside Mooring, in words (null when nothing did). */
  drift: z.string().nullable(),
  lastSyncedAt: z.string(),
  removedAt: z.string().nullable(),
});
export type InventoryRow = z.infer<typeof InventoryRow>;

/** A filter value and how many rows it would show, given the search and the other filters. */
export const FacetCount = z.object({ value: z.string(), label: z.string(), count: z.number() });
export type FacetCount = z.infer<typeof FacetCount>;

export const FACETS = [
  'states',
  'tenantIds',
  'subscriptionIds',
  'workspaceIds',
  'clusterKinds',
  'identityTypes',
  'computeTypes',
  'drift',
  'stuck',
] as const;
export type Facet = (typeof FACETS)[number];

export const RowsPage = z.object({
  /** Rows matching the filter and the search. */
  total: z.number().int().min(0),
  /** Rows of the whole record in scope, whatever the filter. */
  all: z.number().int().min(0),
  offset: z.number().int().min(0),
  rows: z.array(InventoryRow),
  /** Per filter, its values (most rows first, at most 200) with their counts. */
  counts: z.record(z.enum(FACETS), z.array(FacetCount)),
  /** The stuck threshold in minutes, so the table can say what "stuck" means. */
  stuckAfterMinutes: z.number(),
});
export type RowsPage = z.infer<typeof RowsPage>;

export const RowPosition = z.object({
  /** The row's index under the sort, filter and search; null when they leave it out. */
  index: z.number().int().min(0).nullable(),
  total: z.number().int().min(0),
  /** Whether the record in scope holds the compute at all. */
  known: z.boolean(),
});
export type RowPosition = z.infer<typeof RowPosition>;

/** Transitional states: a compute in one for longer than the threshold is flagged stuck. */
export const TRANSITIONAL_STATES: readonly string[] = ['Creating', 'Updating', 'Deleting'];
/** How long a compute may stay in a transitional state before the table flags it stuck. */
export const STUCK_AFTER_MINUTES = 30;

/** The table's row density: compact fits about twice the rows on screen. */
export const TableDensity = z.enum(['comfortable', 'compact']);
export type TableDensity = z.infer<typeof TableDensity>;

export const TableView = z.object({ density: TableDensity });
export type TableView = z.infer<typeof TableView>;
