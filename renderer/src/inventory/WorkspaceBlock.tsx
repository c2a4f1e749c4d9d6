import {
  Badge,
  Button,
  Caption1,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import {
  ChevronDown20Regular,
  ChevronRight20Regular,
  PlugConnected20Regular,
} from '@fluentui/react-icons';
import { memo } from 'react';
import { useAzureGate } from '../connectivity/use-azure-gate';
import { useInventoryActions } from './inventory-actions';
import { ComputeRow } from './ComputeRow';
import { NO_COMPUTES_HEIGHT, WORKSPACE_GAP, WORKSPACE_HEADER_HEIGHT } from './inventory-layout';
import { workspaceTitle } from './inventory-model';
import type { WorkspaceEntry } from './inventory-model';
import { ROW_ATTRIBUTE } from './row-keys';
import { removedText, syncedText } from './record-age';

const useStyles = makeStyles({
  block: {
    position: 'absolute',
    left: 0,
    right: 0,
    boxSizing: 'border-box',
    paddingBottom: `${WORKSPACE_GAP}px`,
  },
  card: {
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    overflow: 'hidden',
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    height: `${WORKSPACE_HEADER_HEIGHT}px`,
    boxSizing: 'border-box',
    padding: `0 ${tokens.spacingHorizontalL} 0 ${tokens.spacingHorizontalS}`,
    outline: 'none',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  removed: { opacity: 0.55 },
  highlighted: {
    backgroundColor: tokens.colorBrandBackground2,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
  },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0, flexGrow: 1 },
  titleLine: {
    display: 'flex',
    alignItems: 'baseline',
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
    whiteSpace: 'nowrap',
  },
  title: { overflow: 'hidden', textOverflow: 'ellipsis' },
  meta: {
    color: tokens.colorNeutralForeground3,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  counts: { display: 'flex', gap: tokens.spacingHorizontalXS, flexShrink: 0 },
  removedNote: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
  noComputes: {
    display: 'flex',
    alignItems: 'center',
    height: `${NO_COMPUTES_HEIGHT}px`,
    paddingLeft: '44px',
    color: tokens.colorNeutralForeground3,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  computes: { margin: 0, padding: 0 },
});

interface WorkspaceBlockProps {
  readonly entry: WorkspaceEntry;
  readonly top: number;
  readonly height: number;
  readonly collapsed: boolean;
  /** Whether a filter narrows the computes, so the counts say "of". */
  readonly filtering: boolean;
  /** The id of the workspace or compute the palette jumped to, if it is here. */
  readonly highlightedId: string | null;
  /** The id of the row Tab lands on in the list (workspace or compute), if it is here. */
  readonly tabStop: string | null;
  readonly now: number;
  readonly onToggle: (workspaceId: string) => void;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** A workspace's heading (where it lives, how many computes, how old) and its computes. */
export const WorkspaceBlock = memo(function WorkspaceBlock({
  entry,
  top,
  height,
  collapsed,
  filtering,
  highlightedId,
  tabStop,
  now,
  onToggle,
}: WorkspaceBlockProps) {
  const styles = useStyles();
  const actions = useInventoryActions();
  // Attach needs Azure: offline its button waits, saying why.
  const attachGate = useAzureGate();
  const { workspace, computes } = entry;
  const title = workspaceTitle(workspace);
  const removed = workspace.removedAt !== null;
  const highlighted = highlightedId === workspace.id;
  const computeCount =
    filtering && computes.length !== entry.totalComputes
      ? `${computes.length} of ${plural(entry.totalComputes, 'compute', 'computes')}`
      : plural(entry.totalComputes, 'compute', 'computes');

  return (
    <div
      role="listitem"
      className={styles.block}
      style={{ top, height }}
      data-testid="workspace-group"
      data-workspace-id={workspace.id}
      data-collapsed={collapsed}
      data-removed={removed}
      data-highlighted={highlighted}
    >
      <div className={styles.card}>
        <div
          tabIndex={tabStop === workspace.id ? 0 : -1}
          {...{ [ROW_ATTRIBUTE]: workspace.id }}
          className={mergeClasses(
            styles.header,
            removed && styles.removed,
            highlighted && styles.highlighted,
          )}
          data-testid="workspace-header"
        >
          <Button
            appearance="subtle"
            size="small"
            icon={collapsed ? <ChevronRight20Regular /> : <ChevronDown20Regular />}
            aria-expanded={!collapsed}
            aria-label={`${collapsed ? 'Show' : 'Hide'} the computes of ${title}`}
            onClick={() => onToggle(workspace.id)}
            data-testid="workspace-toggle"
          />
          <div className={styles.text}>
            <div className={styles.titleLine}>
              <Text weight="semibold" className={styles.title} data-testid="workspace-name">
                {title}
              </Text>
              {title !== workspace.name && (
                <Caption1 className={styles.meta}>{workspace.name}</Caption1>
              )}
              {workspace.removedAt && (
                <Caption1
                  className={styles.removedNote}
                  title={new Date(workspace.removedAt).toLocaleString()}
                  data-testid="workspace-removed"
                >
                  {removedText(workspace.removedAt, now)}
                </Caption1>
              )}
            </div>
            <Caption1 className={styles.meta} title={workspace.id}>
              <span data-testid="workspace-resource-group">{workspace.resourceGroup}</span>
              {' · '}
              <span data-testid="workspace-location">{workspace.location}</span>
              {' · '}
              <span title={new Date(workspace.lastSyncedAt).toLocaleString()}>
                {syncedText(workspace.lastSyncedAt, now)}
              </span>
            </Caption1>
          </div>
          {!removed && actions && (
            <Button
              appearance="subtle"
              size="small"
              icon={<PlugConnected20Regular />}
              aria-label={`Attach a cluster to ${title}`}
              onClick={() => actions.openAttach({ workspaceId: workspace.id })}
              {...attachGate.props}
              data-testid="workspace-attach"
            >
              Attach
            </Button>
          )}
          <span className={styles.counts}>
            {entry.failedComputes > 0 && (
              <Badge appearance="tint" color="danger" size="small">
                {entry.failedComputes} failed
              </Badge>
            )}
            <Badge
              appearance="outline"
              color="informative"
              size="small"
              data-testid="workspace-count"
            >
              {computeCount}
            </Badge>
          </span>
        </div>
        {!collapsed &&
          (computes.length === 0 ? (
            <Caption1 className={styles.noComputes} data-testid="workspace-no-computes">
              {entry.totalComputes === 0
                ? 'No computes in this workspace.'
                : 'No compute here matches the filter.'}
            </Caption1>
          ) : (
            <div role="list" aria-label={`Computes of ${title}`} className={styles.computes}>
              {computes.map((compute) => (
                <ComputeRow
                  key={compute.id}
                  compute={compute}
                  highlighted={highlightedId === compute.id}
                  tabStop={tabStop === compute.id}
                  now={now}
                />
              ))}
            </div>
          ))}
      </div>
    </div>
  );
});
