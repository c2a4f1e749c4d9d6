// Renderer logic, tested in plain Node (see scope-model.test.ts for why it lives here).
import { describe, expect, it } from 'vitest';
import { inventoryEmptyReason } from '../../renderer/src/inventory/inventory-empty';
import { recordAgeText, removedText } from '../../renderer/src/inventory/record-age';
import type { SubscriptionsSnapshot } from '../../shared/domain/subscriptions';
import { megan, subscription } from './fixtures';
import { compute, snapshotOf, workspace } from './inventory-fixtures';

const ready = <T>(value: T) => ({ status: 'ready' as const, value });
const subscriptions = (selected: boolean): { status: 'ready'; value: SubscriptionsSnapshot } =>
  ready({ subscriptions: [subscription({ selected })], problems: [], refreshedAt: null });
const fraud = workspace('mlw-fraud');

describe('why the inventory is empty', () => {
  it('asks for an account first, even before the record could be read', () => {
    const failed = {
      status: 'failed' as const,
      error: { code: 'unavailable' as const, message: 'x' },
    };
    expect(inventoryEmptyReason(ready([]), failed, null)).toBe('no-accounts');
    expect(inventoryEmptyReason(ready([]), subscriptions(true), snapshotOf([], []))).toBe(
      'no-accounts',
    );
  });

  it('asks for a subscription when none is selected', () => {
    expect(inventoryEmptyReason(ready([megan]), subscriptions(false), snapshotOf([], []))).toBe(
      'no-selection',
    );
  });

  it('offers a refresh when the record was never reconciled with Azure', () => {
    const never = snapshotOf([], [], { refreshedAt: null });
    expect(inventoryEmptyReason(ready([megan]), subscriptions(true), never)).toBe('never-fetched');
  });

  it('says there is no workspace once Azure has been asked', () => {
    expect(inventoryEmptyReason(ready([megan]), subscriptions(true), snapshotOf([], []))).toBe(
      'no-workspaces',
    );
  });

  it('lists what the record holds whatever else is the case', () => {
    const record = snapshotOf([fraud], [compute(fraud, 'k8s')]);
    expect(inventoryEmptyReason(ready([]), subscriptions(false), record)).toBeNull();
  });

  it('waits for the record before calling it empty', () => {
    expect(inventoryEmptyReason(ready([megan]), subscriptions(true), null)).toBeNull();
  });
});

describe('the age of the record', () => {
  const now = Date.parse('2026-11-25T10:05:00.000Z');

  it('says how long ago the record was refreshed from Azure', () => {
    expect(recordAgeText('2026-11-25T10:00:00.000Z', now)).toBe('As of 5 minutes ago');
    expect(recordAgeText('2026-11-25T10:04:50.000Z', now)).toBe('As of just now');
  });

  it('says when the record was never refreshed', () => {
    expect(recordAgeText(null, now)).toBe('Never refreshed from Azure');
  });

  it('says when a record was found removed outside Mooring', () => {
    expect(removedText('2026-11-25T08:05:00.000Z', now)).toBe(
      'Removed outside Mooring 2 hours ago',
    );
  });
});
