import { Badge, Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import {
  ChevronDown20Regular,
  ChevronRight20Regular,
  PlugConnected20Regular,
} from '@fluentui/react-icons';
import { useId, useMemo, useState } from 'react';
import type { ClusterView } from '../../../shared/domain/clusters';
import {
  clusterKindLabel,
  clusterUsability,
  extensionStatusText,
  extensionTone,
} from '../attach/cluster-usability';
import { useInventoryActions } from './inventory-actions';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalXS,
  },
  list: { margin: 0, padding: 0, listStyleType: 'none', maxHeight: '320px', overflowY: 'auto' },
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalS} 44px`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0, flexGrow: 1 },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  meta: { color: tokens.colorNeutralForeground3 },
  reason: { color: tokens.colorPaletteRedForeground1 },
});

/** The AKS and Arc clusters of the selected subscriptions, each with its Azure ML extension and an Attach action. */
export function ClustersPanel({ clusters }: { clusters: readonly ClusterView[] }) {
  const styles = useStyles();
  const actions = useInventoryActions();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const shown = useMemo(
    () =>
      clusters
        .filter((cluster) => cluster.removedAt === null)
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    [clusters],
  );
  const ready = shown.filter((cluster) => clusterUsability(cluster, []).usable).length;

  return (
    <section className={styles.root} aria-label="Clusters" data-testid="inventory-clusters">
      <div className={styles.header}>
        <Button
          appearance="subtle"
          size="small"
          icon={open ? <ChevronDown20Regular /> : <ChevronRight20Regular />}
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen(!open)}
          data-testid="inventory-clusters-toggle"
        >
          Clusters
        </Button>
        <Caption1 className={styles.meta}>
          {shown.length} AKS and Arc-enabled clusters · {ready} ready for Azure ML
        </Caption1>
      </div>
      {open && (
        <ul id={listId} className={styles.list}>
          {shown.map((cluster) => {
            const usability = clusterUsability(cluster, []);
            return (
              <li
                key={cluster.id}
                className={styles.row}
                data-testid="cluster-row"
                data-cluster-id={cluster.id}
              >
                <div className={styles.text}>
                  <span className={styles.line}>
                    <Text weight="semibold">{cluster.name}</Text>
                    <Badge appearance="outline" size="small" color="informative">
                      {clusterKindLabel(cluster)}
                    </Badge>
                    <Badge
                      appearance="tint"
                      size="small"
                      color={extensionTone(cluster)}
                      data-testid="cluster-extension"
                    >
                      {extensionStatusText(cluster)}
                    </Badge>
                    {cluster.connectivityStatus && (
                      <Badge appearance="tint" size="small" color="informative">
                        {cluster.connectivityStatus}
                      </Badge>
                    )}
                  </span>
                  <Caption1 className={styles.meta}>
                    {cluster.subscriptionName} · {cluster.resourceGroup} · {cluster.location}
                  </Caption1>
                  {!usability.usable && (
                    <Caption1 className={styles.reason}>{usability.reason}</Caption1>
                  )}
                </div>
                {actions && (
                  <Button
                    size="small"
                    icon={<PlugConnected20Regular />}
                    aria-label={`Attach ${cluster.name} to a workspace`}
                    onClick={() => actions.openAttach({ clusterId: cluster.id })}
                    data-testid="cluster-attach"
                  >
                    Attach
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
