import type { Database } from 'better-sqlite3';
import type {
  RowPosition,
  RowPositionQuery,
  RowsPage,
  RowsQuery,
} from '../../shared/domain/inventory-rows';
import type { InventoryScope } from './inventory-scope';
import { createRowLoader } from './row-index';
import { createRowQuery } from './row-query';
import type { RowQuery } from './row-query';
import { scopeJson } from './store-scope';

/**
 * The inventory table's reads, served from an in-memory index of the computes in scope: loaded
 * from SQLite on the first read, kept until the record or the scope changes. Sorting, filtering
 * and counting 50,000 rows in memory takes milliseconds; sending them all would not.
 */
export interface InventoryRows {
  page(query: RowsQuery): RowsPage;
  position(query: RowPositionQuery): RowPosition;
  /** The record changed (a refresh, an operation): the next read loads it again. */
  invalidate(): void;
  /** Loads the index now (and what the search needs), so the first read finds it ready. */
  warm(): void;
}

export interface InventoryRowsOptions {
  readonly database: Database;
  readonly scope: Pick<InventoryScope, 'selectedSubscriptions'>;
  readonly now?: () => number;
  readonly stuckAfterMinutes?: number;
}

export function createInventoryRows(options: InventoryRowsOptions): InventoryRows {
  const load = createRowLoader(options.database);
  const now = options.now ?? Date.now;
  let loaded: { readonly scopeKey: string; readonly query: RowQuery } | null = null;

  const current = (): RowQuery => {
    const scope = options.scope.selectedSubscriptions();
    const scopeKey = scopeJson(scope);
    if (loaded?.scopeKey !== scopeKey) {
      const query = createRowQuery(load(scope), {
        now,
        ...(options.stuckAfterMinutes === undefined
          ? {}
          : { stuckAfterMinutes: options.stuckAfterMinutes }),
      });
      loaded = { scopeKey, query };
      // After this answer has gone out: the first keystroke then finds the search ready.
      setTimeout(() => query.prepareSearch(), 0).unref?.();
    }
    return loaded.query;
  };

  return {
    page: (query) => current().page(query),
    position: (query) => current().position(query),
    invalidate() {
      loaded = null;
    },
    warm() {
      current().prepareSearch();
    },
  };
}
