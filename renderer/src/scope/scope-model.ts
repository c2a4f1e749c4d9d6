import type { SubscriptionView } from '../../../shared/domain/subscriptions';

/** One tenant's subscriptions as the picker lists them. */
export interface TenantGroup {
  readonly tenantId: string;
  readonly tenantName: string;
  /** After search and the hidden filter; favourites first, then by name. */
  readonly subscriptions: readonly SubscriptionView[];
  /** Of the tenant's subscriptions not hidden (whatever the search), how many are selected. */
  readonly selectedCount: number;
  readonly visibleCount: number;
}

export interface PickerFilter {
  readonly query: string;
  readonly showHidden: boolean;
  /** The domains of each tenant (from the accounts), so a search for "contoso.com" finds it. */
  readonly tenantDomains?: ReadonlyMap<string, string>;
  /**
   * Which subscriptions count as favourites for the order, when it must hold still: the picker
   * freezes it while open, so a click on a star never moves the row under the pointer.
   * Subscriptions it does not name sort by their own flag.
   */
  readonly favouriteOrder?: ReadonlyMap<string, boolean>;
}

// Built once per subscription object: the snapshot is replaced, never mutated, so a new object
// means new text and the cache stays right without any invalidation.
const haystacks = new WeakMap<SubscriptionView, string>();

function haystackOf(subscription: SubscriptionView): string {
  let text = haystacks.get(subscription);
  if (text === undefined) {
    text = [
      subscription.displayName,
      subscription.subscriptionId,
      subscription.tenantName,
      subscription.tenantId,
      subscription.accountUsername,
      ...subscription.alsoSeenBy,
    ]
      .join('\n')
      .toLowerCase();
    haystacks.set(subscription, text);
  }
  return text;
}

/** The words of a search; every word must appear somewhere in the subscription's text. */
export const searchTerms = (query: string): string[] =>
  query.toLowerCase().split(/\s+/).filter(Boolean);

export const matchesTerms = (
  subscription: SubscriptionView,
  terms: readonly string[],
  tenantDomains?: ReadonlyMap<string, string>,
): boolean => {
  if (terms.length === 0) return true;
  const text = haystackOf(subscription);
  const domains = tenantDomains?.get(subscription.tenantId) ?? '';
  return terms.every((term) => text.includes(term) || domains.includes(term));
};

/** Each tenant's domains as lower-case search text, from every account that lists it. */
export function tenantDomainsOf(
  accounts: ReadonlyArray<{
    readonly tenants: ReadonlyArray<{ tenantId: string; defaultDomain: string | null }>;
  }>,
): Map<string, string> {
  const domains = new Map<string, Set<string>>();
  for (const account of accounts) {
    for (const tenant of account.tenants) {
      if (!tenant.defaultDomain) continue;
      const set = domains.get(tenant.tenantId) ?? new Set<string>();
      set.add(tenant.defaultDomain.toLowerCase());
      domains.set(tenant.tenantId, set);
    }
  }
  return new Map([...domains].map(([tenantId, set]) => [tenantId, [...set].join('\n')]));
}

const byFavouriteThenName =
  (order: ReadonlyMap<string, boolean> | undefined) =>
  (a: SubscriptionView, b: SubscriptionView) => {
    const favourite = (s: SubscriptionView) => order?.get(s.subscriptionId) ?? s.favourite;
    return (
      Number(favourite(b)) - Number(favourite(a)) ||
      a.displayName.localeCompare(b.displayName, undefined, { sensitivity: 'base' }) ||
      a.subscriptionId.localeCompare(b.subscriptionId)
    );
  };

/** Groups the subscriptions by tenant (tenants by name) for the picker. */
export function groupByTenant(
  subscriptions: readonly SubscriptionView[],
  filter: PickerFilter,
): TenantGroup[] {
  const terms = searchTerms(filter.query);
  const groups = new Map<
    string,
    { tenantName: string; shown: SubscriptionView[]; selected: number; visible: number }
  >();
  for (const subscription of subscriptions) {
    let group = groups.get(subscription.tenantId);
    if (!group) {
      group = { tenantName: subscription.tenantName, shown: [], selected: 0, visible: 0 };
      groups.set(subscription.tenantId, group);
    }
    if (!subscription.hidden) {
      group.visible += 1;
      if (subscription.selected) group.selected += 1;
    }
    if (
      (filter.showHidden || !subscription.hidden) &&
      matchesTerms(subscription, terms, filter.tenantDomains)
    ) {
      group.shown.push(subscription);
    }
  }
  return [...groups.entries()]
    .filter(([, group]) => group.shown.length > 0)
    .map(([tenantId, group]) => ({
      tenantId,
      tenantName: group.tenantName,
      subscriptions: group.shown.sort(byFavouriteThenName(filter.favouriteOrder)),
      selectedCount: group.selected,
      visibleCount: group.visible,
    }))
    .sort((a, b) => a.tenantName.localeCompare(b.tenantName, undefined, { sensitivity: 'base' }));
}

/** What the app works on: the selected subscriptions that are not hidden. */
export interface ScopeSummary {
  readonly selectedCount: number;
  /** Subscriptions not hidden. */
  readonly availableCount: number;
  readonly hiddenCount: number;
  /** Names of the tenants with at least one subscription in scope, sorted. */
  readonly tenantNames: readonly string[];
}

export const inScope = (subscription: SubscriptionView): boolean =>
  subscription.selected && !subscription.hidden;

/** The subscriptions in scope as one comparable value, to notice when the selection changes. */
export const selectionKey = (subscriptions: readonly SubscriptionView[]): string =>
  subscriptions
    .filter(inScope)
    .map((subscription) => subscription.subscriptionId)
    .sort()
    .join(',');

export function summariseScope(subscriptions: readonly SubscriptionView[]): ScopeSummary {
  const tenants = new Set<string>();
  let selectedCount = 0;
  let hiddenCount = 0;
  for (const subscription of subscriptions) {
    if (subscription.hidden) hiddenCount += 1;
    if (inScope(subscription)) {
      selectedCount += 1;
      tenants.add(subscription.tenantName);
    }
  }
  return {
    selectedCount,
    availableCount: subscriptions.length - hiddenCount,
    hiddenCount,
    tenantNames: [...tenants].sort((a, b) => a.localeCompare(b)),
  };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "3 tenants · 12 of 40 subscriptions", for the header. */
export function scopeLabel(summary: ScopeSummary): string {
  if (summary.availableCount === 0) return 'No subscriptions';
  const tenants = plural(summary.tenantNames.length, 'tenant', 'tenants');
  return `${tenants} · ${summary.selectedCount} of ${plural(summary.availableCount, 'subscription', 'subscriptions')}`;
}

/** The window title: "Mooring — Contoso Ltd (2 subscriptions)", or just the product's name. */
export function windowTitle(productName: string, summary: ScopeSummary | null): string {
  if (!summary || summary.selectedCount === 0) return productName;
  const [onlyTenant] = summary.tenantNames;
  const where =
    summary.tenantNames.length === 1 && onlyTenant !== undefined
      ? onlyTenant
      : plural(summary.tenantNames.length, 'tenant', 'tenants');
  return `${productName} — ${where} (${plural(summary.selectedCount, 'subscription', 'subscriptions')})`;
}
