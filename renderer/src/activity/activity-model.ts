import { matchesActivityFilter } from '../../../shared/activity/activity-filter';
import type { ActivityFilter, ActivityHistory } from '../../../shared/domain/activity';
import type {
  OperationKind,
  OperationStatus,
  OperationView,
} from '../../../shared/domain/operations';
import { mergeOperation } from '../operations/operations-model';

/** The Activity page's filter as its controls hold it: one choice each (null = any), dates as typed. */
export interface ActivityViewFilter {
  readonly tenantId: string | null;
  readonly subscriptionId: string | null;
  readonly workspaceId: string | null;
  readonly kind: OperationKind | null;
  readonly status: OperationStatus | null;
  /** `YYYY-MM-DD` as a date input gives it, the first day shown; '' for no bound. */
  readonly from: string;
  /** `YYYY-MM-DD`, the last day shown (whole day included); '' for no bound. */
  readonly to: string;
}

export const ANY_ACTIVITY: ActivityViewFilter = {
  tenantId: null,
  subscriptionId: null,
  workspaceId: null,
  kind: null,
  status: null,
  from: '',
  to: '',
};

/** Midnight at the start of a calendar day in the user's time zone (injectable for tests). */
export type LocalMidnight = (year: number, month: number, day: number) => Date;
const localMidnight: LocalMidnight = (year, month, day) => new Date(year, month - 1, day);

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day a date input holds, or null for an empty or impossible one (2026-02-30). */
export function parseDay(text: string): { year: number; month: number; day: number } | null {
  const match = DAY.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** The end date before the start date, in plain words; null when the range is fine. */
export function dateRangeProblem(filter: Pick<ActivityViewFilter, 'from' | 'to'>): string | null {
  const from = parseDay(filter.from);
  const to = parseDay(filter.to);
  if (from && to && filter.to.trim() < filter.from.trim()) {
    return 'The “to” date is before the “from” date: nothing can match. Change one of them.';
  }
  return null;
}

/**
 * What the page asks the journal for: the chosen tenant, subscription, workspace, kind and status,
 * and the days as instants in the user's time zone — from the first day's midnight, up to (not
 * including) the midnight after the last day, so "to" includes that whole day.
 */
export function toActivityFilter(
  view: ActivityViewFilter,
  midnight: LocalMidnight = localMidnight,
): ActivityFilter {
  const filter: {
    -readonly [K in keyof ActivityFilter]: ActivityFilter[K];
  } = {};
  if (view.tenantId) filter.tenantIds = [view.tenantId];
  if (view.subscriptionId) filter.subscriptionIds = [view.subscriptionId];
  if (view.workspaceId) filter.workspaceIds = [view.workspaceId];
  if (view.kind) filter.kinds = [view.kind];
  if (view.status) filter.statuses = [view.status];
  const from = parseDay(view.from);
  if (from) filter.createdFrom = midnight(from.year, from.month, from.day).toISOString();
  const to = parseDay(view.to);
  if (to) filter.createdBefore = midnight(to.year, to.month, to.day + 1).toISOString();
  return filter;
}

export const isFiltering = (view: ActivityViewFilter): boolean =>
  view.tenantId !== null ||
  view.subscriptionId !== null ||
  view.workspaceId !== null ||
  view.kind !== null ||
  view.status !== null ||
  parseDay(view.from) !== null ||
  parseDay(view.to) !== null;

/**
 * A filter after one control changed. Choosing a tenant clears a subscription of another tenant,
 * and choosing a subscription clears a workspace of another subscription, so the page never
 * combines two choices that exclude each other.
 */
export function changeFilter(
  view: ActivityViewFilter,
  change: Partial<ActivityViewFilter>,
  choices: ActivityChoices,
): ActivityViewFilter {
  const next = { ...view, ...change };
  const subscription = choices.subscriptions.find((s) => sameId(s.id, next.subscriptionId));
  if (
    'tenantId' in change &&
    next.tenantId &&
    subscription &&
    !sameId(subscription.tenantId, next.tenantId)
  ) {
    next.subscriptionId = null;
  }
  const workspace = choices.workspaces.find((w) => sameId(w.id, next.workspaceId));
  if (
    workspace &&
    ((next.subscriptionId && !sameId(workspace.subscriptionId, next.subscriptionId)) ||
      (next.tenantId && workspace.tenantId && !sameId(workspace.tenantId, next.tenantId)))
  ) {
    next.workspaceId = null;
  }
  return next;
}

const sameId = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

export interface ActivityChoice {
  readonly id: string;
  readonly label: string;
}
export interface ActivityChoices {
  readonly tenants: readonly ActivityChoice[];
  readonly subscriptions: readonly (ActivityChoice & { readonly tenantId: string })[];
  readonly workspaces: readonly (ActivityChoice & {
    readonly subscriptionId: string;
    readonly tenantId: string | null;
  })[];
}

export interface KnownScope {
  /** The subscription list: tenant and subscription names. */
  readonly subscriptions: readonly {
    subscriptionId: string;
    displayName: string;
    tenantId: string;
    tenantName: string;
  }[];
  /** Operations seen (any filter): names of workspaces, and ids the subscription list no longer has. */
  readonly operations: readonly Pick<
    OperationView,
    'tenantId' | 'subscriptionId' | 'workspaceId' | 'workspaceName'
  >[];
}

const byLabel = (a: ActivityChoice, b: ActivityChoice) =>
  a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id);

/**
 * What each control offers: the tenants and subscriptions the user has, and every workspace the
 * journal has seen, narrowed by the tenant and subscription chosen. An id with no name known (a
 * tenant no longer signed in to) is offered by its id, so its history stays reachable.
 */
export function activityChoices(known: KnownScope, view: ActivityViewFilter): ActivityChoices {
  const tenants = new Map<string, string>();
  const subscriptions = new Map<string, { label: string; tenantId: string }>();
  for (const s of known.subscriptions) {
    tenants.set(s.tenantId.toLowerCase(), s.tenantName);
    subscriptions.set(s.subscriptionId.toLowerCase(), {
      label: s.displayName,
      tenantId: s.tenantId,
    });
  }
  const workspaces = new Map<string, { label: string; subscriptionId: string; tenantId: string }>();
  for (const op of known.operations) {
    const tenant = op.tenantId.toLowerCase();
    if (!tenants.has(tenant)) tenants.set(tenant, op.tenantId);
    const subscription = op.subscriptionId.toLowerCase();
    if (!subscriptions.has(subscription)) {
      subscriptions.set(subscription, { label: op.subscriptionId, tenantId: op.tenantId });
    }
    const workspace = op.workspaceId.toLowerCase();
    if (!workspaces.has(workspace)) {
      workspaces.set(workspace, {
        label: op.workspaceName,
        subscriptionId: op.subscriptionId,
        tenantId: op.tenantId,
      });
    }
  }
  const subscriptionName = (id: string) => subscriptions.get(id.toLowerCase())?.label ?? id;
  return {
    tenants: [...tenants].map(([id, label]) => ({ id, label })).sort(byLabel),
    subscriptions: [...subscriptions]
      .map(([id, s]) => ({ id, label: s.label, tenantId: s.tenantId }))
      .filter((s) => !view.tenantId || sameId(s.tenantId, view.tenantId))
      .sort(byLabel),
    workspaces: [...workspaces]
      .map(([id, w]) => ({
        id,
        label: `${w.label} (${subscriptionName(w.subscriptionId)})`,
        subscriptionId: w.subscriptionId,
        tenantId: w.tenantId,
      }))
      .filter(
        (w) =>
          (!view.tenantId || sameId(w.tenantId, view.tenantId)) &&
          (!view.subscriptionId || sameId(w.subscriptionId, view.subscriptionId)),
      )
      .sort(byLabel),
  };
}

/**
 * The history after a pushed change: an entry that passes the filter is added or updated, one
 * that no longer passes (its status moved past the chosen one) leaves the list.
 */
export function receiveIntoHistory(
  history: ActivityHistory,
  changed: OperationView,
  filter: ActivityFilter,
): ActivityHistory {
  if (matchesActivityFilter(changed, filter)) {
    return { ...history, operations: mergeOperation(history.operations, changed) };
  }
  const kept = history.operations.filter((op) => op.operationId !== changed.operationId);
  return kept.length === history.operations.length ? history : { ...history, operations: kept };
}

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

/** "12 operations", "3 operations match the filter", or the newest N of more. */
export function historyCountText(history: ActivityHistory, filtering: boolean): string {
  if (history.truncated) {
    return `Showing the newest ${history.limit.toLocaleString('en')} operations; more ${filtering ? 'match the filter' : 'are in the journal'}. Narrow the filter (a date range, a tenant) to see older ones.`;
  }
  const count = plural(history.operations.length, 'operation', 'operations');
  return filtering
    ? `${count} ${history.operations.length === 1 ? 'matches' : 'match'} the filter`
    : count;
}
