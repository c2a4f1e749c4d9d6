import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { HistoryRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useState } from 'react';
import { CallError } from '../components/CallError';
import { EmptyState } from '../components/EmptyState';
import { Page } from '../components/Page';
import { ActivityFilters } from '../activity/ActivityFilters';
import {
  activityChoices,
  historyCountText,
  isFiltering,
  toActivityFilter,
} from '../activity/activity-model';
import { ExportMenu } from '../export/ExportMenu';
import { useNow } from '../inventory/use-now';
import { OperationList } from '../operations/OperationList';
import { isActive } from '../operations/operations-model';
import { useActivity, useOperations, useSubscriptions } from '../state/azure-stores';

const useStyles = makeStyles({
  count: { color: tokens.colorNeutralForeground2 },
});

const NO_SUBSCRIPTIONS: never[] = [];
/** Ended entries drawn at first and per "Show more": the journal may answer thousands. */
const PAGE_SIZE = 200;

/**
 * The operation journal as a log across tenants: filtered by tenant, subscription, workspace,
 * kind, status and days; running first; each entry opens its details (request, every poll,
 * result, error codes, equivalent commands). Exports what the filter shows.
 */
export function ActivityPage({ focusHeading }: { focusHeading: boolean }) {
  const styles = useStyles();
  const filter = useActivity((state) => state.filter);
  const history = useActivity((state) => state.history);
  const load = useActivity((state) => state.load);
  const setFilter = useActivity((state) => state.setFilter);
  const recent = useOperations((state) => state.operations);
  const openDetails = useOperations((state) => state.openDetails);
  const subscriptionsView = useSubscriptions((state) => state.snapshot);
  const now = useNow(5000);
  useEffect(() => {
    void load();
  }, [load]);

  const shown = useMemo(
    () => (history.status === 'ready' ? history.value.operations : []),
    [history],
  );
  const subscriptions =
    subscriptionsView.status === 'ready' ? subscriptionsView.value.subscriptions : NO_SUBSCRIPTIONS;
  const choices = useMemo(
    () => activityChoices({ subscriptions, operations: [...recent, ...shown] }, filter),
    [subscriptions, recent, shown, filter],
  );
  const running = useMemo(() => shown.filter(isActive), [shown]);
  const ended = useMemo(() => shown.filter((operation) => !isActive(operation)), [shown]);
  const filtering = isFiltering(filter);
  const [drawn, setDrawn] = useState(PAGE_SIZE);
  useEffect(() => setDrawn(PAGE_SIZE), [filter]);
  const hidden = Math.max(0, ended.length - drawn);

  return (
    <Page
      title="Activity"
      description="Every attach, identity change and detach Mooring has run for you, across tenants, with its progress and outcome — including those resumed after a restart."
      focusHeading={focusHeading}
      testId="page-activity"
    >
      <ActivityFilters
        filter={filter}
        choices={choices}
        onChange={(next) => void setFilter(next)}
        actions={
          <ExportMenu
            kind="activity"
            what="the operations shown"
            request={(format) => ({ kind: 'activity', format, filter: toActivityFilter(filter) })}
            testId="activity-export"
          />
        }
      />
      {history.status === 'loading' && <Spinner size="small" label="Reading the journal…" />}
      {history.status === 'failed' && (
        <CallError
          title="The operations could not be read"
          error={history.error}
          onRetry={() => void load()}
          testId="activity-error"
        />
      )}
      {history.status === 'ready' && (
        <Caption1 className={styles.count} role="status" data-testid="activity-count">
          {history.value.truncated ? null : historyCountText(history.value, filtering)}
        </Caption1>
      )}
      {history.status === 'ready' && history.value.truncated && (
        <MessageBar intent="info" data-testid="activity-truncated">
          <MessageBarBody>{historyCountText(history.value, filtering)}</MessageBarBody>
        </MessageBar>
      )}
      {history.status === 'ready' && shown.length === 0 && !filtering && (
        <EmptyState icon={<HistoryRegular />} title="No operations yet" testId="activity-empty">
          Attach a cluster, change a compute’s identity or detach one, and it appears here with its
          progress, every poll and the equivalent az commands.
        </EmptyState>
      )}
      {history.status === 'ready' && shown.length === 0 && filtering && (
        <Caption1 data-testid="activity-no-match">
          No operation matches the filter. Choose “Clear filters” to see them all.
        </Caption1>
      )}
      {running.length > 0 && (
        <>
          <Caption1>Running now</Caption1>
          <OperationList
            operations={running}
            now={now}
            label="Running now"
            onOpen={(id) => void openDetails(id)}
            testId="activity-running"
          />
        </>
      )}
      {ended.length > 0 && (
        <>
          <Caption1>Ended</Caption1>
          <OperationList
            operations={hidden > 0 ? ended.slice(0, drawn) : ended}
            now={now}
            label="Ended"
            onOpen={(id) => void openDetails(id)}
            testId="activity-ended"
          />
          {hidden > 0 && (
            <Button
              appearance="subtle"
              onClick={() => setDrawn((count) => count + PAGE_SIZE)}
              data-testid="activity-show-more"
            >
              Show {Math.min(PAGE_SIZE, hidden).toLocaleString('en')} more (
              {hidden.toLocaleString('en')} not shown)
            </Button>
          )}
        </>
      )}
    </Page>
  );
}
