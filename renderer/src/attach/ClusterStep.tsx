import { Badge, Caption1, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { ClusterView } from '../../../shared/domain/clusters';
import type { WorkspaceView } from '../../../shared/domain/inventory';
import { clusterKindLabel, extensionStatusText, extensionTone } from './cluster-usability';
import { orderClusters } from './wizard-steps';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  options: {
    display: 'flex',
    flexDirection: 'column',
    maxHeight: '460px',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
  },
  label: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  meta: { color: tokens.colorNeutralForeground3 },
  reason: { color: tokens.colorPaletteRedForeground1 },
  note: { color: tokens.colorPaletteMarigoldForeground1 },
});

interface ClusterStepProps {
  readonly clusters: readonly ClusterView[];
  readonly workspaces: readonly WorkspaceView[];
  readonly chosen: string | null;
  readonly onChoose: (clusterId: string) => void;
}

/**
 * The AKS or Arc cluster to attach, each with its Azure ML extension status. Clusters that
 * cannot work are listed too, disabled, with the reason and what to do about it.
 */
export function ClusterStep({ clusters, workspaces, chosen, onChoose }: ClusterStepProps) {
  const styles = useStyles();
  const labelId = useId();
  const reasonPrefix = useId();
  const ordered = orderClusters(clusters, workspaces);
  const usable = ordered.filter((entry) => entry.usability.usable).length;

  return (
    <div className={styles.root} data-testid="attach-step-cluster">
      <Caption1 id={labelId} role="status">
        {clusters.length === 0
          ? 'No AKS or Arc-enabled cluster is known in your selected subscriptions. Refresh the inventory, or choose more subscriptions in the header.'
          : `${usable} of ${clusters.length} clusters can be attached to ${workspaces.length === 1 ? 'this workspace' : 'these workspaces'}.`}
      </Caption1>
      {ordered.length > 0 && (
        <RadioGroup
          className={styles.options}
          value={chosen ?? ''}
          onChange={(_event, data) => onChoose(data.value)}
          aria-labelledby={labelId}
        >
          {ordered.map(({ cluster, usability }, index) => {
            const reasonId = `${reasonPrefix}-${index}`;
            return (
              <Radio
                key={cluster.id}
                value={cluster.id}
                disabled={!usability.usable}
                aria-describedby={reasonId}
                data-testid="attach-cluster-option"
                data-cluster-id={cluster.id}
                data-usable={usability.usable}
                label={
                  <span className={styles.label}>
                    <span className={styles.line}>
                      <span>{cluster.name}</span>
                      <Badge appearance="outline" size="small" color="informative">
                        {clusterKindLabel(cluster)}
                      </Badge>
                      <Badge
                        appearance="tint"
                        size="small"
                        color={extensionTone(cluster)}
                        data-testid="attach-cluster-extension"
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
                    <Caption1
                      id={reasonId}
                      className={usability.usable ? styles.note : styles.reason}
                      data-testid={usability.usable ? undefined : 'attach-cluster-reason'}
                    >
                      {usability.usable ? (usability.note ?? '') : usability.reason}
                    </Caption1>
                  </span>
                }
              />
            );
          })}
        </RadioGroup>
      )}
    </div>
  );
}
