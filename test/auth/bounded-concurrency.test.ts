import { describe, expect, it } from 'vitest';
import { settleWithConcurrency } from '../../electron/auth/bounded-concurrency';

describe('settleWithConcurrency', () => {
  it('never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    await settleWithConcurrency([1, 2, 3, 4, 5, 6, 7], 3, async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
    });
    expect(most).toBe(3);
  });

  it('keeps going past a failing item and reports each outcome in order', async () => {
    const results = await settleWithConcurrency(['a', 'bad', 'c'], 2, async (item) => {
      if (item === 'bad') throw new Error('refused');
      return item.toUpperCase();
    });
    expect(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
    ).toEqual(['A', 'refused', 'C']);
  });

  it('answers an empty list at once', async () => {
    await expect(settleWithConcurrency([], 3, async () => 1)).resolves.toEqual([]);
  });
});
