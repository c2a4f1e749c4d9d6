import { makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  SubscriptionFilterChange,
  SubscriptionView,
} from '../../../shared/domain/subscriptions';
import { whenDrawn } from '../components/when-drawn';
import type { TenantGroup } from './scope-model';
import type { SignInWait } from './sign-in-wait';
import { SubscriptionRow } from './SubscriptionRow';
import { TenantGroupHeader } from './TenantGroupHeader';
import { useVirtualWindow } from './use-virtual-window';

const HEADER_HEIGHT = 44;
const ROW_HEIGHT = 52;
const HIGHLIGHT_MS = 2000;

type Row =
  | { readonly kind: 'tenant'; readonly group: TenantGroup }
  | { readonly kind: 'subscription'; readonly subscription: SubscriptionView };

const useStyles = makeStyles({
  scroller: {
    flexGrow: 1,
    minHeight: 0,
    overflowY: 'auto',
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  canvas: { position: 'relative' },
});

interface SubscriptionListProps {
  readonly groups: readonly TenantGroup[];
  readonly searching: boolean;
  /** Subscriptions waiting for a sign-in, by id. */
  readonly waits: ReadonlyMap<string, SignInWait>;
  readonly onChanges: (changes: SubscriptionFilterChange[]) => void;
  /** A subscription to scroll to and focus (from the command palette), with its request number. */
  readonly focusRequest: { readonly subscriptionId: string; readonly request: number } | null;
  readonly onFocused: () => void;
}

/**
 * The picker's list, grouped by tenant. Only rows in view are drawn, so five thousand
 * subscriptions scroll and filter as quickly as five.
 */
export function SubscriptionList({
  groups,
  searching,
  waits,
  onChanges,
  focusRequest,
  onFocused,
}: SubscriptionListProps) {
  const styles = useStyles();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [highlighted, setHighlighted] = useState<string | null>(null);

  const rows = useMemo<Row[]>(
    () =>
      groups.flatMap((group) => [
        { kind: 'tenant', group } as const,
        ...group.subscriptions.map(
          (subscription) => ({ kind: 'subscription', subscription }) as const,
        ),
      ]),
    [groups],
  );
  const heights = useMemo(
    () => rows.map((row) => (row.kind === 'tenant' ? HEADER_HEIGHT : ROW_HEIGHT)),
    [rows],
  );
  const view = useVirtualWindow(scrollerRef, heights);

  const onChange = useCallback(
    (change: SubscriptionFilterChange) => onChanges([change]),
    [onChanges],
  );
  const onSelectAll = useCallback(
    (group: TenantGroup, selected: boolean) =>
      onChanges(
        group.subscriptions
          .filter((subscription) => !subscription.hidden && subscription.selected !== selected)
          .map((subscription) => ({ subscriptionId: subscription.subscriptionId, selected })),
      ),
    [onChanges],
  );

  // Bring the requested subscription into view, then focus its checkbox once it is drawn.
  const { scrollToRow } = view;
  useEffect(() => {
    if (!focusRequest) return;
    const index = rows.findIndex(
      (row) =>
        row.kind === 'subscription' &&
        row.subscription.subscriptionId === focusRequest.subscriptionId,
    );
    if (index < 0) return;
    scrollToRow(index);
    setHighlighted(focusRequest.subscriptionId);
    const selector = `[data-subscription-id="${focusRequest.subscriptionId}"] input[type="checkbox"]`;
    // The row is drawn on the render after the scroll; give it a few frames to appear.
    return whenDrawn(
      () => scrollerRef.current?.querySelector<HTMLInputElement>(selector) ?? null,
      10,
      (checkbox) => {
        checkbox?.focus();
        onFocused();
      },
    );
  }, [focusRequest, rows, scrollToRow, onFocused]);

  useEffect(() => {
    if (!highlighted) return;
    const timer = window.setTimeout(() => setHighlighted(null), HIGHLIGHT_MS);
    return () => window.clearTimeout(timer);
  }, [highlighted]);

  const drawn = [];
  for (let index = view.first; index <= view.last; index += 1) {
    const row = rows[index];
    if (!row) continue;
    const top = view.offsetOf(index);
    drawn.push(
      row.kind === 'tenant' ? (
        <TenantGroupHeader
          key={`tenant-${row.group.tenantId}`}
          group={row.group}
          top={top}
          height={HEADER_HEIGHT}
          searching={searching}
          onSelectAll={onSelectAll}
        />
      ) : (
        <SubscriptionRow
          key={row.subscription.subscriptionId}
          subscription={row.subscription}
          top={top}
          height={ROW_HEIGHT}
          highlighted={highlighted === row.subscription.subscriptionId}
          wait={waits.get(row.subscription.subscriptionId) ?? null}
          onChange={onChange}
        />
      ),
    );
  }

  return (
    <div ref={scrollerRef} className={styles.scroller} data-testid="subscription-list">
      <div
        role="list"
        aria-label="Subscriptions by tenant"
        className={styles.canvas}
        style={{ height: view.totalHeight }}
      >
        {drawn}
      </div>
    </div>
  );
}
