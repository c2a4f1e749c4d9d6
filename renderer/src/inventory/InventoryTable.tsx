import {
  Badge,
  Body1,
  Button,
  Caption1,
  Spinner,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FocusEvent, KeyboardEvent } from 'react';
import type { InventoryRow } from '../../../shared/domain/inventory-rows';
import { CallError } from '../components/CallError';
import { whenDrawn } from '../components/when-drawn';
import { useInventoryTable } from '../state/azure-stores';
import { isNarrowed, rowAt } from '../state/inventory-table-store';
import { timeAgo } from '../scope/relative-time';
import { useVirtualWindow } from '../scope/use-virtual-window';
import { stateColor } from './compute-presentation';
import { ROW_ATTRIBUTE, moveBetweenRows, tabStopOf } from './row-keys';
import {
  GRID_COLUMNS,
  GRID_MIN_WIDTH,
  ROW_HEIGHT,
  TABLE_COLUMNS,
  durationText,
  rowIdentityText,
} from './table-columns';
import { InventoryTableToolbar } from './InventoryTableToolbar';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  secondary: { color: tokens.colorNeutralForeground3 },
  grid: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    // A window narrower than the columns' minimums scrolls the table sideways: no column is cut off.
    overflowX: 'auto',
    overflowY: 'hidden',
  },
  header: {
    display: 'grid',
    gridTemplateColumns: GRID_COLUMNS,
    minWidth: GRID_MIN_WIDTH,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  headerCell: { minWidth: 0, display: 'flex', alignItems: 'center' },
  sortButton: {
    width: '100%',
    justifyContent: 'flex-start',
    minWidth: 0,
    fontWeight: tokens.fontWeightSemibold,
    padding: `0 ${tokens.spacingHorizontalS}`,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  },
  scroller: {
    height: 'max(360px, calc(100vh - 360px))',
    overflowY: 'auto',
    overscrollBehavior: 'contain',
  },
  canvas: { position: 'relative', minWidth: GRID_MIN_WIDTH },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    display: 'grid',
    gridTemplateColumns: GRID_COLUMNS,
    alignItems: 'center',
    boxSizing: 'border-box',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    outline: 'none',
    cursor: 'default',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  removed: { opacity: 0.6 },
  highlighted: {
    backgroundColor: tokens.colorBrandBackground2,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
  },
  cell: {
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    padding: `0 ${tokens.spacingHorizontalS}`,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
  },
  compactText: { fontSize: tokens.fontSizeBase200 },
  text: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  link: {
    minWidth: 0,
    height: 'auto',
    padding: 0,
    justifyContent: 'flex-start',
    fontWeight: tokens.fontWeightSemibold,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  clusterLink: { fontWeight: tokens.fontWeightRegular },
  placeholder: { color: tokens.colorNeutralForeground4, padding: `0 ${tokens.spacingHorizontalS}` },
  noMatch: { color: tokens.colorNeutralForeground2, padding: tokens.spacingVerticalL },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

interface RowProps {
  readonly row: InventoryRow;
  readonly index: number;
  readonly top: number;
  readonly height: number;
  readonly compact: boolean;
  readonly tabStop: boolean;
  readonly highlighted: boolean;
  readonly now: number;
  readonly stuckAfterMinutes: number;
  readonly onOpen: (computeId: string) => void;
  readonly onOpenCluster: (clusterId: string) => void;
}

const TableRow = memo(function TableRow({
  row,
  index,
  top,
  height,
  compact,
  tabStop,
  highlighted,
  now,
  stuckAfterMinutes,
  onOpen,
  onOpenCluster,
}: RowProps) {
  const styles = useStyles();
  const cell = mergeClasses(styles.cell, compact && styles.compactText);
  const since = row.stateSince ? Date.parse(row.stateSince) : null;
  const badgeSize = compact ? 'small' : 'medium';
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      tabIndex={tabStop ? 0 : -1}
      {...{ [ROW_ATTRIBUTE]: row.id }}
      className={mergeClasses(
        styles.row,
        row.removedAt !== null && styles.removed,
        highlighted && styles.highlighted,
      )}
      style={{ top, height }}
      onKeyDown={(event: KeyboardEvent<HTMLDivElement>) => {
        if (event.key === 'Enter' && event.target === event.currentTarget) onOpen(row.id);
      }}
      data-testid="compute-row"
      data-compute-id={row.id}
      data-state={row.provisioningState}
      data-stuck={row.stuck}
      data-index={index}
      data-highlighted={highlighted}
    >
      <div role="gridcell" className={cell}>
        <Button
          appearance="transparent"
          size="small"
          className={styles.link}
          tabIndex={-1}
          onClick={() => onOpen(row.id)}
          aria-label={`Open the page of ${row.name}`}
          data-testid="compute-open"
        >
          <span className={styles.text} data-testid="compute-name">
            {row.name}
          </span>
        </Button>
        {row.computeType !== 'Kubernetes' && (
          <Badge size="small" appearance="outline" color="informative" data-testid="compute-type">
            {row.computeType}
          </Badge>
        )}
        {row.drift && (
          <Tooltip content={row.drift} relationship="description">
            <Badge size="small" appearance="tint" color="warning" data-testid="compute-drift">
              changed
            </Badge>
          </Tooltip>
        )}
      </div>
      <div role="gridcell" className={cell} title={row.workspaceId}>
        <span className={styles.text}>{row.workspaceName}</span>
      </div>
      <div role="gridcell" className={cell} title={row.subscriptionId}>
        <span className={styles.text}>{row.subscriptionName}</span>
      </div>
      <div role="gridcell" className={cell} title={row.tenantId}>
        <span className={styles.text}>{row.tenantName}</span>
      </div>
      <div role="gridcell" className={cell}>
        {row.clusterId && row.clusterName ? (
          <>
            <Badge
              size="small"
              appearance="outline"
              color={row.clusterKind === 'arc' ? 'important' : 'brand'}
              data-testid="compute-cluster-kind"
            >
              {row.clusterKind === 'arc' ? 'Arc' : 'AKS'}
            </Badge>
            <Button
              appearance="transparent"
              size="small"
              tabIndex={-1}
              className={mergeClasses(styles.link, styles.clusterLink)}
              title={row.clusterId}
              onClick={() => onOpenCluster(row.clusterId ?? '')}
              aria-label={`Show the cluster ${row.clusterName}`}
              data-testid="compute-cluster"
            >
              <span className={styles.text}>{row.clusterName}</span>
            </Button>
          </>
        ) : (
          <span className={styles.secondary}>—</span>
        )}
      </div>
      <div role="gridcell" className={cell}>
        <span className={mergeClasses(styles.text, styles.mono)} data-testid="compute-namespace">
          {row.namespace ?? '—'}
        </span>
      </div>
      <div role="gridcell" className={cell}>
        <span className={styles.text} data-testid="compute-identity">
          {rowIdentityText(row)}
        </span>
      </div>
      <div role="gridcell" className={cell}>
        <Badge
          appearance="tint"
          size={badgeSize}
          color={row.removedAt === null ? stateColor(row.provisioningState) : 'informative'}
          title={row.removedAt === null ? undefined : `Last seen ${row.provisioningState}`}
          data-testid="compute-state"
        >
          {row.removedAt === null ? row.provisioningState : 'Removed'}
        </Badge>
        {row.stuck && (
          <Tooltip
            content={`In ${row.provisioningState} for more than ${stuckAfterMinutes} minutes`}
            relationship="description"
          >
            <Badge appearance="filled" size={badgeSize} color="danger" data-testid="compute-stuck">
              stuck
            </Badge>
          </Tooltip>
        )}
      </div>
      <div role="gridcell" className={cell} title={row.stateSince ?? undefined}>
        <span className={styles.text}>
          {since === null
            ? '—'
            : new Date(since).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}
        </span>
      </div>
      <div role="gridcell" className={cell} data-testid="compute-time-in-state">
        {since === null ? '—' : durationText(now - since)}
      </div>
      <div role="gridcell" className={cell} title={row.lastSyncedAt}>
        <span className={styles.text}>{timeAgo(row.lastSyncedAt, now)}</span>
      </div>
    </div>
  );
});

/** A row whose block is still on its way: the same height, so the scrollbar never jumps. */
function PlaceholderRow({ top, height, index }: { top: number; height: number; index: number }) {
  const styles = useStyles();
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={styles.row}
      style={{ top, height }}
      aria-busy
    >
      <div role="gridcell" className={styles.placeholder}>
        …
      </div>
    </div>
  );
}

function HeaderRow() {
  const styles = useStyles();
  const sort = useInventoryTable((state) => state.query.sort);
  const sortBy = useInventoryTable((state) => state.sortBy);
  return (
    <div role="row" aria-rowindex={1} className={styles.header}>
      {TABLE_COLUMNS.map((column) => {
        // Time in state sorts with the last state change, reversed: longest first.
        const sorted = sort.column === column.sort;
        const direction =
          column.id === 'inState' && sorted
            ? sort.direction === 'asc'
              ? 'desc'
              : 'asc'
            : sort.direction;
        const label = column.label;
        return (
          <div
            key={column.id}
            role="columnheader"
            aria-sort={sorted ? ARIA_SORT[direction] : 'none'}
            className={styles.headerCell}
            data-testid={`table-column-${column.id}`}
          >
            <Button
              appearance="transparent"
              size="small"
              className={styles.sortButton}
              onClick={() => sortBy(column.sort)}
              data-testid={`table-sort-${column.id}`}
            >
              {label}
              {sorted ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}
            </Button>
          </div>
        );
      })}
    </div>
  );
}

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString()} ${count === 1 ? one : many}`;

/**
 * Every compute of the selected subscriptions as a table, from the main process a window at a
 * time: sort by any column, filter with counts, search as you type, compact rows. Only the rows
 * in view are drawn and asked for, so 50,000 rows scroll as smoothly as fifty.
 */
export function InventoryTable({
  now,
  onOpen,
  onOpenCluster,
}: {
  now: number;
  onOpen: (computeId: string) => void;
  onOpenCluster: (clusterId: string) => void;
}) {
  const styles = useStyles();
  const status = useInventoryTable((state) => state.status);
  const error = useInventoryTable((state) => state.error);
  const total = useInventoryTable((state) => state.total);
  const all = useInventoryTable((state) => state.all);
  const blocks = useInventoryTable((state) => state.blocks);
  const density = useInventoryTable((state) => state.density);
  const search = useInventoryTable((state) => state.query.search);
  const filtering = useInventoryTable(isNarrowed);
  const stuckAfterMinutes = useInventoryTable((state) => state.stuckAfterMinutes);
  const scrollTarget = useInventoryTable((state) => state.scrollTarget);
  // One selector each: the whole state would re-render the table at every change of the store.
  const setSearch = useInventoryTable((state) => state.setSearch);
  const showRange = useInventoryTable((state) => state.showRange);
  const scrollDone = useInventoryTable((state) => state.scrollDone);
  const recordChanged = useInventoryTable((state) => state.recordChanged);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const rowHeight = ROW_HEIGHT[density];
  const heights = useMemo(() => new Array<number>(total).fill(rowHeight), [total, rowHeight]);
  const view = useVirtualWindow(scrollerRef, heights);
  const [highlightedId, setHighlightedId] = useState<string | null>(null);
  const [lastFocused, setLastFocused] = useState<string | null>(null);

  // Ask for the blocks of the rows in view (and the overscan around them).
  useEffect(() => {
    if (view.last >= view.first) showRange(view.first, view.last);
  }, [view.first, view.last, blocks, showRange]);

  // A new query starts at the top.
  const queryKey = useInventoryTable((state) => state.query);
  useLayoutEffect(() => {
    if (scrollerRef.current && !scrollTarget) scrollerRef.current.scrollTop = 0;
  }, [queryKey]);

  // Marks for the renderer benchmark: the first rows drawn, and each query's rows drawn.
  const firstMarked = useRef(false);
  useEffect(() => {
    if (blocks.size === 0) return;
    if (!firstMarked.current) {
      firstMarked.current = true;
      performance.mark('inventory-table-first-rows');
    }
    performance.mark('inventory-table-rows', { detail: search });
  }, [blocks, search]);

  // A jump: scroll its row to the middle, then focus it once drawn.
  useEffect(() => {
    if (!scrollTarget) return;
    const scroller = scrollerRef.current;
    // The answer of a query the jump cleared may still be on its way: wait for its rows.
    if (!scroller || total <= scrollTarget.index) return;
    setHighlightedId(scrollTarget.id);
    scroller.scrollTop = Math.max(
      0,
      scrollTarget.index * rowHeight - scroller.clientHeight / 2 + rowHeight / 2,
    );
    return whenDrawn(
      () =>
        scroller.querySelector<HTMLElement>(`[data-compute-id="${CSS.escape(scrollTarget.id)}"]`),
      120,
      (element) => {
        // Focus scrolls the page too when the row sits below its fold (the last rows do).
        element?.focus();
        if (element) setLastFocused(scrollTarget.id);
        scrollDone();
      },
    );
  }, [scrollTarget, rowHeight, scrollDone, total]);

  // The rows in view: those whose block is loaded, and a placeholder where it is on its way.
  const inView: { index: number; row: InventoryRow | undefined }[] = [];
  for (let index = view.first; index <= view.last && index < total; index += 1) {
    inView.push({ index, row: rowAt(blocks, index) });
  }
  const tabStop = tabStopOf(
    inView.flatMap(({ row }) => (row ? [row.id] : [])),
    lastFocused,
  );
  const drawn = inView.map(({ index, row }) =>
    row ? (
      <TableRow
        key={row.id}
        row={row}
        index={index}
        top={view.offsetOf(index)}
        height={rowHeight}
        compact={density === 'compact'}
        tabStop={row.id === tabStop}
        highlighted={row.id === highlightedId}
        now={now}
        stuckAfterMinutes={stuckAfterMinutes}
        onOpen={onOpen}
        onOpenCluster={onOpenCluster}
      />
    ) : (
      <PlaceholderRow
        key={`p${index}`}
        index={index}
        top={view.offsetOf(index)}
        height={rowHeight}
      />
    ),
  );

  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const id = (event.target as HTMLElement)
      .closest(`[${ROW_ATTRIBUTE}]`)
      ?.getAttribute(ROW_ATTRIBUTE);
    if (id) setLastFocused(id);
  };

  return (
    <section
      className={styles.wrap}
      aria-label="Computes"
      data-testid="inventory-table"
      data-density={density}
    >
      <InventoryTableToolbar search={search} onSearch={setSearch} />
      <Caption1 className={styles.secondary} role="status" data-testid="table-count">
        {status === 'loading'
          ? 'Reading the local record…'
          : filtering
            ? `${plural(total, 'compute matches', 'computes match')} of ${all.toLocaleString()}`
            : `${plural(total, 'compute', 'computes')}${total < all ? ` (${(all - total).toLocaleString()} of other types: choose them under Type)` : ''}`}
      </Caption1>
      {status === 'failed' && error && (
        <CallError
          title="The computes could not be read"
          error={error}
          onRetry={recordChanged}
          testId="table-error"
        />
      )}
      {status === 'loading' && <Spinner size="small" label="Reading the local record…" />}
      {status !== 'loading' && total === 0 && (
        <Body1 className={styles.noMatch} data-testid="table-no-match">
          {all === 0
            ? 'The record holds no compute in the selected subscriptions.'
            : 'Nothing matches. Clear the search or the filters to see every compute.'}
        </Body1>
      )}
      {/* Always mounted: the virtual window follows this scroller from the first render on. */}
      <div
        role="grid"
        aria-label="Computes"
        aria-rowcount={total + 1}
        aria-colcount={TABLE_COLUMNS.length}
        className={styles.grid}
        hidden={total === 0}
      >
        <HeaderRow />
        <div ref={scrollerRef} className={styles.scroller} data-testid="table-scroller">
          {/* Rows: Tab reaches one, the arrow keys, Home and End the others; Enter opens it. */}
          <div
            role="rowgroup"
            className={styles.canvas}
            style={{ height: view.totalHeight }}
            onKeyDown={moveBetweenRows}
            onFocus={onFocus}
          >
            {drawn}
          </div>
        </div>
      </div>
    </section>
  );
}
