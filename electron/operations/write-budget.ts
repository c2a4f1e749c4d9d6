import type { Clock } from './clock';

/** How writes are spaced to stay inside ARM's per-subscription write bucket. */
export interface WriteBudgetLimits {
  /** Writes kept in reserve for everything else the user does in that subscription. */
  readonly reserve: number;
  /** ARM refills the write bucket at about this rate (10 per second in Azure). */
  readonly refillPerSecond: number;
}

export const defaultWriteBudgetLimits: WriteBudgetLimits = { reserve: 20, refillPerSecond: 10 };

const REMAINING_WRITES = 'x-ms-ratelimit-remaining-subscription-writes';
const REMAINING_DELETES = 'x-ms-ratelimit-remaining-subscription-deletes';

/**
 * Spaces writes per subscription from what ARM says is left of its budget
 * (`x-ms-ratelimit-remaining-subscription-writes` / `-deletes`): while plenty is left, writes go at
 * once; near the reserve each write waits long enough for the bucket to refill one token. Writes
 * of one subscription pass one at a time, so a bulk attach never bursts past the budget.
 */
export function createWriteBudget(
  clock: Clock,
  limits: WriteBudgetLimits = defaultWriteBudgetLimits,
) {
  const remaining = new Map<string, number>();
  const lastWriteAt = new Map<string, number>();
  const queues = new Map<string, Promise<void>>();

  const waitFor = (subscriptionId: string): number => {
    const left = remaining.get(subscriptionId);
    if (left === undefined || left > limits.reserve) return 0;
    const perToken = 1000 / limits.refillPerSecond;
    const needed = (limits.reserve - left + 1) * perToken;
    const since = clock.now().getTime() - (lastWriteAt.get(subscriptionId) ?? 0);
    return Math.max(0, needed - since);
  };

  return {
    /** Runs one write of this subscription when the budget allows; answers what it answered. */
    async write<T>(
      subscriptionId: string,
      send: () => Promise<T>,
      headersOf: (result: T) => Readonly<Record<string, string>> | null,
      signal?: AbortSignal,
    ): Promise<T> {
      const key = subscriptionId.toLowerCase();
      const previous = queues.get(key) ?? Promise.resolve();
      let release = () => {};
      const turn = new Promise<void>((resolve) => (release = resolve));
      queues.set(
        key,
        previous.then(() => turn),
      );
      await previous;
      try {
        const wait = waitFor(key);
        if (wait > 0) await clock.sleep(wait, signal);
        lastWriteAt.set(key, clock.now().getTime());
        const result = await send();
        const headers = headersOf(result);
        const header = headers?.[REMAINING_WRITES] ?? headers?.[REMAINING_DELETES];
        const left = header === undefined ? NaN : Number(header);
        if (Number.isFinite(left)) remaining.set(key, left);
        return result;
      } finally {
        release();
      }
    },
    /** What ARM last said was left for this subscription (for tests and diagnostics). */
    remaining: (subscriptionId: string): number | undefined =>
      remaining.get(subscriptionId.toLowerCase()),
  };
}

export type WriteBudget = ReturnType<typeof createWriteBudget>;
