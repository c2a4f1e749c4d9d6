import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../../electron/concurrency/map-with-concurrency';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run (event-loop turns, not time). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('mapWithConcurrency', () => {
  it('starts no more than the limit at once, and the next item only when one finishes', async () => {
    const gates = Array.from({ length: 7 }, () => deferred<number>());
    const started: number[] = [];
    const run = mapWithConcurrency(gates, 3, (gate, index) => {
      started.push(index);
      return gate.promise;
    });
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[1]?.resolve(1);
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    gates.forEach((gate, index) => gate.resolve(index));
    await run;
    expect(started).toHaveLength(7);
  });

  it('answers one outcome per item in the items order, a failure never stopping the others', async () => {
    const outcomes = await mapWithConcurrency(['a', 'boom', 'c'], 2, async (item) => {
      if (item === 'boom') throw new Error('tenant unreachable');
      return item.toUpperCase();
    });
    expect(outcomes).toEqual([
      { ok: true, value: 'A' },
      { ok: false, error: new Error('tenant unreachable') },
      { ok: true, value: 'C' },
    ]);
  });

  it('treats a synchronous throw like a rejection', async () => {
    const outcomes = await mapWithConcurrency([1], 1, () => {
      throw new Error('no credential');
    });
    expect(outcomes).toEqual([{ ok: false, error: new Error('no credential') }]);
  });

  it('answers an empty list for no items', async () => {
    expect(await mapWithConcurrency([], 3, async () => 1)).toEqual([]);
  });

  it('refuses a limit below one', async () => {
    await expect(mapWithConcurrency([1], 0, async () => 1)).rejects.toThrow(RangeError);
  });
});
