import {
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  SearchBox,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { InventoryProblem, InventorySnapshot } from '../../../shared/domain/inventory';
import { RefreshFromAzureButton } from '../components/RefreshFromAzureButton';
import { ExportMenu } from '../export/ExportMenu';
import { useInventory, useRefreshProgress } from '../state/azure-stores';
import { RefreshProgressBar } from './RefreshProgressBar';
import { cancelledRefreshText } from '../state/refresh-progress-store';
import { STATE_FILTERS } from './inventory-model';
import type { StateFilter } from './inventory-model';
import { recordStatusText, unlistedText } from './record-age';

const useStyles = makeStyles({
  status: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
  },
  age: { color: tokens.colorNeutralForeground2 },
  filters: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
  },
  search: { flexGrow: 1, minWidth: '260px', maxWidth: '480px' },
  expand: { marginLeft: 'auto', display: 'flex', gap: tokens.spacingHorizontalXS },
});

const NONE: readonly InventoryProblem[] = [];
const NONE_UNLISTED: InventorySnapshot['unlisted'] = [];

/** "A, B, C and 2 more". */
const namesText = (names: readonly string[]): string =>
  names.length <= 3
    ? names.join(', ')
    : `${names.slice(0, 3).join(', ')} and ${(names.length - 3).toLocaleString()} more`;

/**
 * How old the record is (and whether the last refresh had trouble), the selected subscriptions
 * never listed yet, and Refresh from Azure with its progress.
 */
export function InventoryStatusLine({
  refreshedAt,
  now,
}: {
  refreshedAt: string | null;
  now: number;
}) {
  const styles = useStyles();
  const asked = useInventory((state) => state.refresh.status === 'running');
  const progress = useRefreshProgress((state) => state.progress);
  const cancelling = useRefreshProgress((state) => state.cancelling);
  const cancel = useRefreshProgress((state) => state.cancel);
  // A refresh asked for here, or one the main process started by itself (start-up, interval).
  const running = asked || progress?.status === 'running';
  const cancelled = progress ? cancelledRefreshText(progress) : null;
  const refreshFromAzure = useInventory((state) => state.refreshFromAzure);
  const view = useInventory((state) => state.view);
  const problems = view.status === 'ready' ? view.value.problems : NONE;
  const unlisted = view.status === 'ready' ? view.value.unlisted : NONE_UNLISTED;
  // With nothing listed the empty panel already offers the refresh; the note is for the rest.
  const note = refreshedAt === null ? null : unlistedText(unlisted.length);
  return (
    <>
      <div className={styles.status}>
        <Caption1
          className={styles.age}
          title={refreshedAt ? new Date(refreshedAt).toLocaleString() : undefined}
          data-testid="inventory-refreshed-at"
        >
          {recordStatusText(refreshedAt, problems, now)}
        </Caption1>
        <RefreshFromAzureButton
          running={running}
          onRefresh={() => void refreshFromAzure()}
          runningLabel="Refreshing from Azure…"
          testId="inventory-refresh"
        />
      </div>
      {note && (
        <MessageBar intent="info" layout="multiline" data-testid="inventory-unlisted">
          <MessageBarBody>
            <MessageBarTitle>{note}</MessageBarTitle>
            Mooring does not know their workspaces yet, so they are not shown:{' '}
            {namesText(unlisted.map((subscription) => subscription.subscriptionName))}.
          </MessageBarBody>
          <MessageBarActions>
            <Button
              size="small"
              disabledFocusable={running}
              onClick={() => void refreshFromAzure()}
              data-testid="inventory-unlisted-refresh"
            >
              Refresh from Azure
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {!running && cancelled && (
        <Caption1 className={styles.age} role="status" data-testid="inventory-refresh-cancelled">
          {cancelled}
        </Caption1>
      )}
      {running && (
        <RefreshProgressBar
          progress={progress}
          cancelling={cancelling}
          onCancel={() => void cancel()}
        />
      )}
    </>
  );
}

const STATE_LABELS: Record<StateFilter, string> = {
  all: 'All',
  failed: 'Failed',
  'in-progress': 'In progress',
  succeeded: 'Succeeded',
  removed: 'Removed',
};

const isStateFilter = (value: unknown): value is StateFilter =>
  (STATE_FILTERS as readonly unknown[]).includes(value);

interface InventoryFiltersProps {
  readonly query: string;
  readonly onQuery: (query: string) => void;
  readonly state: StateFilter;
  readonly onState: (state: StateFilter) => void;
  readonly counts: Record<StateFilter, number>;
  readonly onExpandAll: () => void;
  readonly onCollapseAll: () => void;
}

/** The filter box, the state filter with its counts, and expand / collapse all. */
export function InventoryFilters({
  query,
  onQuery,
  state,
  onState,
  counts,
  onExpandAll,
  onCollapseAll,
}: InventoryFiltersProps) {
  const styles = useStyles();
  return (
    <div className={styles.filters}>
      <SearchBox
        className={styles.search}
        value={query}
        onChange={(_event, data) => onQuery(data.value)}
        placeholder="Filter by name, resource id or cluster"
        aria-label="Filter workspaces and computes"
        data-testid="inventory-filter"
      />
      <TabList
        size="small"
        selectedValue={state}
        onTabSelect={(_event, data) => {
          if (isStateFilter(data.value)) onState(data.value);
        }}
        aria-label="Provisioning state"
        data-testid="inventory-state-filter"
      >
        {STATE_FILTERS.map((value) => (
          <Tab key={value} value={value} data-testid={`inventory-state-${value}`}>
            {STATE_LABELS[value]} ({counts[value].toLocaleString()})
          </Tab>
        ))}
      </TabList>
      <span className={styles.expand}>
        <Button
          appearance="subtle"
          size="small"
          onClick={onExpandAll}
          data-testid="inventory-expand-all"
        >
          Expand all
        </Button>
        <Button
          appearance="subtle"
          size="small"
          onClick={onCollapseAll}
          data-testid="inventory-collapse-all"
        >
          Collapse all
        </Button>
        <ExportMenu
          kind="inventory"
          what="the workspaces and computes shown"
          // The filter as typed: the main process applies the same rule to the local record.
          request={(format) => ({ kind: 'inventory', format, filter: { query, state } })}
          testId="inventory-export"
        />
      </span>
    </div>
  );
}
