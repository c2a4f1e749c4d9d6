import type {
  ComputeView,
  InventorySnapshot,
  WorkspaceView,
} from '../../../shared/domain/inventory';
import { computeCategory, type ComputeCategory } from '../../../shared/inventory/state-category';

/**
 * The state filter's choices; "All" also shows states outside the named ones. A compute removed
 * outside Mooring counts as "removed" only, never under the last state it was seen in.
 */
export const STATE_FILTERS = ['all', 'failed', 'in-progress', 'succeeded', 'removed'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export interface InventoryFilter {
  readonly query: string;
  readonly state: StateFilter;
}

export const NO_FILTER: InventoryFilter = { query: '', state: 'all' };

/** One workspace and the computes the filter lets through. */
export interface WorkspaceEntry {
  readonly workspace: WorkspaceView;
  /** Sorted by name, those removed outside Mooring last. */
  readonly computes: readonly ComputeView[];
  /** All its computes in the record, whatever the filter. */
  readonly totalComputes: number;
  readonly failedComputes: number;
}

export interface SubscriptionGroup {
  readonly subscriptionId: string;
  readonly subscriptionName: string;
  /** Sorted by the name shown, those removed outside Mooring last. */
  readonly workspaces: readonly WorkspaceEntry[];
  /** When this subscription was last listed from Azure (absent when the record does not say). */
  readonly listedAt?: string;
}

export const workspaceTitle = (workspace: WorkspaceView): string =>
  workspace.friendlyName?.trim() || workspace.name;

// Built once per record object: snapshots are replaced, never mutated, so the cache needs no
// invalidation and typing in the filter does not rebuild 20,000 strings per keystroke.
const workspaceText = new WeakMap<WorkspaceView, string>();
const computeText = new WeakMap<ComputeView, string>();

function textOfWorkspace(workspace: WorkspaceView): string {
  let text = workspaceText.get(workspace);
  if (text === undefined) {
    text = [workspace.name, workspace.friendlyName ?? '', workspace.id].join('\n').toLowerCase();
    workspaceText.set(workspace, text);
  }
  return text;
}

function textOfCompute(compute: ComputeView): string {
  let text = computeText.get(compute);
  if (text === undefined) {
    text = [compute.name, compute.id, compute.clusterId ?? ''].join('\n').toLowerCase();
    computeText.set(compute, text);
  }
  return text;
}

const searchTerms = (query: string): string[] => query.toLowerCase().split(/\s+/).filter(Boolean);

const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' });

const compareComputes = (a: ComputeView, b: ComputeView) =>
  Number(a.removedAt !== null) - Number(b.removedAt !== null) || byName(a.name, b.name);

const compareWorkspaces = (a: WorkspaceEntry, b: WorkspaceEntry) =>
  Number(a.workspace.removedAt !== null) - Number(b.workspace.removedAt !== null) ||
  byName(workspaceTitle(a.workspace), workspaceTitle(b.workspace)) ||
  a.workspace.id.localeCompare(b.workspace.id);

export function matchesState(compute: ComputeView, state: StateFilter): boolean {
  return state === 'all' || computeCategory(compute) === state;
}

/**
 * The workspaces by subscription, as the page lists them. Every word of the query must appear in
 * the workspace's name or id, or the compute's name, id or cluster id: a workspace that matches
 * by itself keeps all its computes (those in the chosen state); otherwise only its matching
 * computes are kept. With a state chosen, a workspace with no compute in that state is left out.
 */
export function groupInventory(
  snapshot: Pick<InventorySnapshot, 'workspaces' | 'computes' | 'listed'>,
  filter: InventoryFilter,
): SubscriptionGroup[] {
  const terms = searchTerms(filter.query);
  const computesByWorkspace = new Map<string, ComputeView[]>();
  for (const compute of snapshot.computes) {
    const list = computesByWorkspace.get(compute.workspaceId);
    if (list) list.push(compute);
    else computesByWorkspace.set(compute.workspaceId, [compute]);
  }

  const groups = new Map<string, { name: string; workspaces: WorkspaceEntry[] }>();
  for (const workspace of snapshot.workspaces) {
    const all = computesByWorkspace.get(workspace.id) ?? [];
    const ownText = textOfWorkspace(workspace);
    const workspaceMatches = terms.every((term) => ownText.includes(term));
    const kept = all.filter(
      (compute) =>
        matchesState(compute, filter.state) &&
        (workspaceMatches ||
          terms.every((term) => ownText.includes(term) || textOfCompute(compute).includes(term))),
    );
    const shown = kept.length > 0 || (workspaceMatches && filter.state === 'all');
    if (!shown) continue;

    let group = groups.get(workspace.subscriptionId);
    if (!group) {
      group = { name: workspace.subscriptionName, workspaces: [] };
      groups.set(workspace.subscriptionId, group);
    }
    group.workspaces.push({
      workspace,
      computes: kept.sort(compareComputes),
      totalComputes: all.length,
      failedComputes: all.filter((compute) => computeCategory(compute) === 'failed').length,
    });
  }

  const listedAt = new Map(
    (snapshot.listed ?? []).map((l) => [l.subscriptionId.toLowerCase(), l.listedAt]),
  );
  return [...groups.entries()]
    .map(([subscriptionId, group]) => {
      const at = listedAt.get(subscriptionId.toLowerCase());
      return {
        subscriptionId,
        subscriptionName: group.name,
        workspaces: group.workspaces.sort(compareWorkspaces),
        ...(at ? { listedAt: at } : {}),
      };
    })
    .sort(
      (a, b) =>
        byName(a.subscriptionName, b.subscriptionName) ||
        a.subscriptionId.localeCompare(b.subscriptionId),
    );
}

/** How many computes of the record are in each state group, for the state filter's labels. */
export function countByState(computes: readonly ComputeView[]): Record<StateFilter, number> {
  const counts: Record<ComputeCategory | 'all', number> = {
    all: computes.length,
    failed: 0,
    'in-progress': 0,
    succeeded: 0,
    removed: 0,
    other: 0,
  };
  for (const compute of computes) counts[computeCategory(compute)] += 1;
  return {
    all: counts.all,
    failed: counts.failed,
    'in-progress': counts['in-progress'],
    succeeded: counts.succeeded,
    removed: counts.removed,
  };
}

export interface ShownCounts {
  readonly workspaces: number;
  readonly computes: number;
}

export function countShown(groups: readonly SubscriptionGroup[]): ShownCounts {
  let workspaces = 0;
  let computes = 0;
  for (const group of groups) {
    workspaces += group.workspaces.length;
    for (const entry of group.workspaces) computes += entry.computes.length;
  }
  return { workspaces, computes };
}

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString()} ${count === 1 ? one : many}`;

/** "12 workspaces, 40 computes" or, filtering, "3 workspaces, 5 computes match". */
export function shownText(counts: ShownCounts, filtering: boolean): string {
  const text = `${plural(counts.workspaces, 'workspace', 'workspaces')}, ${plural(counts.computes, 'compute', 'computes')}`;
  return filtering ? `${text} match the filter` : text;
}
