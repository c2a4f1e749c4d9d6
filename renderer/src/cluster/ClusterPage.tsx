import {
  Badge,
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Tooltip,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowLeft20Regular, PlugConnected20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { ReactNode } from 'react';
import { clusterUsability } from '../attach/cluster-usability';
import { useOpenAttach } from '../attach/use-open-attach';
import { CallError } from '../components/CallError';
import { Copyable, Fact, Facts } from '../components/Facts';
import { Page } from '../components/Page';
import { useOpenCompute } from '../compute/use-open-compute';
import { useAzureGate } from '../connectivity/use-azure-gate';
import { resourceName } from '../inventory/compute-presentation';
import { removedText } from '../inventory/record-age';
import { useNow } from '../inventory/use-now';
import { timeAgo } from '../scope/relative-time';
import { useAzureStores, useCluster, useInventory, useSubscriptions } from '../state/azure-stores';
import { AttachedComputes } from './AttachedComputes';
import { ClusterHistoryList } from './ClusterHistoryList';
import { clusterPage } from './cluster-page-model';
import type { ClusterPageModel } from './cluster-page-model';

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    alignItems: 'center',
  },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  heading: { margin: 0 },
  reason: { color: tokens.colorPaletteRedForeground1 },
});

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={id} data-testid={id}>
      <Subtitle2 as="h2" id={id} className={styles.heading}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
}

/** The Azure ML extension as the record holds it: installed or not, its state and version. */
function ExtensionFacts({ model }: { model: Extract<ClusterPageModel, { found: true }> }) {
  const { cluster } = model.entry;
  const extension = cluster.azureMlExtension;
  if (!cluster.extensionReadable) {
    return (
      <Body1 data-testid="cluster-page-extension-unreadable">
        {model.entry.extension.explanation}
      </Body1>
    );
  }
  if (!extension) {
    return (
      <Body1 data-testid="cluster-page-extension-missing">
        Not installed. {model.entry.extension.explanation}
      </Body1>
    );
  }
  return (
    <Facts>
      <Fact term="Installed">Yes, as {extension.name}</Fact>
      <Fact term="State" testId="cluster-page-extension-state">
        {extension.provisioningState}
      </Fact>
      <Fact term="Version" testId="cluster-page-extension-version">
        {extension.version ?? 'Not reported'}
      </Fact>
      {extension.releaseTrain && <Fact term="Release train">{extension.releaseTrain}</Fact>}
      <Fact term="Resource id">
        <Copyable
          text={extension.id}
          what="the extension's resource id"
          testId="cluster-page-extension-id"
        />
      </Fact>
    </Facts>
  );
}

/** The cluster as the record knows it: facts, extension, where it is attached, its history. */
function ClusterDetailView({ model }: { model: Extract<ClusterPageModel, { found: true }> }) {
  const styles = useStyles();
  const gate = useAzureGate();
  const openAttach = useOpenAttach();
  const openCompute = useOpenCompute();
  const now = useNow();
  const history = useCluster((state) => state.history);
  const reload = useCluster((state) => state.reload);
  const { entry, removed } = model;
  const { cluster, extension } = entry;
  const usability = clusterUsability(cluster, []);

  return (
    <>
      <div className={styles.toolbar}>
        <Badge appearance="outline" color="informative" data-testid="cluster-page-kind">
          {entry.kindLabel}
        </Badge>
        <Tooltip content={extension.explanation} relationship="description">
          <Badge
            appearance="tint"
            color={extension.color}
            tabIndex={0}
            data-testid="cluster-page-extension"
            data-extension-state={extension.state}
          >
            {extension.label}
          </Badge>
        </Tooltip>
        {entry.connectivity && (
          <Badge
            appearance="tint"
            color={entry.connectivityWarning ? 'warning' : 'informative'}
            data-testid="cluster-page-connectivity"
          >
            {entry.connectivity}
          </Badge>
        )}
        {removed && (
          <Badge appearance="outline" color="danger" data-testid="cluster-page-removed">
            Removed
          </Badge>
        )}
        {!removed && (
          <Button
            icon={<PlugConnected20Regular />}
            onClick={() => openAttach({ clusterId: cluster.id })}
            {...gate.props}
            data-testid="cluster-page-attach"
          >
            Attach to a workspace
          </Button>
        )}
        {!removed && !usability.usable && (
          <Caption1 className={styles.reason}>{usability.reason}</Caption1>
        )}
      </div>

      {removed && cluster.removedAt && (
        <MessageBar intent="warning" data-testid="cluster-page-removed-note">
          <MessageBarBody>
            {removedText(cluster.removedAt, now)}: Azure no longer lists this cluster. Mooring keeps
            its record and history below.
          </MessageBarBody>
        </MessageBar>
      )}

      <Section id="cluster-page-properties" title="Properties">
        <Facts>
          <Fact term="Subscription" testId="cluster-page-subscription">
            {cluster.subscriptionName}
          </Fact>
          <Fact term="Tenant" testId="cluster-page-tenant">
            {model.tenantName}
          </Fact>
          <Fact term="Resource group" testId="cluster-page-resource-group">
            {cluster.resourceGroup}
          </Fact>
          <Fact term="Region" testId="cluster-page-region">
            {cluster.location}
          </Fact>
          {cluster.kind === 'arc' && (
            <Fact term="Connectivity">{cluster.connectivityStatus ?? 'Not reported'}</Fact>
          )}
          {cluster.kind === 'aks' && cluster.privateCluster !== null && (
            <Fact term="API server">{cluster.privateCluster ? 'Private' : 'Public'}</Fact>
          )}
          <Fact term="Resource id">
            <Copyable text={cluster.id} what="the cluster's resource id" testId="cluster-page-id" />
          </Fact>
          <Fact term="Last synced" testId="cluster-page-synced">
            <span title={new Date(cluster.lastSyncedAt).toLocaleString()}>
              {timeAgo(cluster.lastSyncedAt, now)}
            </span>
          </Fact>
        </Facts>
      </Section>

      <Section id="cluster-page-extension-section" title="Azure ML extension">
        <ExtensionFacts model={model} />
      </Section>

      <Section id="cluster-page-attachments" title="Attached to">
        <AttachedComputes attachments={model.attachments} onOpen={openCompute} />
      </Section>

      <Section id="cluster-page-history" title="Changes and history">
        {(history === null || history.status === 'loading') && (
          <Spinner size="small" label="Reading the cluster's history…" />
        )}
        {history?.status === 'failed' && (
          <CallError
            title="The cluster's history could not be read"
            error={history.error}
            onRetry={() => void reload()}
            testId="cluster-page-history-error"
          />
        )}
        {history?.status === 'ready' && (
          <ClusterHistoryList entries={history.value.entries} now={now} />
        )}
      </Section>
    </>
  );
}

/** One cluster's page, over the Inventory area until the user goes back. */
export function ClusterPage() {
  const { cluster: clusterStore, inventory } = useAzureStores();
  const clusterId = useCluster((state) => state.clusterId) ?? '';
  const returnTo = useCluster((state) => state.returnTo);
  const reload = useCluster((state) => state.reload);
  const view = useInventory((state) => state.view);
  const subscriptions = useSubscriptions((state) => state.snapshot);
  const openCompute = useOpenCompute();

  // Opened from the palette before the Inventory was ever shown, the snapshot may not be read.
  useEffect(() => {
    void inventory.getState().loadIfNeeded();
  }, [inventory]);
  // A refresh or an operation changed the record: the history is read again with it. The first
  // snapshot seen is the one the page opened with, whose history open() is already reading.
  const seenSnapshot = useRef<unknown>(null);
  useEffect(() => {
    if (view.status !== 'ready') return;
    if (seenSnapshot.current !== null && seenSnapshot.current !== view.value) void reload();
    seenSnapshot.current = view.value;
  }, [view, reload]);

  const tenantName = useCallback(
    (tenantId: string) => {
      if (subscriptions.status !== 'ready') return null;
      const key = tenantId.toLowerCase();
      return (
        subscriptions.value.subscriptions.find((s) => s.tenantId.toLowerCase() === key)
          ?.tenantName ?? null
      );
    },
    [subscriptions],
  );
  const model = useMemo(
    () => (view.status === 'ready' ? clusterPage(view.value, clusterId, tenantName) : null),
    [view, clusterId, tenantName],
  );

  const back = () => {
    clusterStore.getState().close();
    if (returnTo) openCompute(returnTo);
  };
  const title = model?.found ? model.entry.cluster.name : resourceName(clusterId);
  const description = !model?.found
    ? 'A Kubernetes cluster.'
    : `An ${model.entry.kindLabel === 'AKS' ? 'AKS' : 'Azure Arc-enabled Kubernetes'} cluster in ${model.entry.cluster.subscriptionName}.`;

  return (
    <Page title={title} description={description} focusHeading testId="page-cluster" wide>
      <div>
        <Button
          icon={<ArrowLeft20Regular />}
          appearance="subtle"
          onClick={back}
          data-testid="cluster-page-back"
        >
          {returnTo ? `Back to ${resourceName(returnTo)}` : 'Back to the inventory'}
        </Button>
      </div>
      {view.status === 'loading' && <Spinner size="small" label="Reading the local record…" />}
      {view.status === 'failed' && (
        <CallError
          title="The inventory could not be read"
          error={view.error}
          onRetry={() => void inventory.getState().load()}
          testId="cluster-page-error"
        />
      )}
      {model && !model.found && (
        <MessageBar intent="info" layout="multiline" data-testid="cluster-page-not-found">
          <MessageBarBody>
            This cluster is not in Mooring&apos;s record of the selected subscriptions: it may
            belong to a subscription that is not selected, or no refresh has listed it. Choose its
            subscription in the scope picker, or refresh the inventory from Azure.
            <br />
            <span data-testid="cluster-page-not-found-id">{model.clusterId}</span>
          </MessageBarBody>
        </MessageBar>
      )}
      {model?.found && <ClusterDetailView model={model} />}
    </Page>
  );
}
