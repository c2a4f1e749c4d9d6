import type { Outcome } from './map-with-concurrency';

export interface KeyedLimits<Item> {
  /** At most this many items in flight overall. */
  readonly overall: number;
  /** At most this many items of one key (a tenant, say) in flight at once. */
  readonly perKey: number;
  readonly keyOf: (item: Item) => string;
}

/**
 * Like mapWithConcurrency, with a second bound per key: a fan-out over many tenants runs a few
 * subscriptions of each at once, so one tenant's many subscriptions never take every slot while
 * another tenant's wait. Items start in order, skipping those whose key is at its bound; a failing
 * item never stops the others. Answers one outcome per item in the items' order.
 */
export function mapWithKeyedLimits<Item, Result>(
  items: readonly Item[],
  limits: KeyedLimits<Item>,
  work: (item: Item, index: number) => Promise<Result>,
): Promise<Outcome<Result>[]> {
  for (const [name, value] of [
    ['overall', limits.overall],
    ['perKey', limits.perKey],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`The ${name} limit must be a whole number of at least 1, not ${value}.`);
    }
  }
  const outcomes = new Array<Outcome<Result>>(items.length);
  // Each item's key once: the scan below passes the waiting items again after every one settles.
  const keys = items.map((item) => limits.keyOf(item));
  const waiting = items.map((_item, index) => index);
  const inFlightPerKey = new Map<string, number>();
  let inFlight = 0;
  let settled = 0;

  return new Promise((resolve) => {
    if (items.length === 0) {
      resolve(outcomes);
      return;
    }
    const startWhatFits = () => {
      for (let position = 0; position < waiting.length && inFlight < limits.overall;) {
        const index = waiting[position] as number;
        const key = keys[index] as string;
        const ofKey = inFlightPerKey.get(key) ?? 0;
        if (ofKey >= limits.perKey) {
          position += 1;
          continue;
        }
        waiting.splice(position, 1);
        inFlight += 1;
        inFlightPerKey.set(key, ofKey + 1);
        void run(items[index] as Item, index, key);
      }
    };
    const run = async (item: Item, index: number, key: string) => {
      try {
        outcomes[index] = { ok: true, value: await work(item, index) };
      } catch (error) {
        outcomes[index] = { ok: false, error };
      }
      inFlight -= 1;
      inFlightPerKey.set(key, (inFlightPerKey.get(key) ?? 1) - 1);
      settled += 1;
      if (settled === items.length) resolve(outcomes);
      else startWhatFits();
    };
    startWhatFits();
  });
}
