import type { OperationKind, OperationView } from '../../../shared/domain/operations';

export const KIND_LABELS: Record<OperationKind, string> = {
  attach: 'Attach',
  'update-identity': 'Identity change',
  detach: 'Detach',
  'grant-role': 'Role grant',
  'remove-role': 'Role removal',
};

/** Role grants and removals run beside a compute's own operations without blocking them. */
export const isComputeOperation = (operation: Pick<OperationView, 'kind'>): boolean =>
  operation.kind !== 'grant-role' && operation.kind !== 'remove-role';

export const isActive = (operation: Pick<OperationView, 'status'>): boolean =>
  operation.status === 'pending' || operation.status === 'running';

const timeOf = (iso: string | null): number => (iso ? Date.parse(iso) : Number.NaN);

/** When the operation last changed: its end, else its last poll, start or creation. */
export function lastActivity(operation: OperationView): number {
  for (const iso of [
    operation.endedAt,
    operation.lastPolledAt,
    operation.startedAt,
    operation.createdAt,
  ]) {
    const time = timeOf(iso);
    if (!Number.isNaN(time)) return time;
  }
  return 0;
}

/** Newest first by creation, so a list keeps its order while operations are polled. */
const newestFirst = (a: OperationView, b: OperationView) =>
  b.createdAt.localeCompare(a.createdAt) || a.operationId.localeCompare(b.operationId);

/**
 * The list after a pushed change. An event older than what is shown (fewer polls, or active
 * while the shown one has ended) is dropped, so a late delivery cannot bring a finished
 * operation back to "running".
 */
export function mergeOperation(
  list: readonly OperationView[],
  changed: OperationView,
): OperationView[] {
  const index = list.findIndex((operation) => operation.operationId === changed.operationId);
  if (index === -1) return [...list, changed].sort(newestFirst);
  const shown = list[index];
  if (shown && isStale(shown, changed)) return [...list];
  const next = [...list];
  next[index] = changed;
  return next;
}

function isStale(shown: OperationView, incoming: OperationView): boolean {
  if (!isActive(shown) && isActive(incoming)) return true;
  return incoming.pollCount < shown.pollCount;
}

/** Replaces the whole list (an operations.list answer), keeping newer pushed rows it lacks or predates. */
export function mergeList(
  list: readonly OperationView[],
  answered: readonly OperationView[],
): OperationView[] {
  let merged = [...answered].sort(newestFirst);
  for (const operation of list) merged = mergeOperation(merged, operation);
  return merged;
}

/** How long "recently ended" lasts in the tray. */
export const RECENT_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MAX_RECENT_IN_TRAY = 10;

export interface TrayGroups {
  readonly running: readonly OperationView[];
  readonly recent: readonly OperationView[];
  /** Ended within the window and failed: the tray button shows this count. */
  readonly recentFailures: number;
}

/** What the tray lists: everything running (any tenant), then what ended in the last day, newest first. */
export function groupForTray(operations: readonly OperationView[], now: number): TrayGroups {
  const running = operations.filter(isActive).sort(newestFirst);
  const ended = operations
    .filter(
      (operation) => !isActive(operation) && now - lastActivity(operation) <= RECENT_WINDOW_MS,
    )
    .sort((a, b) => lastActivity(b) - lastActivity(a));
  return {
    running,
    recent: ended.slice(0, MAX_RECENT_IN_TRAY),
    recentFailures: ended.filter((operation) => operation.status === 'failed').length,
  };
}

/** "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Time since it started (or was recorded) until it ended, or until now while it runs. */
export function elapsedMs(operation: OperationView, now: number): number {
  const start = timeOf(operation.startedAt ?? operation.createdAt);
  const end = operation.endedAt ? timeOf(operation.endedAt) : now;
  if (Number.isNaN(start) || Number.isNaN(end)) return 0;
  return Math.max(0, end - start);
}

export const STATUS_LABELS: Record<OperationView['status'], string> = {
  pending: 'Waiting to start',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

/** Operations that took at least this long deserve a desktop notification when they end. */
export const LONG_OPERATION_MS = 30_000;

/**
 * The desktop notification to show for a change, or null: only when an operation that was
 * being followed ends, it ran long enough that the user has likely turned to something else,
 * and the window is not in front.
 */
export function notificationFor(
  previous: OperationView | undefined,
  next: OperationView,
  documentHidden: boolean,
): { title: string; body: string } | null {
  if (!documentHidden || !previous || !isActive(previous) || isActive(next)) return null;
  if (elapsedMs(next, Date.parse(next.endedAt ?? next.createdAt)) < LONG_OPERATION_MS) return null;
  const outcome = next.status === 'succeeded' ? 'succeeded' : 'failed';
  const firstError = next.errors[0];
  const body =
    next.status === 'failed' && firstError
      ? `${firstError.code}: ${firstError.message}`
      : (next.message ?? next.summary);
  return { title: `${KIND_LABELS[next.kind]} ${outcome}: ${next.computeName}`, body };
}
