import type { InventoryEmptyReason } from '../inventory/inventory-empty';

/** What to do when no workspace is listed, by the first reason that applies. */
export function noWorkspaceText(reason: InventoryEmptyReason | null, filtered: boolean): string {
  if (filtered) return 'No workspace matches the filter. Clear or change it to see the others.';
  switch (reason) {
    case 'no-accounts':
      return 'No workspace to attach to yet: sign in to an account under Accounts, then choose its subscriptions.';
    case 'no-selection':
      return 'No subscription is selected: choose subscriptions in the header to list their workspaces.';
    case 'never-fetched':
      return 'The selected subscriptions have not been listed from Azure yet: refresh the inventory to list their workspaces.';
    default:
      return 'No workspace in the selected subscriptions: choose other subscriptions in the header, or refresh the inventory once a workspace exists.';
  }
}
