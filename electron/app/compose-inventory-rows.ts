import type { Database } from 'better-sqlite3';
import type { SubscriptionView } from '../../shared/domain/subscriptions';
import { createInventoryRows } from '../inventory/inventory-rows';
import type { InventoryRows } from '../inventory/inventory-rows';
import type { InventoryScope } from '../inventory/inventory-scope';
import type { EventHub, HandlerMap } from '../ipc/handlers';
import type { SettingsRepository } from '../settings/settings-repository';

/**
 * The inventory table's windowed reads. The index is dropped whenever the record may have
 * changed — a refresh or sync (`inventory.changed`) or an operation that wrote a compute
 * (`operations.changed`) — and loaded again on the next read.
 */
export function composeInventoryRows(parts: {
  readonly database: Database;
  readonly events: Pick<EventHub, 'subscribe'>;
  readonly scope: Pick<InventoryScope, 'selectedSubscriptions'>;
  readonly settings: Pick<SettingsRepository, 'get' | 'set'>;
}): {
  readonly handlers: Pick<
    HandlerMap,
    'inventory.rows' | 'inventory.position' | 'inventory.getTableView' | 'inventory.setDensity'
  >;
  /** Every read of the table, for the export of what it shows. */
  readonly page: InventoryRows['page'];
  close(): void;
} {
  const rows = createInventoryRows({ database: parts.database, scope: parts.scope });
  const unsubscribe = parts.events.subscribe((name) => {
    if (name === 'inventory.changed' || name === 'operations.changed') rows.invalidate();
  });
  // Built while the window is still loading its page: the table's first request finds it ready.
  // Best effort: a record closed meanwhile (shutting down) or unreadable now is left to the first
  // request, which rebuilds the index and reports its error to the caller.
  const warming = setTimeout(() => {
    if (!parts.database.open) return;
    try {
      rows.warm();
    } catch {
      rows.invalidate();
    }
  }, 0);
  return {
    page: (query) => rows.page(query),
    handlers: {
      'inventory.rows': (query) => rows.page(query),
      'inventory.position': (query) => rows.position(query),
      'inventory.getTableView': () => ({ density: parts.settings.get('inventory.density') }),
      'inventory.setDensity': ({ density }) => {
        parts.settings.set('inventory.density', density);
        return { density: parts.settings.get('inventory.density') };
      },
    },
    close() {
      clearTimeout(warming);
      unsubscribe();
    },
  };
}

/** The subscriptions the inventory covers: selected in the scope picker and not hidden. */
export const selectedScope = (
  subscriptions: () => readonly SubscriptionView[],
): Pick<InventoryScope, 'selectedSubscriptions'> => ({
  selectedSubscriptions: () =>
    subscriptions()
      .filter((subscription) => subscription.selected && !subscription.hidden)
      .map((subscription) => ({
        subscriptionId: subscription.subscriptionId,
        subscriptionName: subscription.displayName,
        tenantId: subscription.tenantId,
        accountId: subscription.accountId,
      })),
});
