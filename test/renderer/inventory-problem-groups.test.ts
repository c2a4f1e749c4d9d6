import { describe, expect, it } from 'vitest';
import type { InventoryProblem } from '../../shared/domain/inventory';
import { groupInventoryProblems } from '../../renderer/src/inventory/problem-groups';
import type { SubscriptionPlace } from '../../renderer/src/inventory/problem-groups';
import { NORTHWIND } from './fixtures';

const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
const names = ['Northwind AI', 'Northwind ML'];
const mfa = (index: number): InventoryProblem => ({
  subscriptionId: ids[index] ?? '',
  subscriptionName: names[index] ?? '',
  workspaceId: null,
  problem: {
    code: 'AADSTS50076',
    message: `Listing the workspaces of ${names[index]} needs you to sign in to its tenant again (AADSTS50076); choose "Sign in" beside that tenant in Accounts, then refresh.`,
  },
});
const place: SubscriptionPlace = {
  tenantId: NORTHWIND,
  tenantName: 'Northwind Traders',
  accountId: 'a',
};

describe('inventory problems, one message per cause', () => {
  it('gives one message for the subscriptions of a tenant failing the same way, with its sign-in', () => {
    const groups = groupInventoryProblems([mfa(0), mfa(1)], () => place);
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group?.title).toBe(
      'The workspaces of 2 subscriptions in Northwind Traders could not be listed',
    );
    expect(group?.text).toContain('Listing the workspaces of these 2 subscriptions needs you');
    expect(group?.names).toEqual(['Northwind AI', 'Northwind ML']);
    expect(group?.signIn).toEqual({
      accountId: 'a',
      tenantId: NORTHWIND,
      tenantName: 'Northwind Traders',
    });
  });

  it('leaves out subscriptions waiting for a sign-in, whose wait says it once', () => {
    expect(groupInventoryProblems([mfa(0), mfa(1)], () => place, new Set(ids))).toEqual([]);
  });

  it('keeps one message as it was, with the code after the sentence', () => {
    const [group] = groupInventoryProblems(
      [{ ...mfa(0), problem: { code: 'AuthorizationFailed', message: 'You may not list it.' } }],
      () => place,
    );
    expect(group?.title).toBe('The workspaces of Northwind AI could not be listed');
    expect(group?.text).toBe('You may not list it. (code AuthorizationFailed)');
    expect(group?.signIn).toBeNull();
  });
});
