import { afterEach, describe, expect, it } from 'vitest';
import { composeRefresh } from '../../electron/app/compose-refresh';
import type { InventoryService } from '../../electron/inventory/inventory-service';
import type { RefreshTimer } from '../../electron/inventory/refresh-schedule';
import { silentLogger } from '../support/compose';
import { createSettingsRepository } from '../../electron/settings/settings-repository';
import { openDatabase } from '../../electron/store/database';
import { contract } from '../../shared/ipc/contract';
import { temporaryFolder } from '../subscriptions/service-fixture';

const context = { transport: 'test' } as const;
const folders: Array<ReturnType<typeof temporaryFolder>> = [];
afterEach(() => {
  for (const folder of folders.splice(0)) folder.dispose();
});

function composed(automatic?: boolean) {
  const folder = temporaryFolder();
  folders.push(folder);
  const database = openDatabase({ path: folder.file });
  const settings = createSettingsRepository(database);
  const pending: number[] = [];
  const timer: RefreshTimer = {
    set: (_callback, ms) => pending.push(ms),
    clear: () => pending.pop(),
  };
  let cancels = 0;
  const inventory = {
    refresh: () => Promise.reject(new Error('not in this test')),
    // Only the first cancel finds a refresh running, so the answer passed on is the service's.
    cancelRefresh: () => ++cancels === 1,
  } as unknown as InventoryService; // only refresh and cancelRefresh are reached here
  const refresh = composeRefresh({
    inventory,
    settings,
    logger: silentLogger,
    timer,
    ...(automatic === undefined ? {} : { automatic }),
  });
  return { refresh, database, pending, cancels: () => cancels };
}

describe('the automatic refresh setting', () => {
  it('is 15 minutes unless changed, and is stored', async () => {
    const { refresh, database } = composed();
    expect(await refresh.handlers['inventory.getRefreshSchedule']({}, context)).toEqual({
      intervalMinutes: 15,
    });

    await refresh.handlers['inventory.setRefreshSchedule']({ intervalMinutes: 30 }, context);

    expect(createSettingsRepository(database).get('inventory.refreshIntervalMinutes')).toBe(30);
    refresh.stop();
    database.close();
  });

  it('schedules the next refresh by the new interval at once, and 0 stops it', async () => {
    const { refresh, database, pending } = composed();
    expect(pending).toEqual([2000]);
    await refresh.handlers['inventory.setRefreshSchedule']({ intervalMinutes: 5 }, context);
    expect(pending).toEqual([5 * 60_000]);
    await refresh.handlers['inventory.setRefreshSchedule']({ intervalMinutes: 0 }, context);
    expect(pending).toEqual([]);
    database.close();
  });

  it('starts nothing by itself when automatic refreshes are off, yet keeps the setting', async () => {
    const { refresh, database, pending } = composed(false);
    expect(pending).toEqual([]);
    await refresh.handlers['inventory.setRefreshSchedule']({ intervalMinutes: 5 }, context);
    expect(pending).toEqual([]);
    expect(await refresh.handlers['inventory.getRefreshSchedule']({}, context)).toEqual({
      intervalMinutes: 5,
    });
    refresh.stop();
    database.close();
  });

  it('accepts whole minutes from 0 to a day only', () => {
    const input = contract.operations['inventory.setRefreshSchedule'].input;
    expect(input.safeParse({ intervalMinutes: 0 }).success).toBe(true);
    expect(input.safeParse({ intervalMinutes: 1440 }).success).toBe(true);
    for (const bad of [-1, 1441, 2.5, '15', null]) {
      expect(input.safeParse({ intervalMinutes: bad }).success).toBe(false);
    }
    expect(input.safeParse({ intervalMinutes: 5, extra: true }).success).toBe(false);
  });

  it('cancels the running refresh through the service', async () => {
    const { refresh, database, cancels } = composed();
    expect(await refresh.handlers['inventory.cancelRefresh']({}, context)).toEqual({
      cancelled: true,
    });
    expect(cancels()).toBe(1);
    expect(await refresh.handlers['inventory.cancelRefresh']({}, context)).toEqual({
      cancelled: false,
    });
    refresh.stop();
    database.close();
  });
});
