// What the attach wizard's workspace step says when it lists no workspace: the first thing to do,
// by the same reasons the inventory's empty states use (signing in comes before anything else).
import { describe, expect, it } from 'vitest';
import { noWorkspaceText } from '../../renderer/src/attach/workspace-choice';
import { inventoryEmptyReason } from '../../renderer/src/inventory/inventory-empty';
import { snapshotOf } from './inventory-fixtures';

const emptyRecord = snapshotOf([], [], { refreshedAt: null });

describe('the attach wizard with no workspace to list', () => {
  it('asks a signed-out user to sign in, not to refresh or choose subscriptions', () => {
    const reason = inventoryEmptyReason(
      { status: 'ready', value: [] },
      { status: 'ready', value: { subscriptions: [], problems: [], refreshedAt: null } },
      emptyRecord,
    );
    expect(reason).toBe('no-accounts');
    const text = noWorkspaceText(reason, false);
    expect(text).toMatch(/sign in/i);
    expect(text).not.toMatch(/refresh/i);
  });

  it('asks for a subscription when none is selected', () => {
    expect(noWorkspaceText('no-selection', false)).toMatch(/choose subscriptions/i);
  });

  it('asks for a refresh when the selected subscriptions were never listed', () => {
    expect(noWorkspaceText('never-fetched', false)).toMatch(/refresh the inventory/i);
  });

  it('blames the filter when one is typed, whatever the record holds', () => {
    expect(noWorkspaceText('no-accounts', true)).toMatch(/matches the filter/i);
    expect(noWorkspaceText(null, true)).toMatch(/matches the filter/i);
  });

  it('says Azure listed none once every selected subscription was listed', () => {
    expect(noWorkspaceText('no-workspaces', false)).toMatch(/no workspace in the selected/i);
  });
});
