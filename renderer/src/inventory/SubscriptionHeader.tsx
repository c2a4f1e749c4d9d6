import { Badge, Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ChevronDown20Regular, ChevronRight20Regular } from '@fluentui/react-icons';
import { memo } from 'react';
import { timeAgo } from '../scope/relative-time';
import type { SubscriptionGroup } from './inventory-model';

const useStyles = makeStyles({
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    boxSizing: 'border-box',
    padding: `0 ${tokens.spacingHorizontalS}`,
  },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  id: {
    color: tokens.colorNeutralForeground3,
    fontFamily: tokens.fontFamilyMonospace,
    whiteSpace: 'nowrap',
  },
  count: { marginLeft: 'auto', color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  age: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
});

interface SubscriptionHeaderProps {
  readonly group: SubscriptionGroup;
  readonly top: number;
  readonly height: number;
  readonly collapsed: boolean;
  /** Its tenant or account needs sign-in: what is shown is the last known record. */
  readonly needsSignIn: boolean;
  /** The tenant the subscription belongs to, by name (when the subscription list knows it). */
  readonly tenantName?: string | undefined;
  /** The list's clock, for the age: one timer for the whole list, not one per heading. */
  readonly now: number;
  readonly onToggle: (subscriptionId: string) => void;
}

/** A subscription's heading in the inventory: its name and id, how many workspaces, and the age of its data. */
export const SubscriptionHeader = memo(function SubscriptionHeader({
  group,
  top,
  height,
  collapsed,
  needsSignIn,
  tenantName,
  now,
  onToggle,
}: SubscriptionHeaderProps) {
  const styles = useStyles();
  const count = group.workspaces.length;
  return (
    <div
      role="listitem"
      className={styles.row}
      style={{ top, height }}
      data-testid="subscription-group"
      data-subscription-id={group.subscriptionId}
      data-collapsed={collapsed}
      data-needs-sign-in={needsSignIn}
    >
      <Button
        appearance="subtle"
        size="small"
        icon={collapsed ? <ChevronRight20Regular /> : <ChevronDown20Regular />}
        aria-expanded={!collapsed}
        aria-label={`${collapsed ? 'Show' : 'Hide'} the workspaces of ${group.subscriptionName}`}
        onClick={() => onToggle(group.subscriptionId)}
        data-testid="subscription-group-toggle"
      />
      <Text
        weight="semibold"
        size={400}
        className={styles.name}
        data-testid="subscription-group-name"
      >
        {group.subscriptionName}
      </Text>
      {tenantName && (
        <Caption1 className={styles.id} data-testid="subscription-group-tenant">
          tenant {tenantName}
        </Caption1>
      )}
      <Caption1 className={styles.id}>{group.subscriptionId}</Caption1>
      {needsSignIn && (
        <Badge
          appearance="tint"
          color="warning"
          size="small"
          data-testid="subscription-group-needs-sign-in"
        >
          Needs sign-in · last known
        </Badge>
      )}
      <Caption1 className={styles.count}>
        {count} {count === 1 ? 'workspace' : 'workspaces'}
      </Caption1>
      {group.listedAt && (
        <Caption1
          className={styles.age}
          title={new Date(group.listedAt).toLocaleString()}
          data-testid="subscription-group-age"
        >
          listed {timeAgo(group.listedAt, now)}
        </Caption1>
      )}
    </div>
  );
});
