import {
  Badge,
  Button,
  Caption1,
  Link,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowLeft20Regular, Delete20Regular, PersonKey20Regular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import type { ComputeDetail } from '../../../shared/domain/operations';
import { identitiesFor } from '../attach/attach-form';
import { CallError } from '../components/CallError';
import { Copyable, Fact, Facts } from '../components/Facts';
import { Page } from '../components/Page';
import { identityLabel, resourceName, stateColor } from '../inventory/compute-presentation';
import { useNow } from '../inventory/use-now';
import { OperationList } from '../operations/OperationList';
import { ErrorList } from '../operations/OperationProgress';
import { isActive, isComputeOperation } from '../operations/operations-model';
import { useCompute, useInventory, useOperations } from '../state/azure-stores';
import { systemAssignedDirectoryName } from './compute-identity';
import { AccessSection } from './AccessSection';
import { DetachDialog } from './DetachDialog';
import { EditIdentityDialog } from './EditIdentityDialog';
import { StateTimeline } from './StateTimeline';
import { useAzureGate } from '../connectivity/use-azure-gate';
import { useOpenCluster } from '../cluster/use-open-cluster';

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
});

/** The compute once its record is read: properties, identity, states over time, operations. */
function ComputeDetailView({ detail }: { detail: ComputeDetail }) {
  // Actions that need Azure wait, with the reason said, while it cannot be reached.
  const gate = useAzureGate();
  const styles = useStyles();
  const { compute, identity } = detail;
  const [dialog, setDialog] = useState<'identity' | 'detach' | null>(null);
  const openDetails = useOperations((state) => state.openDetails);
  const liveOperations = useOperations((state) => state.operations);
  const inventory = useInventory((state) => state.view);
  const now = useNow(5000);
  const directoryName = systemAssignedDirectoryName(detail);
  const openCluster = useOpenCluster();
  const identities = useMemo(
    () =>
      inventory.status === 'ready'
        ? identitiesFor(inventory.value.identities, [compute.subscriptionId])
        : [],
    [inventory, compute.subscriptionId],
  );
  // The tray's copy of an operation may be newer than the record read a moment ago.
  const operations = detail.operations.map(
    (operation) =>
      liveOperations.find((live) => live.operationId === operation.operationId) ?? operation,
  );
  const busy = operations.some((operation) => isComputeOperation(operation) && isActive(operation));
  const removed = compute.removedAt !== null;

  return (
    <>
      <div className={styles.toolbar}>
        <Badge
          appearance="tint"
          color={stateColor(compute.provisioningState)}
          data-testid="compute-page-state"
        >
          {compute.provisioningState}
        </Badge>
        {/* A detach Mooring ran already says so in the state badge. */}
        {removed && compute.provisioningState !== 'Detached' && (
          <Badge appearance="outline" color="informative" data-testid="compute-page-removed">
            Detached or removed
          </Badge>
        )}
        <Button
          icon={<PersonKey20Regular />}
          disabled={busy || removed}
          onClick={() => setDialog('identity')}
          {...gate.props}
          data-testid="compute-edit-identity"
        >
          Change identity
        </Button>
        <Button
          icon={<Delete20Regular />}
          disabled={busy || removed}
          onClick={() => setDialog('detach')}
          {...gate.props}
          data-testid="compute-detach"
        >
          Detach
        </Button>
        {busy && <Caption1>An operation on this compute is running: wait for it to end.</Caption1>}
      </div>

      {compute.provisioningErrors.length > 0 && (
        <ErrorList
          errors={compute.provisioningErrors}
          label={`Provisioning errors of ${compute.name}`}
        />
      )}

      <section className={styles.section} aria-labelledby="compute-properties">
        <Subtitle2 as="h2" id="compute-properties" className={styles.heading}>
          Properties
        </Subtitle2>
        <Facts>
          <Fact term="Workspace">{compute.workspaceName}</Fact>
          <Fact term="Type">{compute.computeType}</Fact>
          <Fact term="Cluster" testId="compute-page-cluster">
            {compute.clusterId ? (
              <>
                <Link
                  as="button"
                  onClick={() => compute.clusterId && openCluster(compute.clusterId, compute.id)}
                  aria-label={`Open the page of the cluster ${resourceName(compute.clusterId)}`}
                  data-testid="compute-page-cluster-link"
                >
                  {resourceName(compute.clusterId)}
                </Link>
                <Copyable
                  text={compute.clusterId}
                  what="the cluster's resource id"
                  testId="compute-page-cluster-id"
                />
              </>
            ) : (
              'None'
            )}
          </Fact>
          <Fact term="Namespace" testId="compute-page-namespace">
            {compute.namespace ?? 'Not set'}
          </Fact>
          {compute.description && <Fact term="Description">{compute.description}</Fact>}
          <Fact term="Resource id">
            <Copyable text={compute.id} what="the compute's resource id" testId="compute-page-id" />
          </Fact>
          <Fact term="Last synced">{new Date(compute.lastSyncedAt).toLocaleString()}</Fact>
        </Facts>
      </section>

      <section className={styles.section} aria-labelledby="compute-identity">
        <Subtitle2 as="h2" id="compute-identity" className={styles.heading}>
          Identity
        </Subtitle2>
        <Facts>
          <Fact term="Type" testId="compute-page-identity-type">
            {identityLabel({
              identityType: identity.type,
              userAssignedIdentityId: identity.userAssignedIdentityId,
            })}
          </Fact>
          {identity.principalId && (
            <Fact term="Principal id">
              <Copyable
                text={identity.principalId}
                what="the principal id"
                testId="compute-page-principal-id"
              />
            </Fact>
          )}
          {identity.clientId && (
            <Fact term="Client id">
              <Copyable
                text={identity.clientId}
                what="the client id"
                testId="compute-page-client-id"
              />
            </Fact>
          )}
          {directoryName && (
            <Fact term="Name in Entra ID">
              <Copyable
                text={directoryName}
                what="the identity's name in Entra ID"
                testId="compute-page-directory-name"
              />
            </Fact>
          )}
          {identity.userAssignedIdentityId && (
            <Fact term="User-assigned identity">
              <Copyable
                text={identity.userAssignedIdentityId}
                what="the identity's resource id"
                testId="compute-page-user-identity"
              />
            </Fact>
          )}
        </Facts>
      </section>

      {/* A new principal (an identity change) is another identity's access: read afresh. */}
      {!removed && <AccessSection key={identity.principalId ?? 'none'} computeId={compute.id} />}

      <section className={styles.section} aria-labelledby="compute-states">
        <Subtitle2 as="h2" id="compute-states" className={styles.heading}>
          States over time
        </Subtitle2>
        <StateTimeline history={detail.stateHistory} />
      </section>

      <section className={styles.section} aria-labelledby="compute-operations">
        <Subtitle2 as="h2" id="compute-operations" className={styles.heading}>
          Operations
        </Subtitle2>
        {operations.length === 0 ? (
          <Caption1>Mooring has run no operation on this compute.</Caption1>
        ) : (
          <OperationList
            operations={operations}
            now={now}
            label={`Operations on ${compute.name}`}
            onOpen={(operationId) => void openDetails(operationId)}
            testId="compute-page-operations"
          />
        )}
      </section>

      {dialog === 'identity' && (
        <EditIdentityDialog
          detail={detail}
          identities={identities}
          open
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'detach' && <DetachDialog detail={detail} open onClose={() => setDialog(null)} />}
    </>
  );
}

/** One compute's page, over the Inventory area until the user goes back. */
export function ComputePage() {
  const computeId = useCompute((state) => state.computeId);
  const detail = useCompute((state) => state.detail);
  const close = useCompute((state) => state.close);
  const reload = useCompute((state) => state.reload);
  const name =
    detail?.status === 'ready' ? detail.value.compute.name : resourceName(computeId ?? '');
  const workspace = detail?.status === 'ready' ? detail.value.compute.workspaceName : null;

  return (
    <Page
      title={name}
      description={workspace ? `A Kubernetes compute of the workspace ${workspace}.` : 'A compute.'}
      // Always opened by the user (a row, the palette, an attach): its heading takes focus.
      focusHeading
      testId="page-compute"
      wide
    >
      <div>
        <Button
          icon={<ArrowLeft20Regular />}
          appearance="subtle"
          onClick={close}
          data-testid="compute-page-back"
        >
          Back to the inventory
        </Button>
      </div>
      {(detail === null || detail.status === 'loading') && (
        <Spinner size="small" label="Reading the local record…" />
      )}
      {detail?.status === 'failed' && (
        <CallError
          title="This compute could not be read"
          error={detail.error}
          onRetry={() => void reload()}
          testId="compute-page-error"
        />
      )}
      {detail?.status === 'ready' && <ComputeDetailView detail={detail.value} />}
    </Page>
  );
}
