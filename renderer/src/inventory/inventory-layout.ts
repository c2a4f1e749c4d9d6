import type { ComputeView, InventorySnapshot } from '../../../shared/domain/inventory';
import { computeCategory } from '../../../shared/inventory/state-category';
import type { SubscriptionGroup, WorkspaceEntry } from './inventory-model';

/** Row heights in pixels; the list draws only what is in view, so every height is known up front. */
export const SUBSCRIPTION_HEADER_HEIGHT = 44;
export const WORKSPACE_HEADER_HEIGHT = 60;
export const COMPUTE_ROW_HEIGHT = 64;
export const ERROR_LINE_HEIGHT = 18;
/** Azure's provisioning errors are long (they quote resource ids): each gets two lines. */
export const LINES_PER_ERROR = 2;
/** Shown for a workspace without computes (in the filter), instead of an empty block. */
export const NO_COMPUTES_HEIGHT = 32;
export const WORKSPACE_GAP = 8;
/** A failed compute lists this many of its errors; the rest are counted on one more line. */
export const MAX_ERRORS_SHOWN = 2;

/** The lines of provisioning errors a compute row shows (only a failed compute shows them). */
export function errorLines(compute: ComputeView): number {
  if (computeCategory(compute) !== 'failed') return 0;
  const count = compute.provisioningErrors.length;
  return Math.min(count, MAX_ERRORS_SHOWN) * LINES_PER_ERROR + (count > MAX_ERRORS_SHOWN ? 1 : 0);
}

export const computeRowHeight = (compute: ComputeView): number =>
  COMPUTE_ROW_HEIGHT + errorLines(compute) * ERROR_LINE_HEIGHT;

/** One drawn block of the list: a subscription's heading, or a workspace with its computes. */
export type InventoryItem =
  | {
      readonly kind: 'subscription';
      readonly key: string;
      readonly group: SubscriptionGroup;
      readonly collapsed: boolean;
      readonly height: number;
    }
  | {
      readonly kind: 'workspace';
      readonly key: string;
      readonly entry: WorkspaceEntry;
      readonly collapsed: boolean;
      readonly height: number;
    };

function workspaceHeight(entry: WorkspaceEntry, collapsed: boolean): number {
  if (collapsed) return WORKSPACE_HEADER_HEIGHT + WORKSPACE_GAP;
  const body =
    entry.computes.length === 0
      ? NO_COMPUTES_HEIGHT
      : entry.computes.reduce((sum, compute) => sum + computeRowHeight(compute), 0);
  return WORKSPACE_HEADER_HEIGHT + body + WORKSPACE_GAP;
}

/**
 * The list's blocks in order. `collapsed` holds the ids of collapsed subscriptions and
 * workspaces: a collapsed subscription hides its workspaces, a collapsed workspace its computes.
 */
export function layoutInventory(
  groups: readonly SubscriptionGroup[],
  collapsed: ReadonlySet<string>,
): InventoryItem[] {
  const items: InventoryItem[] = [];
  for (const group of groups) {
    const groupCollapsed = collapsed.has(group.subscriptionId);
    items.push({
      kind: 'subscription',
      key: `subscription:${group.subscriptionId}`,
      group,
      collapsed: groupCollapsed,
      height: SUBSCRIPTION_HEADER_HEIGHT,
    });
    if (groupCollapsed) continue;
    for (const entry of group.workspaces) {
      const workspaceCollapsed = collapsed.has(entry.workspace.id);
      items.push({
        kind: 'workspace',
        key: `workspace:${entry.workspace.id}`,
        entry,
        collapsed: workspaceCollapsed,
        height: workspaceHeight(entry, workspaceCollapsed),
      });
    }
  }
  return items;
}

/** A workspace or compute the page is asked to bring into view (from the command palette). */
export interface InventoryTarget {
  readonly kind: 'workspace' | 'compute';
  readonly id: string;
}

/** Where a target is drawn: its block, and how far below the block's top it starts. */
export interface TargetPosition {
  readonly index: number;
  readonly offsetInItem: number;
  readonly height: number;
}

export function positionOf(
  items: readonly InventoryItem[],
  target: InventoryTarget,
): TargetPosition | null {
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    if (item?.kind !== 'workspace') continue;
    const { entry } = item;
    if (target.kind === 'workspace') {
      if (entry.workspace.id === target.id) {
        return { index, offsetInItem: 0, height: WORKSPACE_HEADER_HEIGHT };
      }
      continue;
    }
    if (item.collapsed) continue;
    let offset = WORKSPACE_HEADER_HEIGHT;
    for (const compute of entry.computes) {
      const height = computeRowHeight(compute);
      if (compute.id === target.id) return { index, offsetInItem: offset, height };
      offset += height;
    }
  }
  return null;
}

/**
 * The ids to expand so the target can be seen: its subscription and, for a compute, its
 * workspace. Null when the record does not hold the target.
 */
export function idsToExpand(
  snapshot: Pick<InventorySnapshot, 'workspaces' | 'computes'>,
  target: InventoryTarget,
): string[] | null {
  const workspaceId =
    target.kind === 'workspace'
      ? target.id
      : snapshot.computes.find((compute) => compute.id === target.id)?.workspaceId;
  if (workspaceId === undefined) return null;
  const workspace = snapshot.workspaces.find((candidate) => candidate.id === workspaceId);
  if (!workspace) return null;
  return target.kind === 'workspace'
    ? [workspace.subscriptionId]
    : [workspace.subscriptionId, workspace.id];
}
