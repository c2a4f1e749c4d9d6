import type { RowSortColumn } from '../../../shared/domain/inventory-rows';

/** The table's columns in order: each sorts by its own key (time in state with the last change). */
export interface TableColumn {
  readonly id: string;
  readonly label: string;
  readonly sort: RowSortColumn;
  /** CSS grid track. */
  readonly width: string;
}

export const TABLE_COLUMNS: readonly TableColumn[] = [
  { id: 'name', label: 'Name', sort: 'name', width: 'minmax(120px, 1.4fr)' },
  { id: 'workspace', label: 'Workspace', sort: 'workspace', width: 'minmax(80px, 1fr)' },
  { id: 'subscription', label: 'Subscription', sort: 'subscription', width: 'minmax(80px, 1fr)' },
  { id: 'tenant', label: 'Tenant', sort: 'tenant', width: 'minmax(64px, 0.8fr)' },
  { id: 'cluster', label: 'Cluster', sort: 'cluster', width: 'minmax(96px, 1fr)' },
  { id: 'namespace', label: 'Namespace', sort: 'namespace', width: 'minmax(64px, 0.7fr)' },
  { id: 'identity', label: 'Identity', sort: 'identity', width: 'minmax(84px, 1fr)' },
  { id: 'state', label: 'State', sort: 'state', width: '132px' },
  { id: 'since', label: 'Last state change', sort: 'stateSince', width: '136px' },
  { id: 'inState', label: 'Time in state', sort: 'stateSince', width: '112px' },
  { id: 'synced', label: 'Last synced', sort: 'lastSynced', width: '104px' },
];

export const GRID_COLUMNS = TABLE_COLUMNS.map((column) => column.width).join(' ');

/**
 * The narrowest the columns can be (their minimums): below it the table scrolls sideways rather
 * than hiding its last columns. About 1,070 px, so all of it fits beside the navigation at 1,440.
 */
export const GRID_MIN_WIDTH = `${TABLE_COLUMNS.reduce(
  (sum, column) => sum + Number(/(\d+)px/.exec(column.width)?.[1] ?? 0),
  0,
)}px`;

/** Row heights in pixels, per density: every height is known, so only rows in view are drawn. */
export const ROW_HEIGHT = { comfortable: 40, compact: 26 } as const;

/** "3 d 4 h", "5 h 10 min", "25 min", "under a minute": how long a compute has been in its state. */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes % 60 > 0 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${minutes} min`;
}

/** Shared with the export, which writes the identity as the table shows it. */
export { rowIdentityText } from '../../../shared/inventory/row-identity-text';
