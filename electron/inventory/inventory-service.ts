import type { InventorySnapshot } from '../../shared/domain/inventory';

/**
 * The local record of Azure ML workspaces and their computes for the subscriptions the user
 * selected: served from SQLite first (instant, offline), reconciled with Azure on refresh.
 */
export interface InventoryService {
  /** The local record for the selected, visible subscriptions. */
  snapshot(): InventorySnapshot;
  /**
   * Lists workspaces per selected subscription and computes per workspace from Azure (bounded
   * concurrency; a failing subscription or workspace is reported and keeps its last known
   * state), records what changed — new, changed state, removed outside Mooring — and emits
   * `inventory.changed`.
   */
  refresh(): Promise<InventorySnapshot>;
  /**
   * Stops the running refresh (false when none runs): nothing more starts, listings cut short
   * are not written, the refresh answers the record as it then is.
   */
  cancelRefresh(): boolean;
}
