import { Badge } from '@fluentui/react-components';
import type { TenantStatus } from '../../../shared/domain/accounts';

const PRESENTATION: Record<
  TenantStatus,
  { label: string; color: 'success' | 'warning' | 'danger' }
> = {
  ready: { label: 'Ready', color: 'success' },
  'needs-sign-in': { label: 'Needs sign-in', color: 'warning' },
  error: { label: 'Error', color: 'danger' },
};

/** A tenant's status in one word, coloured like every other status in the app. */
export function TenantStatusBadge({ status }: { status: TenantStatus }) {
  const { label, color } = PRESENTATION[status];
  return (
    <Badge appearance="tint" color={color} data-testid="tenant-status" data-status={status}>
      {label}
    </Badge>
  );
}
