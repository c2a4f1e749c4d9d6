import { Body1, Caption1, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { InventorySnapshot } from '../../../shared/domain/inventory';
import { CallError } from '../components/CallError';
import { Page } from '../components/Page';
import {
  useAccounts,
  useAzureStores,
  useInventory,
  useInventoryTable,
  useSubscriptions,
} from '../state/azure-stores';
import { useOpenAttach } from '../attach/use-open-attach';
import { useOpenCompute } from '../compute/use-open-compute';
import { useOpenCluster } from '../cluster/use-open-cluster';
import { ClustersSection } from './ClustersSection';
import { InventoryActionsProvider } from './inventory-actions';
import { InventoryEmpty } from './InventoryEmpty';
import { inventoryEmptyReason } from './inventory-empty';
import { idsToExpand, layoutInventory } from './inventory-layout';
import { countByState, countShown, groupInventory, shownText } from './inventory-model';
import type { StateFilter, SubscriptionGroup } from './inventory-model';
import { InventoryList } from './InventoryList';
import { InventoryTable } from './InventoryTable';
import { InventoryProblems } from './InventoryProblems';
import { InventoryFilters, InventoryStatusLine } from './InventoryToolbar';
import { InventoryViewTabs, type InventoryView } from './InventoryViewTabs';
import { useNow } from './use-now';
import { inScope } from '../scope/scope-model';
import { groupSignInWaits } from '../scope/sign-in-wait';
import type { SignInWaitGroup } from '../scope/sign-in-wait';
import { SignInWaits } from '../scope/SignInWaits';
import { timeAgo } from '../scope/relative-time';

/** The last time the record of these subscriptions was seen in Azure, for the wait's message. */
function lastKnownText(group: SignInWaitGroup, snapshot: InventorySnapshot, now: number): string {
  const ids = new Set(group.subscriptions.map((subscription) => subscription.subscriptionId));
  const synced = snapshot.workspaces
    .filter((workspace) => ids.has(workspace.subscriptionId))
    .map((workspace) => workspace.lastSyncedAt)
    .sort()
    .at(-1);
  return synced
    ? `Last listed from Azure ${timeAgo(synced, now)}.`
    : 'Mooring has no record of their workspaces yet.';
}

const useStyles = makeStyles({
  secondary: { color: tokens.colorNeutralForeground3 },
  noMatch: { color: tokens.colorNeutralForeground2, padding: tokens.spacingVerticalL },
});

const holds = (groups: readonly SubscriptionGroup[], id: string) =>
  groups.some((group) =>
    group.workspaces.some(
      (entry) => entry.workspace.id === id || entry.computes.some((compute) => compute.id === id),
    ),
  );

/** The filterable, collapsible list of the record, and where a palette jump lands. */
function InventoryBrowser({
  snapshot,
  now,
  waiting,
}: {
  snapshot: InventorySnapshot;
  now: number;
  waiting: ReadonlySet<string>;
}) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<StateFilter>('all');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [highlightedId, setHighlightedId] = useState<string | null>(null);
  const jump = useInventory((current) => current.jump);
  const jumpHandled = useInventory((current) => current.jumpHandled);
  // Typing stays instant; grouping tens of thousands of computes catches up a frame later.
  const deferredQuery = useDeferredValue(query);
  const filter = useMemo(() => ({ query: deferredQuery, state }), [deferredQuery, state]);
  const filtering = deferredQuery.trim() !== '' || state !== 'all';

  const groups = useMemo(() => groupInventory(snapshot, filter), [snapshot, filter]);
  const items = useMemo(() => layoutInventory(groups, collapsed), [groups, collapsed]);
  const counts = useMemo(() => countByState(snapshot.computes), [snapshot.computes]);
  const shown = useMemo(() => countShown(groups), [groups]);

  // A palette jump: make its target findable (clear a filter that hides it, expand what holds
  // it) and mark it; the list then scrolls to it and focuses it. Each jump is prepared once, so
  // the filter the user types afterwards is left alone.
  const preparedJump = useRef(0);
  useEffect(() => {
    if (!jump || preparedJump.current === jump.request) return;
    preparedJump.current = jump.request;
    const expand = idsToExpand(snapshot, jump);
    if (!expand) {
      jumpHandled();
      return;
    }
    setHighlightedId(jump.id);
    setCollapsed((previous) => {
      if (!expand.some((id) => previous.has(id))) return previous;
      const next = new Set(previous);
      for (const id of expand) next.delete(id);
      return next;
    });
    if (!holds(groups, jump.id)) {
      setQuery('');
      setState('all');
    }
  }, [jump, snapshot, groups, jumpHandled]);

  const toggle = useCallback(
    (id: string) =>
      setCollapsed((previous) => {
        const next = new Set(previous);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const collapseAll = useCallback(
    () =>
      setCollapsed(
        new Set(groups.flatMap((group) => group.workspaces.map((entry) => entry.workspace.id))),
      ),
    [groups],
  );

  return (
    <>
      <InventoryFilters
        query={query}
        onQuery={setQuery}
        state={state}
        onState={setState}
        counts={counts}
        onExpandAll={() => setCollapsed(new Set())}
        onCollapseAll={collapseAll}
      />
      <Caption1 className={styles.secondary} role="status" data-testid="inventory-match-count">
        {shownText(shown, filtering)}
      </Caption1>
      {items.length === 0 ? (
        <Body1 className={styles.noMatch} data-testid="inventory-no-match">
          Nothing matches the filter. Clear the filter box or choose All to see every workspace.
        </Body1>
      ) : (
        <InventoryList
          items={items}
          filtering={filtering}
          highlightedId={highlightedId}
          jump={jump}
          onJumpDone={jumpHandled}
          now={now}
          waiting={waiting}
          onToggle={toggle}
        />
      )}
    </>
  );
}

/** What the page shows once the record is there: its age, problems, and the list or why not. */
function InventoryContent() {
  const accounts = useAccounts((state) => state.accounts);
  const subscriptions = useSubscriptions((state) => state.snapshot);
  const view = useInventory((state) => state.view);
  const refresh = useInventory((state) => state.refresh);
  const load = useInventory((state) => state.load);
  const refreshFromAzure = useInventory((state) => state.refreshFromAzure);
  const jump = useInventory((state) => state.jump);
  const jumpHandled = useInventory((state) => state.jumpHandled);
  const tableRows = useInventoryTable((state) => state.all);
  const tableLoading = useInventoryTable((state) => state.status === 'loading');
  const { inventoryTable } = useAzureStores();
  const openCompute = useOpenCompute();
  const openCluster = useOpenCluster();
  const [shownView, setShownView] = useState<InventoryView>('computes');
  const now = useNow();
  // A palette jump to a compute lands in the table: main says where the row stands under the
  // table's sort and filter, and the table scrolls there even if it never drew that row.
  // Workspaces are found in the workspaces view.
  const revealed = useRef(0);
  useEffect(() => {
    if (!jump || revealed.current === jump.request) return;
    revealed.current = jump.request;
    if (jump.kind === 'workspace') {
      setShownView('workspaces');
      return;
    }
    setShownView('computes');
    void inventoryTable
      .getState()
      .reveal(jump.id)
      .finally(() => jumpHandled());
  }, [jump, inventoryTable, jumpHandled]);

  const snapshot = view.status === 'ready' ? view.value : null;
  const reason = inventoryEmptyReason(accounts, subscriptions, snapshot);
  // Subscriptions in scope whose tenant or account needs sign-in: one message per sign-in.
  const waitGroups = useMemo(
    () =>
      subscriptions.status === 'ready'
        ? groupSignInWaits(
            subscriptions.value.subscriptions.filter(inScope),
            accounts.status === 'ready' ? accounts.value : null,
          )
        : [],
    [subscriptions, accounts],
  );
  const waiting = useMemo(
    () => new Set(waitGroups.flatMap((group) => group.subscriptions.map((s) => s.subscriptionId))),
    [waitGroups],
  );
  const tabs = (
    <InventoryViewTabs
      view={shownView}
      onView={setShownView}
      clusterCount={
        snapshot ? snapshot.clusters.filter((cluster) => cluster.removedAt === null).length : 0
      }
    />
  );
  // The table asks main for its own rows: it shows before the whole record has been read.
  const table = <InventoryTable now={now} onOpen={openCompute} onOpenCluster={openCluster} />;

  // Without an account or a selected subscription there is nothing the record could hold
  // (a record of computes still shows: it is the last known state, offline too).
  if ((reason === 'no-accounts' || reason === 'no-selection') && !tableLoading && tableRows === 0)
    return <InventoryEmpty reason={reason} />;
  if (view.status === 'failed') {
    return (
      <CallError
        title={
          view.error.code === 'unavailable'
            ? 'The inventory is not available'
            : 'The inventory could not be read'
        }
        error={view.error}
        onRetry={() => void load()}
        testId="inventory-error"
      />
    );
  }
  const ready = view.status === 'ready' ? view.value : null;
  const spinner = (
    <Spinner size="small" label="Reading the local record…" data-testid="inventory-loading" />
  );
  // Every part keeps its place in the tree, so the table is not drawn anew once the rest is read.
  return (
    <>
      {ready ? <InventoryStatusLine refreshedAt={ready.refreshedAt} now={now} /> : spinner}
      {ready && refresh.status === 'failed' && (
        <CallError
          title="The inventory could not be refreshed from Azure; the last known state is shown"
          error={refresh.error}
          onRetry={() => void refreshFromAzure()}
          testId="inventory-refresh-error"
        />
      )}
      {ready && (
        <SignInWaits
          groups={waitGroups}
          where="inventory"
          extraText={(group) => lastKnownText(group, ready, now)}
        />
      )}
      {ready && <InventoryProblems problems={ready.problems} waiting={waiting} />}
      {tabs}
      {shownView === 'computes' ? (
        reason && ready && tableRows === 0 ? (
          <InventoryEmpty reason={reason} />
        ) : (
          table
        )
      ) : !ready ? null : shownView === 'clusters' ? (
        <ClustersSection snapshot={ready} now={now} />
      ) : reason ? (
        <InventoryEmpty reason={reason} />
      ) : (
        <InventoryBrowser snapshot={ready} now={now} waiting={waiting} />
      )}
    </>
  );
}

export function InventoryPage({ focusHeading }: { focusHeading: boolean }) {
  const load = useInventory((state) => state.load);
  const { inventoryTable } = useAzureStores();
  const openAttach = useOpenAttach();
  const openCompute = useOpenCompute();
  const actions = useMemo(() => ({ openAttach, openCompute }), [openAttach, openCompute]);
  // Each visit reads the local record again: instant, and it may have changed meanwhile.
  // The table's first window is asked for first: it is small, and what the user sees first.
  useEffect(() => {
    // The whole record (for the status line, problems, clusters) is read once the table's first
    // window is there, so its larger answer never delays the rows the user sees first.
    void inventoryTable.getState().loadDensity();
    void inventoryTable
      .getState()
      .recordChanged()
      .finally(() => void load());
  }, [load, inventoryTable]);

  return (
    <Page
      title="Inventory"
      description="The Azure Machine Learning workspaces of your selected subscriptions, their computes and the AKS and Arc clusters behind them, from Mooring's local record."
      focusHeading={focusHeading}
      testId="page-inventory"
      wide
    >
      <InventoryActionsProvider actions={actions}>
        <InventoryContent />
      </InventoryActionsProvider>
    </Page>
  );
}
