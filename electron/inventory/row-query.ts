import type {
  Facet,
  FacetCount,
  InventoryRow,
  RowFilter,
  RowPosition,
  RowSortColumn,
  RowsPage,
  RowsQuery,
} from '../../shared/domain/inventory-rows';
import {
  FACETS,
  STUCK_AFTER_MINUTES,
  TRANSITIONAL_STATES,
} from '../../shared/domain/inventory-rows';
import { clusterKindOf, lastSegment, rowOf } from './row-index';
import type { RowEntry } from './row-index';

/** The filter values listed per filter (most rows first); chosen ones are always listed. */
const MAX_FACET_VALUES = 200;

/** Without a compute type chosen the table shows Kubernetes computes: other types by filter. */
export const DEFAULT_COMPUTE_TYPES: readonly string[] = ['Kubernetes'];

const STUCK = 0;
const NOT_STUCK = 1;

/**
 * The state a row is counted, filtered, sorted and found under: a compute removed outside Mooring
 * is "Removed", never its last state (a removed compute is not a Succeeded one).
 */
export const REMOVED_STATE_LABEL = 'Removed';
const shownState = (entry: RowEntry): string =>
  entry.removedAt === null ? entry.provisioningState : REMOVED_STATE_LABEL;

/** Each facet's value of an entry (the stuck facet is decided per query, by the clock). */
const facetValue: Record<Facet, (entry: RowEntry) => string> = {
  states: shownState,
  tenantIds: (entry) => entry.workspace.tenantId.toLowerCase(),
  subscriptionIds: (entry) => entry.workspace.subscriptionId.toLowerCase(),
  workspaceIds: (entry) => entry.workspace.key,
  clusterKinds: (entry) => clusterKindOf(entry.clusterId),
  identityTypes: (entry) => entry.identityType,
  computeTypes: (entry) => entry.computeType,
  drift: (entry) => (entry.drift === null ? 'unchanged' : 'changed'),
  stuck: () => 'not-stuck',
};

/** A value's label, read from one entry having it. */
const labelOf: Record<Facet, (value: string, entry: RowEntry | undefined) => string> = {
  states: (value) => value,
  tenantIds: (value, entry) => entry?.workspace.tenantName ?? value,
  subscriptionIds: (value, entry) => entry?.workspace.subscriptionName ?? value,
  workspaceIds: (value, entry) => entry?.workspace.name ?? value,
  clusterKinds: (value) => ({ aks: 'AKS', arc: 'Arc', none: 'No cluster' })[value] ?? value,
  identityTypes: (value) => value,
  computeTypes: (value) => value,
  drift: (value) => (value === 'changed' ? 'Changed outside Mooring' : 'Unchanged'),
  stuck: (value) => (value === 'stuck' ? 'Stuck' : 'Not stuck'),
};

/** Lower-cased sort keys, compared with `<` (far cheaper than a collator at 50,000 rows). */
const sortKey: Record<RowSortColumn, (entry: RowEntry) => string> = {
  name: (entry) => entry.name.toLowerCase(),
  workspace: (entry) => entry.workspace.name.toLowerCase(),
  subscription: (entry) => entry.workspace.subscriptionName.toLowerCase(),
  tenant: (entry) => entry.workspace.tenantName.toLowerCase(),
  cluster: (entry) => (entry.clusterId ? lastSegment(entry.clusterId).toLowerCase() : ''),
  namespace: (entry) => (entry.namespace ?? '').toLowerCase(),
  identity: (entry) =>
    `${entry.identityType}\n${entry.userAssignedIdentityId ? lastSegment(entry.userAssignedIdentityId) : ''}`.toLowerCase(),
  state: (entry) => shownState(entry).toLowerCase(),
  // ISO times sort as text; an unknown time sorts first ascending.
  stateSince: (entry) => entry.stateSince ?? '',
  lastSynced: (entry) => entry.lastSyncedAt,
};

/** Every field the table shows, lower-cased: what the search looks in. */
function searchTextOf(entry: RowEntry): string {
  const { workspace } = entry;
  const kind = clusterKindOf(entry.clusterId);
  return [
    entry.name,
    entry.computeType,
    workspace.name,
    workspace.subscriptionName,
    workspace.tenantName,
    workspace.region,
    entry.clusterId ? lastSegment(entry.clusterId) : '',
    kind === 'none' ? '' : kind,
    entry.namespace ?? '',
    entry.identityType,
    entry.userAssignedIdentityId ? lastSegment(entry.userAssignedIdentityId) : '',
    entry.principalId ?? '',
    shownState(entry),
    entry.drift ?? '',
    entry.description ?? '',
  ]
    .join('\n')
    .toLowerCase();
}

export interface RowQueryOptions {
  readonly now: () => number;
  readonly stuckAfterMinutes?: number;
}

/** Sorting, filtering, searching and counting over the rows of one load of the record. */
export interface RowQuery {
  page(query: RowsQuery): RowsPage;
  /** Builds what the first search needs, so the first keystroke does not wait for it. */
  prepareSearch(): void;
  position(query: Omit<RowsQuery, 'offset' | 'limit'> & { computeId: string }): RowPosition;
}

interface Dictionary {
  readonly codes: Int32Array;
  readonly values: string[];
  readonly byValue: Map<string, number>;
  /** One entry per value, for its label. */
  readonly examples: RowEntry[];
}

export function createRowQuery(entries: readonly RowEntry[], options: RowQueryOptions): RowQuery {
  const stuckAfterMinutes = options.stuckAfterMinutes ?? STUCK_AFTER_MINUTES;
  const count = entries.length;

  // Each facet's values as small integers per row: a filter then compares numbers, not strings.
  const dictionaries: Dictionary[] = FACETS.map((facet) => {
    const byValue = new Map<string, number>();
    const values: string[] = [];
    const examples: RowEntry[] = [];
    const codes = new Int32Array(count);
    if (facet === 'stuck') {
      values.push('stuck', 'not-stuck');
      byValue.set('stuck', STUCK).set('not-stuck', NOT_STUCK);
      return { codes, values, byValue, examples };
    }
    const read = facetValue[facet];
    for (let i = 0; i < count; i += 1) {
      const entry = entries[i] as RowEntry;
      const value = read(entry);
      let code = byValue.get(value);
      if (code === undefined) {
        code = values.length;
        values.push(value);
        examples.push(entry);
        byValue.set(value, code);
      }
      codes[i] = code;
    }
    return { codes, values, byValue, examples };
  });
  const stuckFacet = FACETS.indexOf('stuck');

  // Built on first use and kept for this load: a keystroke then only walks them.
  const sorted = new Map<RowSortColumn, Int32Array>();
  /** Each row's place in the name order: every other column's tie-break, one number per row. */
  let nameRank: Int32Array | null = null;
  let searchTexts: string[] | null = null;
  let keys: Map<string, number> | null = null;

  /** By name, then id: the order ties fall back to, and the one column keyed by two strings. */
  const nameOrder = (): Int32Array => {
    let order = sorted.get('name');
    if (order) return order;
    const names = entries.map(sortKey.name);
    const ids = entries.map((entry) => entry.id.toLowerCase());
    order = Int32Array.from(entries.keys());
    order.sort((a, b) => {
      const m = names[a] as string;
      const n = names[b] as string;
      if (m !== n) return m < n ? -1 : 1;
      return (ids[a] as string) < (ids[b] as string) ? -1 : 1;
    });
    sorted.set('name', order);
    return order;
  };

  const orderOf = (column: RowSortColumn): Int32Array => {
    if (column === 'name') return nameOrder();
    let order = sorted.get(column);
    if (order) return order;
    if (!nameRank) {
      const ranks = new Int32Array(count);
      nameOrder().forEach((index, place) => {
        ranks[index] = place;
      });
      nameRank = ranks;
    }
    const rank = nameRank;
    const primary = entries.map(sortKey[column]);
    order = Int32Array.from(entries.keys());
    order.sort((a, b) => {
      const p = primary[a] as string;
      const q = primary[b] as string;
      if (p !== q) return p < q ? -1 : 1;
      return (rank[a] as number) - (rank[b] as number);
    });
    sorted.set(column, order);
    return order;
  };

  const stuckCodes = (now: number): Int32Array => {
    const codes = dictionaries[stuckFacet]?.codes ?? new Int32Array(count);
    const limit = stuckAfterMinutes * 60_000;
    for (let i = 0; i < count; i += 1) {
      const entry = entries[i] as RowEntry;
      const since = entry.stateSince;
      codes[i] =
        since !== null &&
        entry.removedAt === null &&
        TRANSITIONAL_STATES.includes(entry.provisioningState) &&
        now - Date.parse(since) > limit
          ? STUCK
          : NOT_STUCK;
    }
    return codes;
  };

  /** Per facet, the values the filter chose (undefined: every value). */
  const chosenBy = (filter: RowFilter): Record<Facet, readonly string[] | undefined> => ({
    states: filter.states,
    tenantIds: filter.tenantIds?.map((id) => id.toLowerCase()),
    subscriptionIds: filter.subscriptionIds?.map((id) => id.toLowerCase()),
    workspaceIds: filter.workspaceIds?.map((id) => id.toLowerCase()),
    clusterKinds: filter.clusterKinds,
    identityTypes: filter.identityTypes,
    computeTypes: filter.computeTypes ?? DEFAULT_COMPUTE_TYPES,
    drift: filter.drift ? [filter.drift] : undefined,
    stuck: filter.stuck === undefined ? undefined : [filter.stuck ? 'stuck' : 'not-stuck'],
  });

  /** Per facet, a mask of the accepted codes (null: every value). */
  const acceptedBy = (filter: RowFilter): (Uint8Array | null)[] => {
    const chosen = chosenBy(filter);
    return FACETS.map((facet, index) => {
      const values = chosen[facet];
      if (!values || values.length === 0) return null;
      const dictionary = dictionaries[index] as Dictionary;
      const mask = new Uint8Array(dictionary.values.length);
      for (const value of values) {
        const code = dictionary.byValue.get(value);
        if (code !== undefined) mask[code] = 1;
      }
      return mask;
    });
  };

  const tally = (counts: Int32Array[], facet: number, index: number) => {
    const codes = (dictionaries[facet] as Dictionary).codes;
    const tallies = counts[facet] as Int32Array;
    const code = codes[index] as number;
    tallies[code] = (tallies[code] ?? 0) + 1;
  };

  /**
   * Walks the sort once and tells `onMatch` of every row the filter and search let through, in
   * order. With `counts`, each facet's values are counted as if that facet alone were not set:
   * what choosing the value would show.
   */
  const walk = (
    query: Omit<RowsQuery, 'offset' | 'limit'>,
    onMatch: (index: number, at: number) => void,
    counts: Int32Array[] | null,
  ): number => {
    stuckCodes(options.now());
    const accepted = acceptedBy(query.filter);
    const terms = query.search.toLowerCase().split(/\s+/).filter(Boolean);
    const texts = terms.length > 0 ? (searchTexts ??= entries.map(searchTextOf)) : null;
    const order = orderOf(query.sort.column);
    const descending = query.sort.direction === 'desc';
    const facets = dictionaries.length;
    let matched = 0;
    for (let step = 0; step < count; step += 1) {
      const index = order[descending ? count - 1 - step : step] as number;
      if (texts) {
        const text = texts[index] as string;
        if (!terms.every((term) => text.includes(term))) continue;
      }
      let failing = -1;
      let failures = 0;
      for (let facet = 0; facet < facets; facet += 1) {
        const mask = accepted[facet];
        if (mask && mask[(dictionaries[facet] as Dictionary).codes[index] as number] !== 1) {
          failures += 1;
          failing = facet;
          if (failures > 1) break;
        }
      }
      if (counts) {
        if (failures === 0) {
          for (let facet = 0; facet < facets; facet += 1) tally(counts, facet, index);
        } else if (failures === 1) {
          tally(counts, failing, index);
        }
      }
      if (failures === 0) {
        onMatch(index, matched);
        matched += 1;
      }
    }
    return matched;
  };

  const facetCounts = (counts: Int32Array[], filter: RowFilter): Record<Facet, FacetCount[]> => {
    const accepted = acceptedBy(filter);
    const chosen = chosenBy(filter);
    const result = {} as Record<Facet, FacetCount[]>;
    FACETS.forEach((facet, index) => {
      const dictionary = dictionaries[index] as Dictionary;
      const tally = counts[index] as Int32Array;
      const mask = accepted[index];
      const listed: FacetCount[] = [];
      dictionary.values.forEach((value, code) => {
        const counted = tally[code] as number;
        // Values no row would show are left out, unless chosen (so the user can clear them).
        if (counted === 0 && mask?.[code] !== 1) return;
        listed.push({
          value,
          label: labelOf[facet](value, dictionary.examples[code]),
          count: counted,
        });
      });
      // A chosen value the record does not hold at all is listed too, with nothing to show.
      for (const value of chosen[facet] ?? []) {
        if (!dictionary.byValue.has(value)) {
          listed.push({ value, label: labelOf[facet](value, undefined), count: 0 });
        }
      }
      listed.sort(
        (a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
      );
      const kept = listed.slice(0, MAX_FACET_VALUES);
      for (const value of listed.slice(MAX_FACET_VALUES)) {
        if (chosen[facet]?.includes(value.value)) kept.push(value);
      }
      result[facet] = kept;
    });
    return result;
  };

  return {
    page(query) {
      const rows: InventoryRow[] = [];
      const counts = dictionaries.map((dictionary) => new Int32Array(dictionary.values.length));
      const end = query.offset + query.limit;
      const stuck = dictionaries[stuckFacet]?.codes;
      const total = walk(
        query,
        (index, at) => {
          if (at >= query.offset && at < end) {
            rows.push({ ...rowOf(entries[index] as RowEntry), stuck: stuck?.[index] === STUCK });
          }
        },
        counts,
      );
      return {
        total,
        all: count,
        offset: query.offset,
        rows,
        counts: facetCounts(counts, query.filter),
        stuckAfterMinutes,
      };
    },
    prepareSearch() {
      searchTexts ??= entries.map(searchTextOf);
    },
    position(query) {
      keys ??= new Map(entries.map((entry, index) => [entry.id.toLowerCase(), index]));
      const wanted = keys.get(query.computeId.toLowerCase());
      let found: number | null = null;
      const total = walk(
        query,
        (index, at) => {
          if (index === wanted) found = at;
        },
        null,
      );
      return { index: found, total, known: wanted !== undefined };
    },
  };
}
