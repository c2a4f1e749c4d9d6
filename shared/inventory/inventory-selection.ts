import type { ComputeView, InventorySnapshot, WorkspaceView } from '../domain/inventory';
import type { InventoryExportFilter } from '../domain/export';
import { computeCategory } from './state-category';

/** One line of the inventory as filtered: a compute, or a shown workspace with no compute shown. */
export interface InventoryLine {
  readonly workspace: WorkspaceView;
  readonly compute: ComputeView | null;
}

const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' });
const titleOf = (workspace: WorkspaceView) => workspace.friendlyName?.trim() || workspace.name;
const removedLast = (a: { removedAt: string | null }, b: { removedAt: string | null }) =>
  Number(a.removedAt !== null) - Number(b.removedAt !== null);

const workspaceText = (workspace: WorkspaceView) =>
  [workspace.name, workspace.friendlyName ?? '', workspace.id].join('\n').toLowerCase();
const computeText = (compute: ComputeView) =>
  [compute.name, compute.id, compute.clusterId ?? ''].join('\n').toLowerCase();

/**
 * The inventory page's rule, in the page's order: every word of the query must appear in the
 * workspace's name or id, or the compute's name, id or cluster id; a workspace that matches by
 * itself keeps all its computes in the chosen state; with a state chosen, a workspace with none
 * in that state is left out. Subscriptions by name, workspaces by title, computes by name, those
 * removed outside Mooring last.
 */
export function selectInventory(
  snapshot: Pick<InventorySnapshot, 'workspaces' | 'computes'>,
  filter: InventoryExportFilter,
): InventoryLine[] {
  const terms = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  const computesOf = new Map<string, ComputeView[]>();
  for (const compute of snapshot.computes) {
    const list = computesOf.get(compute.workspaceId) ?? [];
    list.push(compute);
    computesOf.set(compute.workspaceId, list);
  }
  const workspaces = [...snapshot.workspaces].sort(
    (a, b) =>
      byName(a.subscriptionName, b.subscriptionName) ||
      a.subscriptionId.localeCompare(b.subscriptionId) ||
      removedLast(a, b) ||
      byName(titleOf(a), titleOf(b)) ||
      a.id.localeCompare(b.id),
  );
  const lines: InventoryLine[] = [];
  for (const workspace of workspaces) {
    const own = workspaceText(workspace);
    const workspaceMatches = terms.every((term) => own.includes(term));
    const kept = (computesOf.get(workspace.id) ?? [])
      .filter(
        (compute) =>
          (filter.state === 'all' || computeCategory(compute) === filter.state) &&
          (workspaceMatches ||
            terms.every((term) => own.includes(term) || computeText(compute).includes(term))),
      )
      .sort((a, b) => removedLast(a, b) || byName(a.name, b.name));
    if (kept.length > 0) for (const compute of kept) lines.push({ workspace, compute });
    else if (workspaceMatches && filter.state === 'all') lines.push({ workspace, compute: null });
  }
  return lines;
}
