import { describe, expect, it } from 'vitest';
import type { ListingProblem } from '../../shared/domain/subscriptions';
import {
  groupListingProblems,
  listingGroupTitle,
} from '../../renderer/src/scope/listing-problem-groups';
import { CONTOSO, FABRIKAM, NORTHWIND } from './fixtures';

const expired = (tenantId: string, tenantName: string): ListingProblem => ({
  accountId: 'admin',
  tenantId,
  tenantName,
  problem: {
    code: 'AADSTS700082',
    message: `${tenantName} needs admin@contoso.com to sign in again (AADSTS700082); sign in, then refresh.`,
  },
});

describe('listing problems, one message per cause', () => {
  it("says an account's expired sign-in once, naming every tenant it skipped", () => {
    const groups = groupListingProblems([
      expired(CONTOSO, 'Contoso Ltd'),
      expired(FABRIKAM, 'Fabrikam Inc'),
      expired(NORTHWIND, 'Northwind Traders'),
    ]);
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group && listingGroupTitle(group)).toBe(
      'Contoso Ltd, Fabrikam Inc and Northwind Traders were skipped',
    );
    expect(group?.text).toBe(
      'These 3 tenants need admin@contoso.com to sign in again (AADSTS700082); sign in, then refresh.',
    );
  });

  it('keeps different causes, and other accounts, apart', () => {
    const other = { ...expired(FABRIKAM, 'Fabrikam Inc'), accountId: 'ops' };
    const throttled: ListingProblem = {
      ...expired(NORTHWIND, 'Northwind Traders'),
      problem: { code: 'TooManyRequests', message: 'Azure is throttling; wait a minute.' },
    };
    const groups = groupListingProblems([expired(CONTOSO, 'Contoso Ltd'), other, throttled]);
    expect(groups.map((g) => g.problems.length)).toEqual([1, 1, 1]);
    expect(groups[2]?.text).toBe('Azure is throttling; wait a minute. (code TooManyRequests)');
  });
});
