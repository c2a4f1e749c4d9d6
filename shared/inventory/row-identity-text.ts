import type { InventoryRow } from '../domain/inventory-rows';

/**
 * "User-assigned: id-x", "System-assigned", "No identity" or what Azure answered: a row's
 * identity as the Computes table shows it and as its export writes it.
 */
export function rowIdentityText(row: Pick<InventoryRow, 'identityType' | 'identityName'>): string {
  const type = row.identityType.toLowerCase().replace(/[\s_-]/g, '');
  const hasUser = type.includes('userassigned');
  const hasSystem = type.includes('systemassigned');
  const name = row.identityName ? `: ${row.identityName}` : '';
  if (hasUser && hasSystem) return `System- and user-assigned${name}`;
  if (hasUser) return `User-assigned${name}`;
  if (hasSystem) return 'System-assigned';
  if (type === '' || type === 'none') return 'No identity';
  return row.identityType;
}
