import { Caption1, Spinner } from '@fluentui/react-components';
import { HistoryRegular } from '@fluentui/react-icons';
import { useEffect, useMemo } from 'react';
import { CallError } from '../components/CallError';
import { EmptyState } from '../components/EmptyState';
import { Page } from '../components/Page';
import { useNow } from '../inventory/use-now';
import { OperationList } from '../operations/OperationList';
import { groupForTray } from '../operations/operations-model';
import { useOperations } from '../state/azure-stores';

/** Every operation the journal answers, running first; each opens its details. */
export function ActivityPage({ focusHeading }: { focusHeading: boolean }) {
  const operations = useOperations((state) => state.operations);
  const listStatus = useOperations((state) => state.listStatus);
  const load = useOperations((state) => state.load);
  const openDetails = useOperations((state) => state.openDetails);
  const now = useNow(5000);
  useEffect(() => {
    void load();
  }, [load]);
  const running = useMemo(() => groupForTray(operations, now).running, [operations, now]);
  const ended = useMemo(
    () => operations.filter((operation) => !running.includes(operation)),
    [operations, running],
  );

  return (
    <Page
      title="Activity"
      description="Every attach, identity change and detach Mooring runs for you, across tenants, with its progress and outcome — including those resumed after a restart."
      focusHeading={focusHeading}
      testId="page-activity"
    >
      {listStatus.status === 'loading' && <Spinner size="small" label="Reading the journal…" />}
      {listStatus.status === 'failed' && (
        <CallError
          title="The operations could not be read"
          error={listStatus.error}
          onRetry={() => void load()}
          testId="activity-error"
        />
      )}
      {listStatus.status === 'ready' && operations.length === 0 && (
        <EmptyState icon={<HistoryRegular />} title="No operations yet" testId="activity-empty">
          Attach a cluster, change a compute’s identity or detach one, and it appears here with its
          progress, every poll and the equivalent az commands.
        </EmptyState>
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
            operations={ended}
            now={now}
            label="Ended"
            onOpen={(id) => void openDetails(id)}
            testId="activity-ended"
          />
        </>
      )}
    </Page>
  );
}
