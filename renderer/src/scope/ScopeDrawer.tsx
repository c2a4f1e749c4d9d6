import {
  Body1,
  Button,
  Caption1,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  OverlayDrawer,
  SearchBox,
  Spinner,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Dismiss24Regular } from '@fluentui/react-icons';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { SubscriptionsSnapshot } from '../../../shared/domain/subscriptions';
import { CallError } from '../components/CallError';
import { FOCUS_AFTER_REMOVAL } from '../components/focus-after-removal';
import { RefreshFromAzureButton } from '../components/RefreshFromAzureButton';
import { useAccounts, useOverlays, useSubscriptions } from '../state/azure-stores';
import { useShell } from '../state/shell-store-context';
import { ListingProblems } from './ListingProblems';
import { OfferedSubscriptions } from './OfferedSubscriptions';
import { groupByTenant, scopeLabel, summariseScope, tenantDomainsOf } from './scope-model';
import { groupSignInWaits } from './sign-in-wait';
import type { SignInWait } from './sign-in-wait';
import { SignInWaits } from './SignInWaits';
import { SubscriptionList } from './SubscriptionList';
import { listedAgeText } from './relative-time';

const useStyles = makeStyles({
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalL,
    // The list scrolls on its own; the drawer body must not.
    overflow: 'hidden',
  },
  summaryLine: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
  },
  secondary: { color: tokens.colorNeutralForeground3 },
  toolbar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  search: { flexGrow: 1, maxWidth: 'none' },
  empty: { color: tokens.colorNeutralForeground2, padding: tokens.spacingVerticalL },
  emptyActions: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    marginTop: tokens.spacingVerticalM,
  },
});

function RefreshButton() {
  const refresh = useSubscriptions((state) => state.refresh);
  const refreshFromAzure = useSubscriptions((state) => state.refreshFromAzure);
  const running = refresh.status === 'running';
  return (
    <RefreshFromAzureButton
      running={running}
      onRefresh={() => void refreshFromAzure()}
      runningLabel="Listing from Azure…"
      testId="subscriptions-refresh"
    />
  );
}

/** Nothing to pick from: say why, and what gets subscriptions here. */
function NoSubscriptions({ snapshot }: { snapshot: SubscriptionsSnapshot }) {
  const styles = useStyles();
  const noAccounts = useAccounts(
    (state) => state.accounts.status === 'ready' && state.accounts.value.length === 0,
  );
  const navigate = useShell((state) => state.navigate);
  const closeScope = useOverlays((state) => state.closeScope);
  const refreshFromAzure = useSubscriptions((state) => state.refreshFromAzure);

  if (noAccounts) {
    return (
      <div className={styles.empty} data-testid="subscriptions-empty">
        <Body1>Sign in to an account to list the subscriptions you can reach.</Body1>
        <div className={styles.emptyActions}>
          <Button
            appearance="primary"
            onClick={() => {
              closeScope();
              navigate('accounts');
            }}
            data-testid="subscriptions-go-to-accounts"
          >
            Go to Accounts
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className={styles.empty} data-testid="subscriptions-empty">
      <Body1>
        {snapshot.refreshedAt
          ? 'Your accounts see no subscription. Ask an administrator for access, or sign in to the tenants that need it.'
          : 'No subscriptions have been listed yet. Refresh from Azure to list them.'}
      </Body1>
      {!snapshot.refreshedAt && (
        <div className={styles.emptyActions}>
          <Button appearance="primary" onClick={() => void refreshFromAzure()}>
            Refresh from Azure
          </Button>
        </div>
      )}
    </div>
  );
}

/** The accounts as far as they are known: null while they load (then nothing waits). */
const useKnownAccounts = () =>
  useAccounts((state) => (state.accounts.status === 'ready' ? state.accounts.value : null));

function Picker({
  snapshot,
  waits,
}: {
  snapshot: SubscriptionsSnapshot;
  waits: ReadonlyMap<string, SignInWait>;
}) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [showHidden, setShowHidden] = useState(false);
  const accounts = useKnownAccounts();
  const tenantDomains = useMemo(() => tenantDomainsOf(accounts ?? []), [accounts]);
  // The order of favourites as the picker opened: starring a row leaves it under the pointer.
  // It is taken afresh each time the picker opens.
  const [favouriteOrder] = useState(
    () => new Map(snapshot.subscriptions.map((s) => [s.subscriptionId, s.favourite])),
  );
  const setFilters = useSubscriptions((state) => state.setFilters);
  const scopeFocus = useOverlays((state) => state.scopeFocus);
  const scopeFocused = useOverlays((state) => state.scopeFocused);
  // Typing stays instant; the grouping of thousands of rows catches up a frame later.
  const deferredQuery = useDeferredValue(query);

  // A subscription asked for from the palette must be findable: clear the search and, when it
  // is hidden, show hidden ones.
  useEffect(() => {
    if (!scopeFocus) return;
    const target = snapshot.subscriptions.find(
      (subscription) => subscription.subscriptionId === scopeFocus.subscriptionId,
    );
    setQuery('');
    if (target?.hidden) setShowHidden(true);
  }, [scopeFocus, snapshot.subscriptions]);

  const groups = useMemo(
    () =>
      groupByTenant(snapshot.subscriptions, {
        query: deferredQuery,
        showHidden,
        tenantDomains,
        favouriteOrder,
      }),
    [snapshot.subscriptions, deferredQuery, showHidden, tenantDomains, favouriteOrder],
  );
  const hiddenCount = useMemo(
    () => snapshot.subscriptions.filter((subscription) => subscription.hidden).length,
    [snapshot.subscriptions],
  );
  const shownCount = groups.reduce((sum, group) => sum + group.subscriptions.length, 0);
  const onChanges = useCallback(
    (changes: Parameters<typeof setFilters>[0]) => void setFilters(changes),
    [setFilters],
  );

  if (snapshot.subscriptions.length === 0) return <NoSubscriptions snapshot={snapshot} />;

  return (
    <>
      <div className={styles.toolbar}>
        <SearchBox
          className={styles.search}
          value={query}
          onChange={(_event, data) => setQuery(data.value)}
          placeholder="Search by name, id, tenant, domain or account"
          aria-label="Search subscriptions"
          autoFocus
          {...FOCUS_AFTER_REMOVAL}
          data-testid="subscriptions-search"
        />
        <Switch
          checked={showHidden}
          onChange={(_event, data) => setShowHidden(data.checked)}
          label={`Show hidden (${hiddenCount})`}
          data-testid="subscriptions-show-hidden"
        />
      </div>
      <Caption1 className={styles.secondary} role="status" data-testid="subscriptions-match-count">
        {deferredQuery.trim()
          ? `${shownCount} ${shownCount === 1 ? 'subscription matches' : 'subscriptions match'} “${deferredQuery.trim()}”.`
          : `${shownCount} ${shownCount === 1 ? 'subscription' : 'subscriptions'} shown.`}
      </Caption1>
      {groups.length === 0 ? (
        <Body1 className={styles.empty} data-testid="subscriptions-no-match">
          No subscription matches “{deferredQuery.trim()}”
          {!showHidden && hiddenCount > 0
            ? ' (hidden ones are not searched: show hidden to include them)'
            : ''}
          .
        </Body1>
      ) : (
        <SubscriptionList
          groups={groups}
          searching={deferredQuery.trim() !== ''}
          waits={waits}
          onChanges={onChanges}
          focusRequest={scopeFocus}
          onFocused={scopeFocused}
        />
      )}
    </>
  );
}

function PickerContent() {
  const styles = useStyles();
  const snapshot = useSubscriptions((state) => state.snapshot);
  const refresh = useSubscriptions((state) => state.refresh);
  const filterError = useSubscriptions((state) => state.filterError);
  const load = useSubscriptions((state) => state.load);
  const refreshFromAzure = useSubscriptions((state) => state.refreshFromAzure);
  const dismissFilterError = useSubscriptions((state) => state.dismissFilterError);
  const setFilters = useSubscriptions((state) => state.setFilters);
  const accounts = useKnownAccounts();
  const subscriptions = snapshot.status === 'ready' ? snapshot.value.subscriptions : null;
  const waitGroups = useMemo(
    () =>
      subscriptions
        ? groupSignInWaits(
            subscriptions.filter((subscription) => !subscription.hidden),
            accounts,
          )
        : [],
    [subscriptions, accounts],
  );
  const waits = useMemo(() => {
    const byId = new Map<string, SignInWait>();
    for (const group of waitGroups)
      for (const subscription of group.subscriptions)
        byId.set(subscription.subscriptionId, group.wait);
    return byId;
  }, [waitGroups]);
  const waitingPairs = useMemo(
    () =>
      new Set(
        waitGroups.flatMap(({ wait }) =>
          wait.kind === 'tenant' ? [`${wait.accountId}/${wait.tenantId}`] : [],
        ),
      ),
    [waitGroups],
  );

  if (snapshot.status === 'loading') {
    return <Spinner size="small" label="Loading subscriptions…" />;
  }
  if (snapshot.status === 'failed') {
    return (
      <CallError
        title="Your subscriptions could not be loaded"
        error={snapshot.error}
        onRetry={() => void load()}
        testId="subscriptions-load-error"
      />
    );
  }
  const summary = summariseScope(snapshot.value.subscriptions);
  return (
    <>
      <div className={styles.summaryLine}>
        <Body1 data-testid="scope-summary">{scopeLabel(summary)} in scope</Body1>
        <Caption1
          className={styles.secondary}
          title={
            snapshot.value.refreshedAt
              ? new Date(snapshot.value.refreshedAt).toLocaleString()
              : undefined
          }
          data-testid="subscriptions-refreshed-at"
        >
          {listedAgeText(snapshot.value.refreshedAt, snapshot.value.problems)}
        </Caption1>
        <RefreshButton />
      </div>
      {refresh.status === 'failed' && (
        <CallError
          title="Subscriptions could not be listed from Azure"
          error={refresh.error}
          onRetry={() => void refreshFromAzure()}
          testId="subscriptions-refresh-error"
        />
      )}
      {filterError && (
        <CallError
          title="Your change could not be saved; the previous selection is back"
          error={filterError}
          onDismiss={dismissFilterError}
          testId="subscriptions-filter-error"
        />
      )}
      <SignInWaits groups={waitGroups} where="picker" />
      <OfferedSubscriptions
        subscriptions={snapshot.value.subscriptions}
        onChanges={(changes) => void setFilters(changes)}
      />
      {/* A tenant whose subscriptions wait for its sign-in is said once, above. */}
      <ListingProblems
        problems={snapshot.value.problems.filter(
          (problem) => !waitingPairs.has(`${problem.accountId}/${problem.tenantId}`),
        )}
      />
      <Picker snapshot={snapshot.value} waits={waits} />
    </>
  );
}

/** The tenant and subscription picker: what Mooring works on, searchable over thousands. */
export function ScopeDrawer() {
  const styles = useStyles();
  const open = useOverlays((state) => state.scopeOpen);
  const closeScope = useOverlays((state) => state.closeScope);

  return (
    <OverlayDrawer
      open={open}
      position="end"
      size="large"
      onOpenChange={(_event, data) => {
        if (!data.open) closeScope();
      }}
      aria-label="Tenants and subscriptions"
      data-testid="scope-drawer"
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button
              appearance="subtle"
              aria-label="Close"
              icon={<Dismiss24Regular />}
              onClick={closeScope}
              data-testid="scope-close"
            />
          }
        >
          Tenants and subscriptions
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>{open && <PickerContent />}</DrawerBody>
    </OverlayDrawer>
  );
}
