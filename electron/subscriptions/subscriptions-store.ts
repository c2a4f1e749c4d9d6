import type { Database } from 'better-sqlite3';
import type {
  ListingProblem,
  SubscriptionFilterChange,
  SubscriptionView,
  SubscriptionsSnapshot,
} from '../../shared/domain/subscriptions';
import { AppError } from '../core/errors';
import { resolveSightings } from './sightings';
import type { Memberships, Sighting, TenantListing } from './sightings';

export type { TenantListing } from './sightings';

interface SubscriptionRow {
  subscription_id: string;
  display_name: string;
  state: string;
  tenant_id: string;
  tenant_name: string;
  account_id: string;
  account_username: string;
  also_seen_by_json: string;
  selected: number;
  hidden: number;
  favourite: number;
  last_seen_at: string;
  offered: number;
}

interface SightingRow {
  subscription_id: string;
  account_id: string;
  account_username: string;
  tenant_id: string;
  seen_at: string;
}

interface SeenByRow {
  subscription_id: string;
  account_username: string;
  also_seen_by_json: string;
}

interface ProblemRow {
  account_id: string;
  tenant_id: string;
  tenant_name: string;
  code: string;
  message: string;
}

const toView = (row: SubscriptionRow): SubscriptionView => ({
  subscriptionId: row.subscription_id,
  displayName: row.display_name,
  state: row.state,
  tenantId: row.tenant_id,
  tenantName: row.tenant_name,
  accountId: row.account_id,
  accountUsername: row.account_username,
  alsoSeenBy: JSON.parse(row.also_seen_by_json) as string[],
  selected: row.selected === 1,
  hidden: row.hidden === 1,
  favourite: row.favourite === 1,
  lastSeenAt: row.last_seen_at,
  offered: row.offered === 1,
});

const flag = (value: boolean | undefined): number | null =>
  value === undefined ? null : value ? 1 : 0;

/**
 * The local record of subscriptions (tables of migration 3): what the signed-in accounts saw at
 * the last refresh, and the user's filters. Every write is one transaction.
 */
export interface SubscriptionsStore {
  /**
   * The subscriptions some account saw and still may (signed in or waiting for a sign-in),
   * favourites first, then by tenant and name.
   */
  snapshot(): SubscriptionsSnapshot;
  /**
   * Records a refresh. A tenant that listed replaces what it saw before; any other pair keeps
   * what it saw last time (an outage, a tenant demanding sign-in or a signed-out account never
   * hides subscriptions), unless `memberships` show its account left the tenant. Subscriptions
   * no account sees any more are marked gone, never deleted, so their filters are there when
   * they come back. A newcomer joins the scope only while the user has not narrowed it;
   * otherwise it is offered (`offered` in the snapshot) until the user picks or declines it.
   * `accountOrder` lists account ids oldest sign-in first: the first one seeing a subscription
   * is the account Mooring uses for it. The refresh time moves only when a tenant listed.
   */
  recordRefresh(
    listings: readonly TenantListing[],
    accountOrder: readonly string[],
    at: string,
    memberships?: Memberships,
  ): void;
  /**
   * An account signed out: what it saw stays (its subscriptions wait for a sign-in, filters
   * kept); a subscription another account also sees is used through the next account in the
   * order of the last refresh; the account's listing problems go.
   */
  demoteAccount(accountId: string): void;
  /** Applies filter changes, refusing the whole batch when one names a subscription not in the list. */
  applyFilters(changes: readonly SubscriptionFilterChange[], at: string): void;
}

export function createSubscriptionsStore(db: Database): SubscriptionsStore {
  const statements = {
    visible: db.prepare<[], SubscriptionRow>(`
      SELECT subscription_id, display_name, state, tenant_id, tenant_name, account_id,
             account_username, also_seen_by_json, selected, hidden, favourite, last_seen_at,
             (selected = 0 AND hidden = 0 AND first_seen_at >
                coalesce((SELECT max(chosen_at) FROM subscription_tenant_choices), '')) AS offered
        FROM subscriptions
       WHERE gone_at IS NULL
       ORDER BY favourite DESC, tenant_name COLLATE NOCASE, display_name COLLATE NOCASE,
                subscription_id`),
    problems: db.prepare<[], ProblemRow>(`
      SELECT account_id, tenant_id, tenant_name, code, message
        FROM subscription_listing_problems
       ORDER BY tenant_name COLLATE NOCASE, account_id`),
    refreshedAt: db.prepare<[], { refreshed_at: string }>(
      'SELECT refreshed_at FROM subscription_refreshes WHERE id = 1',
    ),
    sightings: db.prepare<[], SightingRow>(
      'SELECT subscription_id, account_id, account_username, tenant_id, seen_at FROM subscription_sightings',
    ),
    forgetSightings: db.prepare('DELETE FROM subscription_sightings'),
    addSighting: db.prepare(`
      INSERT INTO subscription_sightings (subscription_id, account_id, account_username, tenant_id, seen_at)
      VALUES (@subscriptionId, @accountId, @username, @tenantId, @seenAt)`),
    // A new subscription is selected unless the user already chose subscriptions in its tenant,
    // or narrowed the scope anywhere (left one out or hid one): then a newcomer is offered, and
    // waits for them to pick it.
    upsertListed: db.prepare(`
      INSERT INTO subscriptions (subscription_id, display_name, state, tenant_id, tenant_name,
                                 account_id, account_username, also_seen_by_json, selected,
                                 first_seen_at, last_seen_at, gone_at)
      VALUES (@subscriptionId, @displayName, @state, @tenantId, @tenantName, @accountId, @username,
              @alsoSeenBy,
              NOT @narrowed
                AND NOT EXISTS (SELECT 1 FROM subscription_tenant_choices WHERE tenant_id = @tenantId),
              @at, @at, NULL)
      ON CONFLICT (subscription_id) DO UPDATE SET
        display_name = excluded.display_name, state = excluded.state,
        tenant_id = excluded.tenant_id, tenant_name = excluded.tenant_name,
        account_id = excluded.account_id, account_username = excluded.account_username,
        also_seen_by_json = excluded.also_seen_by_json,
        last_seen_at = excluded.last_seen_at, gone_at = NULL`),
    updateKept: db.prepare(`
      UPDATE subscriptions
         SET account_id = @accountId, account_username = @username, also_seen_by_json = @alsoSeenBy,
             gone_at = NULL
       WHERE subscription_id = @subscriptionId`),
    // Read once per refresh, before it adds anything: whether the user left a subscription out.
    narrowed: db.prepare<[], { narrowed: number }>(`
      SELECT EXISTS (SELECT 1 FROM subscriptions
                      WHERE gone_at IS NULL AND (selected = 0 OR hidden = 1)) AS narrowed`),
    markGone: db.prepare(`
      UPDATE subscriptions SET gone_at = ?
       WHERE gone_at IS NULL
         AND subscription_id NOT IN (SELECT subscription_id FROM subscription_sightings)`),
    forgetProblems: db.prepare('DELETE FROM subscription_listing_problems'),
    seenBy: db.prepare<[string], SeenByRow>(`
      SELECT subscription_id, account_username, also_seen_by_json FROM subscriptions
       WHERE subscription_id IN (SELECT subscription_id FROM subscription_sightings WHERE account_id = ?)`),
    sightingsOf: db.prepare<[string], SightingRow>(
      'SELECT subscription_id, account_id, account_username, tenant_id, seen_at FROM subscription_sightings WHERE subscription_id = ?',
    ),
    forgetProblemsOf: db.prepare<[string]>(
      'DELETE FROM subscription_listing_problems WHERE account_id = ?',
    ),
    addProblem: db.prepare(`
      INSERT INTO subscription_listing_problems (account_id, tenant_id, tenant_name, code, message)
      VALUES (@accountId, @tenantId, @tenantName, @code, @message)
      ON CONFLICT (account_id, tenant_id) DO UPDATE SET
        tenant_name = excluded.tenant_name, code = excluded.code, message = excluded.message`),
    setRefreshedAt: db.prepare(`
      INSERT INTO subscription_refreshes (id, refreshed_at) VALUES (1, ?)
      ON CONFLICT (id) DO UPDATE SET refreshed_at = excluded.refreshed_at`),
    visibleTenantOf: db.prepare<[string], { tenant_id: string }>(
      'SELECT tenant_id FROM subscriptions WHERE subscription_id = ? AND gone_at IS NULL',
    ),
    setFlags: db.prepare(`
      UPDATE subscriptions
         SET selected = coalesce(@selected, selected), hidden = coalesce(@hidden, hidden),
             favourite = coalesce(@favourite, favourite)
       WHERE subscription_id = @subscriptionId`),
    rememberTenantChoice: db.prepare(`
      INSERT INTO subscription_tenant_choices (tenant_id, chosen_at) VALUES (?, ?)
      ON CONFLICT (tenant_id) DO UPDATE SET chosen_at = excluded.chosen_at`),
  };

  const snapshot = (): SubscriptionsSnapshot => ({
    subscriptions: statements.visible.all().map(toView),
    problems: statements.problems.all().map((row): ListingProblem => ({
      accountId: row.account_id,
      tenantId: row.tenant_id,
      tenantName: row.tenant_name,
      problem: { code: row.code, message: row.message },
    })),
    refreshedAt: statements.refreshedAt.get()?.refreshed_at ?? null,
  });

  const recordRefresh = db.transaction(
    (
      listings: readonly TenantListing[],
      accountOrder: readonly string[],
      at: string,
      memberships: Memberships | undefined,
    ) => {
      const previous = statements.sightings.all().map((row): Sighting => ({
        subscriptionId: row.subscription_id,
        accountId: row.account_id,
        username: row.account_username,
        tenantId: row.tenant_id,
        seenAt: row.seen_at,
      }));
      const resolved = resolveSightings(previous, listings, accountOrder, at, memberships);
      const narrowed = statements.narrowed.get()?.narrowed ?? 0;

      statements.forgetSightings.run();
      for (const { subscriptionId, sightings, listed } of resolved) {
        const [primary, ...others] = sightings;
        const account = {
          subscriptionId,
          accountId: primary.accountId,
          username: primary.username,
          alsoSeenBy: JSON.stringify(others.map((s) => s.username)),
        };
        if (listed) {
          statements.upsertListed.run({
            ...account,
            displayName: listed.subscription.displayName,
            state: listed.subscription.state,
            tenantId: listed.subscription.tenantId,
            tenantName: listed.tenantName,
            narrowed,
            at,
          });
        } else {
          statements.updateKept.run(account);
        }
        for (const sighting of sightings) statements.addSighting.run(sighting);
      }
      statements.markGone.run(at);

      statements.forgetProblems.run();
      for (const listing of listings) {
        if (!('problem' in listing)) continue;
        statements.addProblem.run({
          accountId: listing.tenant.accountId,
          tenantId: listing.tenant.tenantId.toLowerCase(),
          tenantName: listing.tenant.tenantName,
          code: listing.problem.code,
          message: listing.problem.message,
        });
      }
      // The age shown is the age of the list: a refresh in which every tenant failed changed
      // nothing, so it leaves the time of the last one that listed something.
      if (listings.some((listing) => !('problem' in listing))) statements.setRefreshedAt.run(at);
    },
  );

  const demoteAccount = db.transaction((accountId: string) => {
    for (const row of statements.seenBy.all(accountId)) {
      // The order of the last refresh stays, the signed-out account moved to the end: the next
      // account seeing the subscription is used from now on; the signed-out one is still named.
      const order = [row.account_username, ...(JSON.parse(row.also_seen_by_json) as string[])];
      const rank = (sighting: SightingRow) => {
        if (sighting.account_id === accountId) return order.length + 1;
        const index = order.indexOf(sighting.account_username);
        return index === -1 ? order.length : index;
      };
      const [primary, ...others] = statements.sightingsOf
        .all(row.subscription_id)
        .sort((a, b) => rank(a) - rank(b) || a.account_username.localeCompare(b.account_username));
      if (!primary) continue;
      statements.updateKept.run({
        subscriptionId: row.subscription_id,
        accountId: primary.account_id,
        username: primary.account_username,
        alsoSeenBy: JSON.stringify(others.map((s) => s.account_username)),
      });
    }
    statements.forgetProblemsOf.run(accountId);
  });

  const applyFilters = db.transaction(
    (changes: readonly SubscriptionFilterChange[], at: string) => {
      const tenantOf = new Map<string, string>();
      const unknown: string[] = [];
      for (const change of changes) {
        const id = change.subscriptionId.toLowerCase();
        if (tenantOf.has(id)) continue;
        const row = statements.visibleTenantOf.get(id);
        if (row) tenantOf.set(id, row.tenant_id);
        else if (!unknown.includes(change.subscriptionId)) unknown.push(change.subscriptionId);
      }
      if (unknown.length > 0) {
        const named =
          unknown.slice(0, 3).join(', ') +
          (unknown.length > 3 ? ` and ${unknown.length - 3} more` : '');
        throw new AppError(
          'not-found',
          `No signed-in account sees subscription ${named}, so no filter was changed; refresh the subscription list and try again.`,
          { unknownSubscriptionIds: unknown },
        );
      }
      for (const change of changes) {
        const subscriptionId = change.subscriptionId.toLowerCase();
        statements.setFlags.run({
          subscriptionId,
          selected: flag(change.selected),
          hidden: flag(change.hidden),
          favourite: flag(change.favourite),
        });
        const tenantId = tenantOf.get(subscriptionId);
        if (change.selected !== undefined && tenantId)
          statements.rememberTenantChoice.run(tenantId, at);
      }
    },
  );

  return {
    snapshot,
    recordRefresh: (listings, accountOrder, at, memberships) =>
      recordRefresh.immediate(listings, accountOrder, at, memberships),
    demoteAccount: (accountId) => demoteAccount.immediate(accountId),
    applyFilters: (changes, at) => applyFilters.immediate(changes, at),
  };
}
