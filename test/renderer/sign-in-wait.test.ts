import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/domain/accounts';
import {
  groupSignInWaits,
  signInTargetOf,
  signInWaitOf,
  signInWaitText,
} from '../../renderer/src/scope/sign-in-wait';
import { CONTOSO, NORTHWIND, megan, subscription } from './fixtures';

const withNorthwind = (status: 'ready' | 'needs-sign-in'): AccountView => ({
  ...megan,
  tenants: [
    ...megan.tenants,
    {
      tenantId: NORTHWIND,
      displayName: 'Northwind Traders',
      defaultDomain: 'northwind.example',
      isHomeTenant: false,
      status,
      problem: status === 'ready' ? null : { code: 'AADSTS50076', message: 'MFA is required.' },
    },
  ],
});

describe('subscriptions waiting for a sign-in', () => {
  it('says nothing while the accounts are unknown, or when the tenant is ready', () => {
    const contoso = subscription({ tenantId: CONTOSO });
    expect(signInWaitOf(contoso, null)).toBeNull();
    expect(signInWaitOf(contoso, [megan])).toBeNull();
    expect(
      signInWaitOf(subscription({ tenantId: NORTHWIND }), [withNorthwind('ready')]),
    ).toBeNull();
  });

  it('names the tenant that demands sign-in, and signs in to that tenant alone', () => {
    const wait = signInWaitOf(subscription({ tenantId: NORTHWIND }), [
      withNorthwind('needs-sign-in'),
    ]);
    expect(wait).toMatchObject({ kind: 'tenant', tenantName: 'Northwind Traders' });
    expect(wait && signInTargetOf(wait)).toEqual({
      kind: 'tenant',
      accountId: megan.accountId,
      username: 'admin@contoso.com',
      tenantId: NORTHWIND,
      tenantName: 'Northwind Traders',
    });
  });

  it('names a signed-out account, and signs that account in again', () => {
    const wait = signInWaitOf(
      subscription({ accountId: 'gone.account', accountUsername: 'reader@contoso.com' }),
      [megan],
    );
    expect(wait).toMatchObject({ kind: 'signed-out', username: 'reader@contoso.com' });
    expect(wait && signInTargetOf(wait)).toEqual({
      kind: 'account',
      signInAs: 'reader@contoso.com',
    });
  });

  it('gives one group per cause, however many subscriptions wait for it', () => {
    const accounts = [withNorthwind('needs-sign-in')];
    const groups = groupSignInWaits(
      [
        subscription({ tenantId: NORTHWIND }),
        subscription({ tenantId: NORTHWIND }),
        subscription({ tenantId: CONTOSO }),
        subscription({ accountId: 'gone.account', accountUsername: 'reader@contoso.com' }),
      ],
      accounts,
    );
    expect(groups.map((g) => [g.wait.kind, g.subscriptions.length])).toEqual([
      ['tenant', 2],
      ['signed-out', 1],
    ]);
    const [first] = groups;
    expect(first && signInWaitText(first, 'picker')).toBe(
      '2 subscriptions wait for this sign-in. The tenant asks for it (AADSTS50076). Sign in to Northwind Traders to use them again. Mooring keeps their selection and favourites meanwhile.',
    );
  });
});
