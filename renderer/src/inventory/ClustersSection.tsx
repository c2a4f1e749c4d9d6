import {
  Badge,
  Body1,
  Button,
  Caption1,
  Link,
  Subtitle2,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { PlugConnected20Regular } from '@fluentui/react-icons';
import { useMemo } from 'react';
import type { InventorySnapshot } from '../../../shared/domain/inventory';
import { attachmentText, clusterCountText, groupClusters } from './cluster-model';
import type { ClusterEntry } from './cluster-model';
import { clusterUsability } from '../attach/cluster-usability';
import { useAzureGate } from '../connectivity/use-azure-gate';
import { useInventoryActions } from './inventory-actions';
import { driftText } from './drift-text';
import { removedText } from './record-age';
import { useOpenCluster } from '../cluster/use-open-cluster';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  secondary: { color: tokens.colorNeutralForeground3 },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  row: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    ':not(:first-child)': {
      borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    },
  },
  removed: { opacity: 0.55 },
  line: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  removedNote: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
  driftNote: { color: tokens.colorPaletteMarigoldForeground2 },
  reason: { color: tokens.colorPaletteRedForeground1 },
  attach: { marginLeft: 'auto' },
});

function ClusterRow({ entry, now }: { entry: ClusterEntry; now: number }) {
  const styles = useStyles();
  const { cluster, extension } = entry;
  const removed = cluster.removedAt !== null;
  const actions = useInventoryActions();
  // Attach needs Azure: offline its button waits, saying why.
  const attachGate = useAzureGate();
  const openCluster = useOpenCluster();
  const usability = clusterUsability(cluster, []);
  const drift = driftText(cluster.drift, now);
  return (
    <li
      className={mergeClasses(styles.row, removed && styles.removed)}
      data-testid="cluster-row"
      data-cluster-id={cluster.id}
      data-extension-state={extension.state}
      data-removed={removed}
    >
      <div className={styles.line}>
        <Badge appearance="outline" color="informative" data-testid="cluster-kind">
          {entry.kindLabel}
        </Badge>
        <Link
          as="button"
          className={styles.name}
          onClick={() => openCluster(cluster.id)}
          aria-label={`Open the page of the cluster ${cluster.name}`}
          data-testid="cluster-open"
        >
          {cluster.name}
        </Link>
        <Caption1 className={styles.secondary}>{cluster.location}</Caption1>
        <Tooltip content={extension.explanation} relationship="description">
          <Badge
            appearance="tint"
            color={extension.color}
            tabIndex={0}
            data-testid="cluster-extension"
          >
            {extension.label}
          </Badge>
        </Tooltip>
        {entry.connectivity && (
          <Badge
            appearance="tint"
            color={entry.connectivityWarning ? 'warning' : 'informative'}
            data-testid="cluster-connectivity"
          >
            {entry.connectivity}
          </Badge>
        )}
        {actions && !removed && (
          <Button
            className={styles.attach}
            size="small"
            icon={<PlugConnected20Regular />}
            aria-label={`Attach ${cluster.name} to a workspace`}
            onClick={() => actions.openAttach({ clusterId: cluster.id })}
            {...attachGate.props}
            data-testid="cluster-attach"
          >
            Attach
          </Button>
        )}
      </div>
      <Caption1 className={styles.secondary} data-testid="cluster-attachments">
        {attachmentText(entry.attachments)}
        {' · '}
        {cluster.resourceGroup}
      </Caption1>
      {!removed && !usability.usable && (
        <Caption1 className={styles.reason}>{usability.reason}</Caption1>
      )}
      {removed && cluster.removedAt && (
        <Caption1 className={styles.removedNote}>{removedText(cluster.removedAt, now)}</Caption1>
      )}
      {drift && cluster.drift && (
        <Caption1
          className={styles.driftNote}
          title={new Date(cluster.drift.at).toLocaleString()}
          data-testid="cluster-drift"
          data-drift-fields={cluster.drift.changes.map((change) => change.field).join(' ')}
        >
          {drift}
        </Caption1>
      )}
    </li>
  );
}

/** The AKS and Arc clusters of the selected subscriptions, and where each is attached. */
export function ClustersSection({ snapshot, now }: { snapshot: InventorySnapshot; now: number }) {
  const styles = useStyles();
  const groups = useMemo(() => groupClusters(snapshot), [snapshot]);
  if (groups.length === 0) {
    return (
      <Body1 className={styles.secondary} data-testid="clusters-empty">
        No AKS or Arc-enabled cluster is recorded in the selected subscriptions. Refresh from Azure
        to look again.
      </Body1>
    );
  }
  return (
    <section className={styles.section} aria-label="Clusters" data-testid="inventory-clusters">
      <Caption1 className={styles.secondary} role="status">
        {clusterCountText(groups)}
      </Caption1>
      {groups.map((group) => (
        <div key={group.subscriptionId} className={styles.group}>
          <Subtitle2 as="h2">{group.subscriptionName}</Subtitle2>
          <ul className={styles.list} aria-label={`Clusters of ${group.subscriptionName}`}>
            {group.clusters.map((entry) => (
              <ClusterRow key={entry.cluster.id} entry={entry} now={now} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
