import { Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { memo } from 'react';
import type { TenantGroup } from './scope-model';

const useStyles = makeStyles({
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `0 ${tokens.spacingHorizontalS} 0 ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  name: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' },
  count: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
});

/**
 * "2 of 5 selected", plus "· 1 hidden" when the list shows hidden subscriptions of the tenant
 * (they are out of scope, so the counts leave them out).
 */
export function tenantCountText(group: TenantGroup): string {
  const hidden = group.subscriptions.filter((subscription) => subscription.hidden).length;
  const counts = `${group.selectedCount} of ${group.visibleCount} selected`;
  return hidden > 0 ? `${counts} · ${hidden} hidden` : counts;
}

interface TenantGroupHeaderProps {
  readonly group: TenantGroup;
  readonly top: number;
  readonly height: number;
  readonly searching: boolean;
  readonly onSelectAll: (group: TenantGroup, selected: boolean) => void;
}

/** A tenant's heading in the picker: its name, how many are in scope, and select all / none. */
export const TenantGroupHeader = memo(function TenantGroupHeader({
  group,
  top,
  height,
  searching,
  onSelectAll,
}: TenantGroupHeaderProps) {
  const styles = useStyles();
  // Each name starts with the words on the button (WCAG 2.5.3), then says which and where.
  const which = searching ? 'matching subscriptions' : 'subscriptions';
  return (
    <div
      role="listitem"
      className={styles.row}
      style={{ top, height }}
      data-testid="tenant-group"
      data-tenant-id={group.tenantId}
    >
      <Text weight="semibold" className={styles.name} data-testid="tenant-group-name">
        {group.tenantName}
      </Text>
      <Caption1 className={styles.count} data-testid="tenant-group-count">
        {tenantCountText(group)}
      </Caption1>
      <Button
        size="small"
        appearance="subtle"
        aria-label={`Select all ${which} of ${group.tenantName}`}
        onClick={() => onSelectAll(group, true)}
        data-testid="tenant-select-all"
      >
        Select all
      </Button>
      <Button
        size="small"
        appearance="subtle"
        aria-label={`Clear ${which} of ${group.tenantName}`}
        onClick={() => onSelectAll(group, false)}
        data-testid="tenant-select-none"
      >
        Clear
      </Button>
    </div>
  );
});
