import { describe, expect, it } from 'vitest';
import {
  membershipsOf,
  resolveSightings,
  type Sighting,
} from '../../electron/subscriptions/sightings';
import type { TenantListing } from '../../electron/subscriptions/sightings';

const TENANT = 'bd79c068-555e-57b3-b248-2d47f661607e';
const OTHER_TENANT = '9c5a4304-2bef-52f6-b840-53cdc67f42de';
const SUB = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const OTHER_SUB = '4a6a65ca-1384-5662-9425-06767a84562c';

const tenantOf = (accountId: string, tenantId = TENANT) => ({
  accountId,
  username: `${accountId}@contoso.com`,
  tenantId,
  tenantName: tenantId === TENANT ? 'Contoso' : 'Fabrikam',
});
const listed = (accountId: string, tenantId = TENANT, subscriptionId = SUB): TenantListing => ({
  tenant: tenantOf(accountId, tenantId),
  subscriptions: [{ subscriptionId, displayName: 'Prod', state: 'Enabled', tenantId }],
});
const failed = (accountId: string, tenantId = TENANT): TenantListing => ({
  tenant: tenantOf(accountId, tenantId),
  problem: { code: 'AADSTS50076', message: 'sign in again' },
});
const before = (accountId: string, tenantId = TENANT, subscriptionId = SUB): Sighting => ({
  subscriptionId,
  accountId,
  username: `${accountId}@contoso.com`,
  tenantId,
  seenAt: 'earlier',
});

describe('resolving who sees which subscription', () => {
  it('uses the account signed in first, whichever listing finished first', () => {
    const [resolved] = resolveSightings(
      [],
      [listed('bob'), listed('alice')],
      ['alice', 'bob'],
      'now',
    );
    expect(resolved?.sightings.map((s) => s.accountId)).toEqual(['alice', 'bob']);
  });

  it('keeps what a failing pair saw last time, with the time it was seen', () => {
    const resolved = resolveSightings([before('alice')], [failed('alice')], ['alice'], 'now');
    expect(resolved).toEqual([{ subscriptionId: SUB, sightings: [before('alice')] }]);
  });

  it('keeps what a pair not ready or signed out saw, ranking an account that listed it first', () => {
    const resolved = resolveSightings(
      [before('alice'), before('bob', OTHER_TENANT, OTHER_SUB), before('carol')],
      [listed('carol')], // alice's tenant demands MFA (not listed); bob signed out
      ['alice', 'carol'],
      'now',
      membershipsOf([
        { accountId: 'alice', tenantId: TENANT },
        { accountId: 'carol', tenantId: TENANT },
      ]),
    );
    expect(resolved.map((r) => r.subscriptionId).sort()).toEqual([SUB, OTHER_SUB].sort());
    const sub = resolved.find((r) => r.subscriptionId === SUB);
    // carol can reach it now, so she is used although alice signed in first.
    expect(sub?.sightings.map((s) => s.accountId)).toEqual(['carol', 'alice']);
  });

  it('forgets what a pair that listed no longer sees, and a tenant the account has left', () => {
    const NEW_SUB = '5b7bc9cc-da2f-576e-9210-f5fd7d05790e';
    const resolved = resolveSightings(
      [before('alice'), before('bob', OTHER_TENANT, OTHER_SUB)],
      [listed('alice', TENANT, NEW_SUB)], // alice lost access to SUB; bob left OTHER_TENANT
      ['alice', 'bob'],
      'now',
      membershipsOf([
        { accountId: 'alice', tenantId: TENANT },
        { accountId: 'bob', tenantId: TENANT },
      ]),
    );
    expect(resolved.map((r) => r.subscriptionId)).toEqual([NEW_SUB]);
  });

  it('takes the facts of a subscription from the best-ranked account that listed it now', () => {
    const [resolved] = resolveSightings(
      [before('alice')],
      [failed('alice'), listed('bob')],
      ['alice', 'bob'],
      'now',
    );
    // bob listed it now, so he is used while alice's tenant fails.
    expect(resolved?.sightings.map((s) => [s.accountId, s.seenAt])).toEqual([
      ['bob', 'now'],
      ['alice', 'earlier'],
    ]);
    expect(resolved?.listed?.tenantName).toBe('Contoso');
  });
});
