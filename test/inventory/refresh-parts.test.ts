import { describe, expect, it } from 'vitest';
import { mapWithKeyedLimits } from '../../electron/concurrency/map-with-keyed-limits';
import { createReadPacer } from '../../electron/inventory/read-pacer';
import { startRefreshSchedule, type RefreshTimer } from '../../electron/inventory/refresh-schedule';
import { createGraphQuota, parseResetsAfter } from '../../electron/inventory/resource-graph';

/** A clock that moves only when a sleep is asked for: every wait is recorded and taken at once. */
function fakeTime() {
  let now = 0;
  const waits: number[] = [];
  return {
    now: () => now,
    waits,
    sleep: (ms: number) => {
      waits.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

describe('the read pacer', () => {
  it('sends freely until ARM says the budget is near the reserve, then waits for the refill', async () => {
    const time = fakeTime();
    const pacer = createReadPacer({ refillPerSecond: 10, reserve: 5, ...time });
    const sub = '00000000-0000-0000-0000-000000000001';

    const ticket = await pacer.beforeRead(sub);
    pacer.observe(sub, ticket, 20);
    pacer.afterRead(sub);
    for (let i = 0; i < 15; i += 1) {
      await pacer.beforeRead(sub);
      pacer.afterRead(sub);
    }
    expect(time.waits).toEqual([]);

    // 20 left after the first read, 15 sent since: 5 left, the reserve. The next one waits.
    await pacer.beforeRead(sub);
    expect(time.waits).toEqual([100]);
    expect(pacer.waits.count).toBe(1);
  });

  it('keeps each subscription’s budget apart, and ignores an answer older than the latest', async () => {
    const time = fakeTime();
    const pacer = createReadPacer({ refillPerSecond: 10, reserve: 5, ...time });
    const a = '00000000-0000-0000-0000-00000000000a';
    const b = '00000000-0000-0000-0000-00000000000b';
    const first = await pacer.beforeRead(a);
    const second = await pacer.beforeRead(a);
    pacer.observe(a, second, 100);
    pacer.observe(a, first, 0);
    pacer.observe(b, await pacer.beforeRead(b), 0);

    await pacer.beforeRead(a);
    expect(time.waits).toEqual([]);
    await pacer.beforeRead(b);
    expect(time.waits.length).toBeGreaterThan(0);
  });
});

describe('the read pacer across subscriptions', () => {
  it('never counts another subscription’s reads against this one’s budget', async () => {
    const time = fakeTime();
    const pacer = createReadPacer({ refillPerSecond: 10, reserve: 5, ...time });
    const a = '00000000-0000-0000-0000-00000000000a';
    const b = '00000000-0000-0000-0000-00000000000b';
    pacer.observe(a, await pacer.beforeRead(a), 30);
    pacer.afterRead(a);
    // A hundred reads of b spend b's bucket only: a still has 30 left, far above the reserve.
    for (let i = 0; i < 100; i += 1) {
      await pacer.beforeRead(b);
      pacer.afterRead(b);
    }

    await pacer.beforeRead(a);
    expect(time.waits).toEqual([]);
  });

  it('holds a subscription’s reads at its bound in flight until one is answered', async () => {
    const pacer = createReadPacer({ inFlight: 2, ...fakeTime() });
    const a = '00000000-0000-0000-0000-00000000000a';
    const b = '00000000-0000-0000-0000-00000000000b';
    await pacer.beforeRead(a);
    await pacer.beforeRead(a);
    let third = false;
    const thirdRead = pacer.beforeRead(a).then(() => (third = true));
    // Another subscription has slots of its own.
    await pacer.beforeRead(b);
    for (let tick = 0; tick < 10; tick += 1) await new Promise((r) => setImmediate(r));
    expect(third).toBe(false);

    pacer.afterRead(a);
    await thirdRead;
    expect(third).toBe(true);
  });

  it('lets a read that waits for a slot go when its request is aborted', async () => {
    const pacer = createReadPacer({ inFlight: 1, ...fakeTime() });
    const a = '00000000-0000-0000-0000-00000000000a';
    await pacer.beforeRead(a);
    const abort = new AbortController();
    const waiting = pacer.beforeRead(a, abort.signal);
    abort.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    // The aborted read took no slot: once the first is answered, the next one goes at once.
    pacer.afterRead(a);
    await pacer.beforeRead(a);
  });
});

describe('the fan-out with a bound per tenant', () => {
  it('never runs more than the bound of one key, nor overall, and answers in order', async () => {
    const items = ['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'c1'];
    let running = 0;
    let most = 0;
    const perKey = new Map<string, number>();
    let mostPerKey = 0;
    const outcomes = await mapWithKeyedLimits(
      items,
      { overall: 3, perKey: 2, keyOf: (item) => item[0] ?? '' },
      async (item) => {
        const key = item[0] ?? '';
        running += 1;
        perKey.set(key, (perKey.get(key) ?? 0) + 1);
        most = Math.max(most, running);
        mostPerKey = Math.max(mostPerKey, perKey.get(key) ?? 0);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        perKey.set(key, (perKey.get(key) ?? 1) - 1);
        if (item === 'b2') throw new Error('b2 fails');
        return item.toUpperCase();
      },
    );
    expect(most).toBe(3);
    expect(mostPerKey).toBe(2);
    expect(outcomes.map((o) => (o.ok ? o.value : 'failed'))).toEqual([
      'A1',
      'A2',
      'A3',
      'A4',
      'B1',
      'failed',
      'C1',
    ]);
  });

  it('reads each item’s key once, however often the waiting items are passed over', async () => {
    // A tenant at its bound ahead of another: its waiting items are passed after every settle.
    const items = [...Array.from({ length: 50 }, (_, i) => `a${i}`), 'b0', 'b1'];
    const asked = new Map<string, number>();
    const outcomes = await mapWithKeyedLimits(
      items,
      {
        overall: 4,
        perKey: 2,
        keyOf: (item) => {
          asked.set(item, (asked.get(item) ?? 0) + 1);
          return item[0] ?? '';
        },
      },
      async (item) => {
        await new Promise((resolve) => setImmediate(resolve));
        return item;
      },
    );
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect([...asked.values()].every((count) => count === 1)).toBe(true);
    expect(asked.size).toBe(items.length);
  });

  it('lets another tenant start while one tenant’s items hold their slots', async () => {
    const started: string[] = [];
    const holds: Array<() => void> = [];
    const run = mapWithKeyedLimits(
      ['a1', 'a2', 'a3', 'b1'],
      { overall: 3, perKey: 1, keyOf: (item) => item[0] ?? '' },
      (item) => {
        started.push(item);
        return new Promise<void>((resolve) => holds.push(resolve));
      },
    );
    expect(started).toEqual(['a1', 'b1']);
    for (let i = 0; i < 3; i += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      holds.shift()?.();
    }
    for (const hold of holds.splice(0)) hold();
    await new Promise((resolve) => setImmediate(resolve));
    for (const hold of holds.splice(0)) hold();
    await run;
    expect(started.sort()).toEqual(['a1', 'a2', 'a3', 'b1']);
  });
});

describe('Resource Graph’s quota', () => {
  it('waits for the reset once no query is left, and not before', async () => {
    const time = fakeTime();
    const quota = createGraphQuota(time);
    quota.observe(3, 5000);
    await quota.ready();
    expect(time.waits).toEqual([]);
    quota.observe(0, parseResetsAfter('00:00:04'));
    await quota.ready();
    expect(time.waits).toEqual([4000]);
  });

  it('reads the reset time as Resource Graph writes it', () => {
    expect(parseResetsAfter('00:00:05')).toBe(5000);
    expect(parseResetsAfter('00:01:02')).toBe(62_000);
    expect(parseResetsAfter(undefined)).toBe(5000);
  });
});

/** Timers the test fires by hand. */
function manualTimer() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  const timer: RefreshTimer = {
    set: (callback, ms) => {
      pending.set(++next, { callback, ms });
      return next;
    },
    clear: (handle) => pending.delete(handle as number),
  };
  return {
    timer,
    pending: () => [...pending.values()].map((p) => p.ms),
    fire: async () => {
      const [id, entry] = [...pending.entries()][0] ?? [];
      if (id === undefined || !entry) throw new Error('no timer is pending');
      pending.delete(id);
      entry.callback();
      // Let the refresh settle and the next timer be set.
      for (let i = 0; i < 5; i += 1) await Promise.resolve();
    },
  };
}

describe('the refresh schedule', () => {
  it('refreshes shortly after start-up, then every interval after each refresh', async () => {
    const timers = manualTimer();
    let refreshes = 0;
    startRefreshSchedule({
      refresh: () => Promise.resolve(++refreshes),
      intervalMinutes: () => 15,
      startupDelayMs: 2000,
      timer: timers.timer,
    });
    expect(timers.pending()).toEqual([2000]);
    await timers.fire();
    expect(refreshes).toBe(1);
    expect(timers.pending()).toEqual([15 * 60_000]);
    await timers.fire();
    expect(refreshes).toBe(2);
  });

  it('does nothing by itself when the interval is 0, and starts again when it is set', async () => {
    const timers = manualTimer();
    let minutes = 0;
    let refreshes = 0;
    const schedule = startRefreshSchedule({
      refresh: () => Promise.resolve(++refreshes),
      intervalMinutes: () => minutes,
      timer: timers.timer,
    });
    expect(timers.pending()).toEqual([]);
    minutes = 5;
    schedule.reschedule();
    expect(timers.pending()).toEqual([5 * 60_000]);
    schedule.stop();
    expect(timers.pending()).toEqual([]);
    expect(refreshes).toBe(0);
  });

  it('keeps its schedule after a refresh that failed', async () => {
    const timers = manualTimer();
    startRefreshSchedule({
      refresh: () => Promise.reject(new Error('offline')),
      intervalMinutes: () => 1,
      timer: timers.timer,
    });
    await timers.fire();
    expect(timers.pending()).toEqual([60_000]);
  });
});
