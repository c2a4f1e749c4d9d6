/** What became of one item: its value, or the error it failed with (other items are unaffected). */
export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * Runs `work` over every item with at most `limit` of them in flight at once, and answers one
 * outcome per item in the items' order. A failing item never stops the others: callers that talk
 * to many tenants need every answer they can get, plus the reason for each one they could not.
 */
export async function mapWithConcurrency<Item, Result>(
  items: readonly Item[],
  limit: number,
  work: (item: Item, index: number) => Promise<Result>,
): Promise<Outcome<Result>[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(
      `The concurrency limit must be a whole number of at least 1, not ${limit}.`,
    );
  }
  const outcomes = new Array<Outcome<Result>>(items.length);
  let next = 0;
  // Each worker takes the next unclaimed item until none are left, so at most `limit` run at once.
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        outcomes[index] = { ok: true, value: await work(items[index] as Item, index) };
      } catch (error) {
        outcomes[index] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return outcomes;
}
