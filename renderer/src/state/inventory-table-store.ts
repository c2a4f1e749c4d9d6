import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type {
  Facet,
  FacetCount,
  InventoryRow,
  RowFilter,
  RowSort,
  RowSortColumn,
  TableDensity,
} from '../../../shared/domain/inventory-rows';
import type { MooringClient } from '../../../shared/ipc/client';
import type { IpcError } from '../../../shared/ipc/result';
import { settle } from './loadable';

/** Rows are asked for in blocks of this many: a screen or two, whatever the density. */
export const BLOCK_ROWS = 100;

export const DEFAULT_SORT: RowSort = { column: 'name', direction: 'asc' };

export interface TableQuery {
  readonly filter: RowFilter;
  readonly search: string;
  readonly sort: RowSort;
}

export interface InventoryTableState {
  readonly query: TableQuery;
  /** Nothing answered yet, answered, or the last read failed. */
  readonly status: 'loading' | 'ready' | 'failed';
  readonly error: IpcError | null;
  /** Rows matching the query, and rows of the record in scope. */
  readonly total: number;
  readonly all: number;
  readonly counts: Partial<Record<Facet, readonly FacetCount[]>>;
  readonly stuckAfterMinutes: number;
  /** The loaded blocks of the current query, by block number. */
  readonly blocks: ReadonlyMap<number, readonly InventoryRow[]>;
  readonly density: TableDensity;
  /** A row the table should scroll to and focus: its index under the current query. */
  readonly scrollTarget: {
    readonly index: number;
    readonly id: string;
    readonly request: number;
  } | null;
}

export interface InventoryTableActions {
  setSearch(search: string): void;
  setFilter<F extends keyof RowFilter>(facet: F, value: RowFilter[F]): void;
  clearFilters(): void;
  /** A click on a column header: that column ascending, or the other way when it is already. */
  sortBy(column: RowSortColumn): void;
  /** The rows drawn: loads the blocks they fall in that are not there yet. */
  showRange(first: number, last: number): void;
  /** The record changed: the rows on screen are read again (settles once they are there). */
  recordChanged(): Promise<void>;
  loadDensity(): Promise<void>;
  setDensity(density: TableDensity): Promise<void>;
  /**
   * Brings a compute into view: asks main where it stands under the current query (clearing
   * the filter and search if they hide it). False when the record does not hold it.
   */
  reveal(computeId: string): Promise<boolean>;
  scrollDone(): void;
}

export type InventoryTableStore = StoreApi<InventoryTableState & InventoryTableActions>;

const NO_FILTER: RowFilter = {};

/** The inventory table's view of the record: one query, a few blocks of its rows, counts. */
export function createInventoryTableStore(client: MooringClient): InventoryTableStore {
  // Each query gets a generation; an answer for an older one is dropped.
  let generation = 0;
  const asked = new Set<number>();
  let scrolls = 0;

  return createStore<InventoryTableState & InventoryTableActions>()((set, get) => {
    /** Reads one block of the current query; `replace` drops every other block at its answer. */
    const fetchBlock = async (block: number, forGeneration: number, replace = false) => {
      const { query } = get();
      asked.add(block);
      const result = await settle(() =>
        client.call['inventory.rows']({
          ...query,
          offset: block * BLOCK_ROWS,
          limit: BLOCK_ROWS,
        }),
      );
      if (forGeneration !== generation) return;
      if (!result.ok) {
        asked.delete(block);
        set({ status: 'failed', error: result.error });
        return;
      }
      const page = result.value;
      const blocks = new Map(replace ? [] : get().blocks);
      blocks.set(block, page.rows);
      set({
        status: 'ready',
        error: null,
        total: page.total,
        all: page.all,
        counts: page.counts,
        stuckAfterMinutes: page.stuckAfterMinutes,
        blocks,
      });
    };

    /** A new query (or a changed record): the old blocks stay on screen until the answer. */
    const requery = (query: TableQuery, keepBlock = 0): Promise<void> => {
      generation += 1;
      asked.clear();
      set({ query });
      // The answer replaces every block at once, so old and new rows never mix.
      return fetchBlock(keepBlock, generation, true);
    };

    return {
      query: { filter: NO_FILTER, search: '', sort: DEFAULT_SORT },
      status: 'loading',
      error: null,
      total: 0,
      all: 0,
      counts: {},
      stuckAfterMinutes: 30,
      blocks: new Map(),
      density: 'comfortable',
      scrollTarget: null,

      setSearch(search) {
        if (search === get().query.search) return;
        void requery({ ...get().query, search });
      },
      setFilter(facet, value) {
        const filter: RowFilter = { ...get().query.filter, [facet]: value };
        if (value === undefined || (Array.isArray(value) && value.length === 0)) {
          delete (filter as Record<string, unknown>)[facet];
        }
        void requery({ ...get().query, filter });
      },
      clearFilters() {
        void requery({ ...get().query, filter: NO_FILTER, search: '' });
      },
      sortBy(column) {
        const { sort } = get().query;
        const direction = sort.column === column && sort.direction === 'asc' ? 'desc' : 'asc';
        void requery({ ...get().query, sort: { column, direction } });
      },
      showRange(first, last) {
        const { total } = get();
        if (total === 0) return;
        const from = Math.floor(Math.max(0, first) / BLOCK_ROWS);
        const to = Math.floor(Math.min(total - 1, Math.max(first, last)) / BLOCK_ROWS);
        for (let block = from; block <= to; block += 1) {
          if (!asked.has(block)) void fetchBlock(block, generation);
        }
      },
      recordChanged() {
        // The block in view is read again first; the others follow as they are drawn.
        const blocks = [...get().blocks.keys()];
        return requery(get().query, blocks.length > 0 ? Math.min(...blocks) : 0);
      },
      async loadDensity() {
        const result = await settle(() => client.call['inventory.getTableView']({}));
        if (result.ok) set({ density: result.value.density });
      },
      async setDensity(density) {
        set({ density });
        const result = await settle(() => client.call['inventory.setDensity']({ density }));
        if (result.ok) set({ density: result.value.density });
      },
      async reveal(computeId) {
        const ask = () =>
          settle(() => client.call['inventory.position']({ ...get().query, computeId }));
        let result = await ask();
        if (!result.ok || !result.value.known) return false;
        if (result.value.index === null) {
          // The filter or the search hides it: show everything, then find it there.
          void requery({ ...get().query, filter: NO_FILTER, search: '' });
          result = await ask();
          if (!result.ok || result.value.index === null) return false;
        }
        set({ scrollTarget: { index: result.value.index, id: computeId, request: ++scrolls } });
        return true;
      },
      scrollDone: () => set({ scrollTarget: null }),
    };
  });
}

/** Whether a filter or a search narrows the table (the count line and Clear filters say so). */
export const isNarrowed = (state: Pick<InventoryTableState, 'query'>): boolean =>
  Object.keys(state.query.filter).length > 0 || state.query.search !== '';

/** The row at an index, when its block is loaded. */
export const rowAt = (
  blocks: ReadonlyMap<number, readonly InventoryRow[]>,
  index: number,
): InventoryRow | undefined => blocks.get(Math.floor(index / BLOCK_ROWS))?.[index % BLOCK_ROWS];
