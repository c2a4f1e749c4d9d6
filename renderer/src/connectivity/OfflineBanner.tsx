import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import { ArrowSync20Regular } from '@fluentui/react-icons';
import { useStore } from 'zustand';
import { useAzureStores } from '../state/azure-stores';
import { knownAtText, offlineDetailText } from './offline-text';

/**
 * "Offline — showing what was known at …" across the top of every page while the main process
 * finds Azure unreachable, with the reason, what to do, and Retry (the main process also checks
 * again by itself, more slowly each time). Gone at the first answer from Azure.
 */
export function OfflineBanner() {
  const stores = useAzureStores();
  const state = useStore(stores.connectivity, (s) => s.connectivity);
  const retrying = useStore(stores.connectivity, (s) => s.retrying);
  // The age of the record shown: the inventory's, else when Azure last answered in this run.
  const refreshedAt = useStore(stores.inventory, (s) =>
    s.view.status === 'ready' ? s.view.value.refreshedAt : null,
  );
  if (state?.status !== 'offline') return null;
  const knownAt = refreshedAt ?? state.lastReachedAt;
  const checking = retrying || state.checking;
  return (
    <MessageBar intent="warning" layout="multiline" role="status" data-testid="offline-banner">
      <MessageBarBody>
        <MessageBarTitle data-testid="offline-banner-title">
          {knownAt
            ? `Offline — showing what was known at ${knownAtText(knownAt)}`
            : 'Offline — showing what Mooring has recorded'}
        </MessageBarTitle>
        <span data-testid="offline-banner-reason" data-reason={state.reason ?? ''}>
          {offlineDetailText(state)}
        </span>
      </MessageBarBody>
      <MessageBarActions>
        <Button
          icon={checking ? <Spinner size="tiny" /> : <ArrowSync20Regular />}
          disabledFocusable={checking}
          onClick={() => void stores.connectivity.getState().retry()}
          data-testid="offline-retry"
        >
          {checking ? 'Checking…' : 'Retry'}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
