import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FocusEvent } from 'react';
import { whenDrawn } from '../components/when-drawn';
import { useVirtualWindow } from '../scope/use-virtual-window';
import { useSubscriptions } from '../state/azure-stores';
import type { InventoryJump } from '../state/inventory-store';
import { positionOf } from './inventory-layout';
import { ROW_ATTRIBUTE, moveBetweenRows, rowIdsOf, tabStopOf } from './row-keys';
import type { InventoryItem } from './inventory-layout';
import { SubscriptionHeader } from './SubscriptionHeader';
import { WorkspaceBlock } from './WorkspaceBlock';

const useStyles = makeStyles({
  scroller: {
    // Tall enough to work in, short enough that the toolbar stays in view while scrolling.
    height: 'max(360px, calc(100vh - 320px))',
    overflowY: 'auto',
    overscrollBehavior: 'contain',
    padding: `0 ${tokens.spacingHorizontalXS}`,
  },
  canvas: { position: 'relative' },
});

interface InventoryListProps {
  readonly items: readonly InventoryItem[];
  readonly filtering: boolean;
  readonly highlightedId: string | null;
  /** A jump to bring into view and focus once its row is drawn; `onJumpDone` ends it. */
  readonly jump: InventoryJump | null;
  readonly onJumpDone: () => void;
  readonly now: number;
  /** Subscriptions waiting for a sign-in: their last known record is shown, marked. */
  readonly waiting: ReadonlySet<string>;
  readonly onToggle: (id: string) => void;
}

/**
 * The inventory by subscription and workspace. Only the blocks in view are drawn, so thousands
 * of workspaces and tens of thousands of computes scroll and filter as quickly as a few.
 */
export function InventoryList({
  items,
  filtering,
  highlightedId,
  jump,
  onJumpDone,
  now,
  waiting,
  onToggle,
}: InventoryListProps) {
  const styles = useStyles();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const heights = useMemo(() => items.map((item) => item.height), [items]);
  const view = useVirtualWindow(scrollerRef, heights);
  const subscriptions = useSubscriptions((state) => state.snapshot);
  // Each subscription heading names its tenant: admins manage many tenants at once.
  const tenantNames = useMemo(
    () =>
      new Map(
        subscriptions.status === 'ready'
          ? subscriptions.value.subscriptions.map((s) => [
              s.subscriptionId.toLowerCase(),
              s.tenantName,
            ])
          : [],
      ),
    [subscriptions],
  );

  // Scroll the jump's target to the middle, then focus it once the scroll has drawn it.
  useEffect(() => {
    if (!jump) return;
    const position = positionOf(items, jump);
    const scroller = scrollerRef.current;
    if (!position || !scroller) return;
    const top =
      heights.slice(0, position.index).reduce((sum, height) => sum + height, 0) +
      position.offsetInItem;
    scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 2 + position.height / 2);
    const selector =
      jump.kind === 'compute'
        ? `[data-compute-id="${CSS.escape(jump.id)}"]`
        : `[data-workspace-id="${CSS.escape(jump.id)}"] [data-testid="workspace-header"]`;
    return whenDrawn(
      () => scroller.querySelector<HTMLElement>(selector),
      20,
      (element) => {
        element?.focus({ preventScroll: true });
        onJumpDone();
      },
    );
  }, [jump, items, heights, onJumpDone]);

  const [lastFocused, setLastFocused] = useState<string | null>(null);
  const tabStop = tabStopOf(rowIdsOf(items.slice(view.first, view.last + 1)), lastFocused);
  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const row = (event.target as HTMLElement).closest(`[${ROW_ATTRIBUTE}]`);
    const id = row?.getAttribute(ROW_ATTRIBUTE);
    if (id) setLastFocused(id);
  };

  const drawn = [];
  for (let index = view.first; index <= view.last; index += 1) {
    const item = items[index];
    if (!item) continue;
    const top = view.offsetOf(index);
    drawn.push(
      item.kind === 'subscription' ? (
        <SubscriptionHeader
          key={item.key}
          group={item.group}
          top={top}
          height={item.height}
          collapsed={item.collapsed}
          needsSignIn={waiting.has(item.group.subscriptionId)}
          tenantName={tenantNames.get(item.group.subscriptionId.toLowerCase())}
          now={now}
          onToggle={onToggle}
        />
      ) : (
        <WorkspaceBlock
          key={item.key}
          entry={item.entry}
          top={top}
          height={item.height}
          collapsed={item.collapsed}
          filtering={filtering}
          highlightedId={highlightedId}
          tabStop={tabStop}
          now={now}
          onToggle={onToggle}
        />
      ),
    );
  }

  return (
    <div ref={scrollerRef} className={styles.scroller} data-testid="inventory-list">
      {/* Rows: Tab reaches one, the arrow keys, Home and End the others. */}
      <div
        role="list"
        aria-label="Workspaces by subscription"
        className={styles.canvas}
        style={{ height: view.totalHeight }}
        onKeyDown={moveBetweenRows}
        onFocus={onFocus}
      >
        {drawn}
      </div>
    </div>
  );
}
