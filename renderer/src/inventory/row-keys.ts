import type { KeyboardEvent } from 'react';
import type { InventoryItem } from './inventory-layout';

/** The attribute every keyboard-reachable inventory row carries, holding its ARM id. */
export const ROW_ATTRIBUTE = 'data-inventory-row';

/** The rows drawn in these items, in order: each workspace header, then its computes. */
export function rowIdsOf(items: readonly InventoryItem[]): string[] {
  return items.flatMap((item) =>
    item.kind === 'workspace'
      ? [
          item.entry.workspace.id,
          ...(item.collapsed ? [] : item.entry.computes.map((compute) => compute.id)),
        ]
      : [],
  );
}

/**
 * The one row Tab lands on (roving tabindex): the last one focused while it is drawn, else the
 * first drawn row. The rest are reached with the arrow keys, so Tab leaves the list in one step.
 */
export const tabStopOf = (drawn: readonly string[], lastFocused: string | null): string | null =>
  lastFocused !== null && drawn.includes(lastFocused) ? lastFocused : (drawn[0] ?? null);

const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowDown: (index, count) => Math.min(index + 1, count - 1),
  ArrowUp: (index) => Math.max(index - 1, 0),
  Home: () => 0,
  End: (_index, count) => count - 1,
};

/**
 * Arrow keys, Home and End move focus between the rows of the list; focusing a row near the
 * edge scrolls it into view, which draws the rows beyond it.
 */
export function moveBetweenRows(event: KeyboardEvent<HTMLElement>): void {
  const move = MOVES[event.key];
  if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target as HTMLElement;
  // Only from a row itself: a button inside a row keeps its own keys.
  if (!target.hasAttribute(ROW_ATTRIBUTE)) return;
  const rows = [...event.currentTarget.querySelectorAll<HTMLElement>(`[${ROW_ATTRIBUTE}]`)];
  const index = rows.indexOf(target);
  if (index < 0) return;
  const next = rows[move(index, rows.length)];
  if (!next || next === target) return;
  event.preventDefault();
  next.focus();
}
