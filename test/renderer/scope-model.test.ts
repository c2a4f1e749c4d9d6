// Renderer logic, tested in plain Node: the unit-test config only collects test/**, outside
// test/browser, so these sit beside the browser tests of the same screens.
import { describe, expect, it } from 'vitest';
import {
  groupByTenant,
  scopeLabel,
  summariseScope,
  tenantDomainsOf,
  windowTitle,
} from '../../renderer/src/scope/scope-model';
import { CONTOSO, FABRIKAM, NORTHWIND, subscription } from './fixtures';

const names = (groups: ReturnType<typeof groupByTenant>) =>
  groups.map((group) => [group.tenantName, group.subscriptions.map((s) => s.displayName)]);

describe('the subscription picker model', () => {
  it('finds a subscription by any mix of words from its name, id, tenant and account', () => {
    const wanted = subscription({ displayName: 'ML Production', tenantId: FABRIKAM });
    const others = [
      subscription({ displayName: 'ML Development', tenantId: FABRIKAM }),
      subscription({ displayName: 'ML Production', tenantId: CONTOSO }),
    ];
    const all = [wanted, ...others];
    const find = (query: string) =>
      groupByTenant(all, { query, showHidden: false }).flatMap((group) =>
        group.subscriptions.map((s) => s.subscriptionId),
      );

    expect(find('fabrikam PRODUCTION')).toEqual([wanted.subscriptionId]);
    expect(find(wanted.subscriptionId.slice(-6))).toEqual([wanted.subscriptionId]);
    expect(find('production admin@contoso')).toHaveLength(2);
    expect(find('production nowhere')).toEqual([]);
  });

  it('leaves hidden subscriptions out unless asked to show them', () => {
    const hidden = subscription({ displayName: 'Old sandbox', hidden: true });
    const shown = subscription({ displayName: 'Production' });

    expect(names(groupByTenant([hidden, shown], { query: '', showHidden: false }))).toEqual([
      ['Contoso Ltd', ['Production']],
    ]);
    expect(names(groupByTenant([hidden, shown], { query: '', showHidden: true }))).toEqual([
      ['Contoso Ltd', ['Old sandbox', 'Production']],
    ]);
  });

  it('groups by tenant name and lists favourites first within each tenant', () => {
    const groups = groupByTenant(
      [
        subscription({ displayName: 'Alpha', tenantId: NORTHWIND }),
        subscription({ displayName: 'Beta', tenantId: CONTOSO }),
        subscription({ displayName: 'Zulu', tenantId: CONTOSO, favourite: true }),
        subscription({ displayName: 'Alpha', tenantId: CONTOSO }),
      ],
      { query: '', showHidden: false },
    );

    expect(names(groups)).toEqual([
      ['Contoso Ltd', ['Zulu', 'Alpha', 'Beta']],
      ['Northwind Traders', ['Alpha']],
    ]);
  });

  it('counts a tenant’s selection over all its visible subscriptions, whatever the search', () => {
    const [group] = groupByTenant(
      [
        subscription({ displayName: 'Prod', selected: true }),
        subscription({ displayName: 'Dev', selected: true }),
        subscription({ displayName: 'Test' }),
        subscription({ displayName: 'Hidden prod', selected: true, hidden: true }),
      ],
      { query: 'prod', showHidden: false },
    );

    expect(group?.subscriptions.map((s) => s.displayName)).toEqual(['Prod']);
    expect(group).toMatchObject({ selectedCount: 2, visibleCount: 3 });
  });

  it('describes the scope as the selected subscriptions that are not hidden', () => {
    const summary = summariseScope([
      subscription({ tenantId: CONTOSO, selected: true }),
      subscription({ tenantId: FABRIKAM, selected: true }),
      subscription({ tenantId: FABRIKAM }),
      subscription({ tenantId: NORTHWIND, selected: true, hidden: true }),
    ]);

    expect(scopeLabel(summary)).toBe('2 tenants · 2 of 3 subscriptions');
    expect(windowTitle('Mooring', summary)).toBe('Mooring — 2 tenants (2 subscriptions)');
  });

  it('names the tenant in the window title when the scope holds only one', () => {
    const summary = summariseScope([
      subscription({ tenantId: CONTOSO, selected: true }),
      subscription({ tenantId: CONTOSO, selected: true }),
    ]);

    expect(windowTitle('Mooring', summary)).toBe('Mooring — Contoso Ltd (2 subscriptions)');
    expect(scopeLabel(summary)).toBe('1 tenant · 2 of 2 subscriptions');
  });

  it('titles the window with the product alone when nothing is in scope', () => {
    expect(windowTitle('Mooring', summariseScope([subscription()]))).toBe('Mooring');
    expect(windowTitle('Mooring', null)).toBe('Mooring');
    expect(scopeLabel(summariseScope([]))).toBe('No subscriptions');
  });
});

describe('searching and ordering the picker', () => {
  it('finds a subscription by any account that reaches it and by its tenant domain', () => {
    const shared = subscription({
      displayName: 'Shared clusters',
      accountUsername: 'admin@contoso.com',
      alsoSeenBy: ['ops@fabrikam.com'],
    });
    const other = subscription({ displayName: 'Other' });
    const found = (query: string, tenantDomains?: ReadonlyMap<string, string>) =>
      groupByTenant([shared, other], {
        query,
        showHidden: false,
        ...(tenantDomains ? { tenantDomains } : {}),
      }).flatMap((group) => group.subscriptions.map((s) => s.displayName));
    expect(found('ops@fabrikam')).toEqual(['Shared clusters']);
    const domains = tenantDomainsOf([
      { tenants: [{ tenantId: shared.tenantId, defaultDomain: 'Contoso.onmicrosoft.com' }] },
    ]);
    expect(found('contoso.onmicrosoft', domains).sort()).toEqual(['Other', 'Shared clusters']);
    expect(found('fabrikam.onmicrosoft', domains)).toEqual([]);
  });

  it('keeps the order it opened with when a subscription is starred, so the row stays put', () => {
    const alpha = subscription({ displayName: 'Alpha' });
    const zulu = subscription({ displayName: 'Zulu' });
    const favouriteOrder = new Map([
      [alpha.subscriptionId, false],
      [zulu.subscriptionId, false],
    ]);
    const starred = { ...zulu, favourite: true };
    const order = (filter: Parameters<typeof groupByTenant>[1]) =>
      groupByTenant([alpha, starred], filter).flatMap((g) =>
        g.subscriptions.map((s) => s.displayName),
      );
    expect(order({ query: '', showHidden: false, favouriteOrder })).toEqual(['Alpha', 'Zulu']);
    // Opened again, favourites come first.
    expect(order({ query: '', showHidden: false })).toEqual(['Zulu', 'Alpha']);
  });
});
