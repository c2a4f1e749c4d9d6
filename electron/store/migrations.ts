import type { Database } from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3 … in order; the database's `user_version` is the last one applied. */
  readonly version: number;
  readonly summary: string;
  up(db: Database): void;
}

/**
 * The schema's history. Append only: a migration that has shipped is never edited, because
 * users' databases have already run it.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    summary: 'settings: typed key/value pairs for user preferences',
    up(db) {
      db.exec(`
        CREATE TABLE settings (
          key        TEXT PRIMARY KEY NOT NULL,
          value_json TEXT NOT NULL CHECK (json_valid(value_json)),
          updated_at TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    summary: 'accounts and tenants seen: who is signed in, their tenants and each tenant status',
    up(db) {
      // No token ever lands here: tokens live only in the encrypted msal cache.
      db.exec(`
        CREATE TABLE tenants (
          tenant_id      TEXT PRIMARY KEY NOT NULL,
          display_name   TEXT NOT NULL,
          default_domain TEXT,
          seen_at        TEXT NOT NULL
        ) STRICT;

        CREATE TABLE accounts (
          account_id        TEXT PRIMARY KEY NOT NULL,
          authority_host    TEXT NOT NULL,
          username          TEXT NOT NULL,
          name              TEXT,
          home_tenant_id    TEXT NOT NULL,
          added_at          TEXT NOT NULL,
          last_signed_in_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE account_tenants (
          account_id      TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
          tenant_id       TEXT NOT NULL REFERENCES tenants (tenant_id),
          is_home         INTEGER NOT NULL CHECK (is_home IN (0, 1)),
          status          TEXT NOT NULL CHECK (status IN ('ready', 'needs-sign-in', 'error')),
          problem_code    TEXT,
          problem_message TEXT,
          checked_at      TEXT NOT NULL,
          PRIMARY KEY (account_id, tenant_id),
          CHECK ((problem_code IS NULL) = (problem_message IS NULL))
        ) STRICT;

        CREATE INDEX account_tenants_by_tenant ON account_tenants (tenant_id);
      `);
    },
  },
  {
    version: 3,
    summary:
      "subscriptions: what each signed-in account sees, the user's filters, the last listing's problems",
    up(db) {
      // Subscriptions are keyed by their id alone, with account and tenant as plain text: a row
      // outlives the accounts that saw it (marked gone, never deleted) so the user's filters
      // survive sign-out, re-sign-in and token expiry.
      db.exec(`
        CREATE TABLE subscriptions (
          subscription_id   TEXT PRIMARY KEY NOT NULL
                            CHECK (subscription_id = lower(subscription_id) AND length(subscription_id) = 36),
          display_name      TEXT NOT NULL,
          state             TEXT NOT NULL,
          tenant_id         TEXT NOT NULL
                            CHECK (tenant_id = lower(tenant_id) AND length(tenant_id) = 36),
          tenant_name       TEXT NOT NULL,
          account_id        TEXT NOT NULL,
          account_username  TEXT NOT NULL,
          also_seen_by_json TEXT NOT NULL DEFAULT '[]'
                            CHECK (json_valid(also_seen_by_json) AND json_type(also_seen_by_json) = 'array'),
          selected          INTEGER NOT NULL CHECK (selected IN (0, 1)),
          hidden            INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
          favourite         INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
          first_seen_at     TEXT NOT NULL,
          last_seen_at      TEXT NOT NULL,
          gone_at           TEXT
        ) STRICT;
        CREATE INDEX subscriptions_in_view_order
          ON subscriptions (favourite DESC, tenant_name COLLATE NOCASE, display_name COLLATE NOCASE, subscription_id)
          WHERE gone_at IS NULL;
        CREATE INDEX subscriptions_by_tenant ON subscriptions (tenant_id);

        CREATE TABLE subscription_sightings (
          subscription_id  TEXT NOT NULL REFERENCES subscriptions (subscription_id) ON DELETE CASCADE,
          account_id       TEXT NOT NULL,
          account_username TEXT NOT NULL,
          tenant_id        TEXT NOT NULL,
          seen_at          TEXT NOT NULL,
          PRIMARY KEY (subscription_id, account_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX subscription_sightings_by_account_tenant
          ON subscription_sightings (account_id, tenant_id);

        CREATE TABLE subscription_tenant_choices (
          tenant_id TEXT PRIMARY KEY NOT NULL,
          chosen_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE subscription_listing_problems (
          account_id  TEXT NOT NULL,
          tenant_id   TEXT NOT NULL,
          tenant_name TEXT NOT NULL,
          code        TEXT NOT NULL,
          message     TEXT NOT NULL,
          PRIMARY KEY (account_id, tenant_id)
        ) STRICT;

        CREATE TABLE subscription_refreshes (
          id           INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
          refreshed_at TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
];

export const latestSchemaVersion = (list: readonly Migration[] = migrations): number =>
  list.at(-1)?.version ?? 0;
