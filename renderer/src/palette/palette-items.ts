/** One thing the palette can jump to or do. */
export interface PaletteItem {
  /** Unique across every source. */
  readonly id: string;
  readonly title: string;
  /** A second line: where it lives, its id. */
  readonly detail?: string;
  /** Extra text the search matches besides the title and detail (ids, tenant names). */
  readonly keywords?: string;
  readonly run: () => void;
  /** Why it cannot run now (an action that needs Azure, while offline): listed, saying so. */
  readonly blocked?: string;
}

/** Runs an item the user chose, unless it waits: false when it did not run. */
export function runPaletteItem(item: PaletteItem | undefined): boolean {
  if (!item || item.blocked) return false;
  item.run();
  return true;
}

/**
 * A group of items the palette searches, in the order given: areas, actions, subscriptions,
 * workspaces and computes.
 */
export interface PaletteSource {
  readonly id: string;
  readonly heading: string;
  readonly items: readonly PaletteItem[];
  /** At most this many matches are listed, so one large source cannot bury the others. */
  readonly limit: number;
}

export interface PaletteMatch {
  readonly source: PaletteSource;
  readonly items: readonly PaletteItem[];
}

/** Higher is better: the title starting with the word beats a word in it beats anywhere. */
function scoreOf(item: PaletteItem, terms: readonly string[]): number {
  const title = item.title.toLowerCase();
  const everything = `${title}\n${item.detail ?? ''}\n${item.keywords ?? ''}`.toLowerCase();
  let score = 0;
  for (const term of terms) {
    if (title.startsWith(term)) score += 3;
    else if (title.includes(` ${term}`)) score += 2;
    else if (everything.includes(term)) score += 1;
    else return 0;
  }
  return score;
}

/** The items matching every word of `query`, best first within each source. */
export function searchPalette(sources: readonly PaletteSource[], query: string): PaletteMatch[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  return sources
    .map((source) => {
      if (terms.length === 0) return { source, items: source.items.slice(0, source.limit) };
      const scored = source.items
        .map((item, order) => ({ item, order, score: scoreOf(item, terms) }))
        .filter((entry) => entry.score > 0)
        .sort((a, b) => b.score - a.score || a.order - b.order);
      return { source, items: scored.slice(0, source.limit).map((entry) => entry.item) };
    })
    .filter((match) => match.items.length > 0);
}
