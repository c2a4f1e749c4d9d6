// Renderer logic, tested in plain Node (see scope-model.test.ts for why it lives here).
import { describe, expect, it } from 'vitest';
import type { RefreshProgress } from '../../shared/ipc/contract-refresh';
import {
  cancelledRefreshText,
  createRefreshProgressStore,
  refreshProgressText,
} from '../../renderer/src/state/refresh-progress-store';
import { scriptedClient } from './fixtures';

const progress = (overrides: Partial<RefreshProgress> = {}): RefreshProgress => ({
  refreshId: 2,
  status: 'running',
  done: 3,
  total: 6,
  current: 'Contoso ML Production',
  ...overrides,
});

describe('the refresh progress', () => {
  it('reads "n of N — subscription", or counts subscriptions between them', () => {
    expect(refreshProgressText(progress())).toBe('3 of 6 — Contoso ML Production');
    expect(refreshProgressText(progress({ current: null }))).toBe('3 of 6 subscriptions');
    expect(refreshProgressText(progress({ total: 0, done: 0 }))).toBe('No subscriptions to list');
  });

  it('says how far a cancelled refresh got, and nothing after one that ran to its end', () => {
    expect(cancelledRefreshText(progress({ status: 'cancelled', done: 1 }))).toBe(
      'Refresh cancelled after 1 of 6 subscriptions: the others show their last record.',
    );
    expect(cancelledRefreshText(progress({ status: 'finished', done: 6 }))).toBeNull();
    expect(cancelledRefreshText(progress())).toBeNull();
  });

  it('never lets a late event of an older refresh replace the running one', () => {
    const store = createRefreshProgressStore(scriptedClient({}).client);
    store.getState().receiveProgress(progress());
    store.getState().receiveProgress(progress({ refreshId: 1, status: 'finished', done: 9 }));
    expect(store.getState().progress).toEqual(progress());
  });

  it('asks the main process to cancel, and shows it cancelling until the refresh ends', async () => {
    const { client, calls } = scriptedClient({
      'inventory.cancelRefresh': async () => ({ ok: true, value: { cancelled: true } }),
    });
    const store = createRefreshProgressStore(client);
    store.getState().receiveProgress(progress());

    await store.getState().cancel();
    expect(calls.map((c) => c.name)).toEqual(['inventory.cancelRefresh']);
    expect(store.getState().cancelling).toBe(true);

    store.getState().receiveProgress(progress({ status: 'cancelled', done: 4 }));
    expect(store.getState().cancelling).toBe(false);
  });

  it('asks nothing when no refresh runs', async () => {
    const { client, calls } = scriptedClient({});
    await createRefreshProgressStore(client).getState().cancel();
    expect(calls).toEqual([]);
  });

  it('reads the refresh interval, stores a new one, and keeps the old one when refused', async () => {
    let stored = 15;
    const { client } = scriptedClient({
      'inventory.getRefreshSchedule': async () => ({
        ok: true,
        value: { intervalMinutes: stored },
      }),
      'inventory.setRefreshSchedule': async (input) => {
        const minutes = (input as { intervalMinutes: number }).intervalMinutes;
        if (minutes > 1440) {
          return { ok: false, error: { code: 'invalid-input', message: 'too long' } };
        }
        stored = minutes;
        return { ok: true, value: { intervalMinutes: stored } };
      },
    });
    const store = createRefreshProgressStore(client);

    await store.getState().loadSchedule();
    expect(store.getState().schedule).toEqual({ status: 'ready', value: { intervalMinutes: 15 } });
    expect(await store.getState().chooseInterval(0)).toBe(true);
    expect(store.getState().schedule).toEqual({ status: 'ready', value: { intervalMinutes: 0 } });
    expect(await store.getState().chooseInterval(5000)).toBe(false);
    expect(store.getState().schedule).toEqual({ status: 'ready', value: { intervalMinutes: 0 } });
  });
});
