// Renderer logic, tested in plain Node (see scope-model.test.ts for why it lives here).
import { describe, expect, it } from 'vitest';
import { inventoryEmptyReason } from '../../renderer/src/inventory/inventory-empty';
import {
  recordAgeText,
  recordStatusText,
  removedText,
  unlistedText,
} from '../../renderer/src/inventory/record-age';
import { listedAgeText } from '../../renderer/src/scope/relative-time';
import type { InventoryProblem } from '../../shared/domain/inventory';
import type { SubscriptionsSnapshot } from '../../shared/domain/subscriptions';
import { megan, subscription } from './fixtures';
import { compute, snapshotOf, workspace } from './inventory-fixtures';

const ready = <T>(value: T) => ({ status: 'ready' as const, value });
const subscriptions = (selected: boolean): { status: 'ready'; value: SubscriptionsSnapshot } =>
  ready({ subscriptions: [subscription({ selected })], problems: [], refreshedAt: null });
const fraud = workspace('mlw-fraud');
const SUB_A = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const SUB_B = '1b64c9cc-da2f-576e-9210-f5fd7d05790e';
const problem = (subscriptionId: string, workspaceId: string | null = null): InventoryProblem => ({
  subscriptionId,
  subscriptionName: 'Production',
  workspaceId,
  problem: { code: 'ProxyUnreachable', message: 'm' },
});

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

  it('never says Azure listed no workspace while a selected subscription was never listed', () => {
    const joinedLater = snapshotOf([], [], {
      unlisted: [{ subscriptionId: SUB_B, subscriptionName: 'Joined later' }],
    });
    expect(inventoryEmptyReason(ready([megan]), subscriptions(true), joinedLater)).toBe(
      'never-fetched',
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

  it('says beside the age when the last refresh failed, so an old copy never looks fresh', () => {
    const twoHours = '2026-11-25T08:05:00.000Z';
    expect(recordStatusText(twoHours, [], now)).toBe('As of 2 hours ago');
    expect(recordStatusText(twoHours, [problem(SUB_A), problem(SUB_B), problem(SUB_B)], now)).toBe(
      'As of 2 hours ago · last refresh failed for 2 subscriptions',
    );
    expect(recordStatusText(twoHours, [problem(SUB_A, `/subscriptions/${SUB_A}/ws`)], now)).toBe(
      'As of 2 hours ago · last refresh could not list every compute in 1 subscription',
    );
    expect(recordStatusText(null, [problem(SUB_A)], now)).toBe(
      'Not listed from Azure yet · last refresh failed for 1 subscription',
    );
  });

  it('counts the selected subscriptions not listed yet', () => {
    expect(unlistedText(0)).toBeNull();
    expect(unlistedText(1)).toBe('1 selected subscription not listed from Azure yet');
    expect(unlistedText(3)).toBe('3 selected subscriptions not listed from Azure yet');
  });
});

describe('the age of the subscription list', () => {
  const now = Date.parse('2026-11-25T10:05:00.000Z');
  const failed = (tenantId: string) => ({ tenantId });

  it('says when the last refresh failed beside the time of the last listing', () => {
    expect(listedAgeText('2026-11-25T08:05:00.000Z', [], now)).toBe(
      'Listed from Azure 2 hours ago',
    );
    expect(
      listedAgeText('2026-11-25T08:05:00.000Z', [failed('a'), failed('b'), failed('B')], now),
    ).toBe('Listed from Azure 2 hours ago · last refresh failed for 2 tenants');
    expect(listedAgeText(null, [failed('a')], now)).toBe(
      'Not listed from Azure yet · last refresh failed for 1 tenant',
    );
  });
});
