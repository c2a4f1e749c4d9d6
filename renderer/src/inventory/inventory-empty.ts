import type { AccountView } from '../../../shared/domain/accounts';
import type { InventorySnapshot } from '../../../shared/domain/inventory';
import type { SubscriptionsSnapshot } from '../../../shared/domain/subscriptions';
import { inScope } from '../scope/scope-model';
import type { Loadable } from '../state/loadable';

/** Why the inventory has nothing to list, each with its own way forward. */
export type InventoryEmptyReason =
  'no-accounts' | 'no-selection' | 'never-fetched' | 'no-workspaces';

/**
 * The first reason that applies, or null when there are workspaces to list (or it cannot be
 * told yet). Missing accounts and an empty selection come first: they explain an empty record
 * better than the record does, and they are what the user must fix before a refresh can help.
 */
export function inventoryEmptyReason(
  accounts: Loadable<readonly AccountView[]>,
  subscriptions: Loadable<SubscriptionsSnapshot>,
  inventory: InventorySnapshot | null,
): InventoryEmptyReason | null {
  if (inventory && inventory.workspaces.length > 0) return null;
  if (accounts.status === 'ready' && accounts.value.length === 0) return 'no-accounts';
  if (subscriptions.status === 'ready' && !subscriptions.value.subscriptions.some(inScope)) {
    return 'no-selection';
  }
  if (!inventory) return null;
  // "No workspace" is Azure's answer, so it is said only when every selected subscription has
  // been listed; one never listed may hold workspaces the record does not know of.
  if (inventory.refreshedAt === null || inventory.unlisted.length > 0) return 'never-fetched';
  return 'no-workspaces';
}
