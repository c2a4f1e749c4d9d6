import type { Database } from 'better-sqlite3';
import { driftMigration } from '../inventory/drift-migration';
import { afterAttachMigration } from '../operations/after-attach-migration';
import { roleKindsMigration } from '../operations/role-kinds-migration';
import { rolesMigration } from '../roles/roles-migration';

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
  {
    version: 4,
    summary:
      'inventory: Azure ML workspaces and computes of the selected subscriptions, compute state history, refresh problems',
    up(db) {
      // ARM ids are case-insensitive: each row keeps the id as ARM gave it and a lower-cased key
      // that every lookup and join uses. Rows are never deleted by a refresh: what Azure no longer
      // returns gets `removed_at` ("removed outside Mooring") and comes back cleanly if it reappears.
      // No secret is ever stored: computes keep named, non-secret fields only.
      // compute_state_history.provisioning_state is Azure's provisioning state, or 'Removed' when a
      // refresh found the compute gone.
      db.exec(`
        CREATE TABLE workspaces (
          workspace_key      TEXT PRIMARY KEY NOT NULL CHECK (workspace_key = lower(workspace_id)),
          workspace_id       TEXT NOT NULL CHECK (workspace_id LIKE '/subscriptions/%'),
          subscription_id    TEXT NOT NULL
                             CHECK (subscription_id = lower(subscription_id) AND length(subscription_id) = 36),
          tenant_id          TEXT NOT NULL
                             CHECK (tenant_id = lower(tenant_id) AND length(tenant_id) = 36),
          resource_group     TEXT NOT NULL,
          name               TEXT NOT NULL,
          friendly_name      TEXT,
          location           TEXT NOT NULL,
          storage_account    TEXT,
          container_registry TEXT,
          key_vault          TEXT,
          first_seen_at      TEXT NOT NULL,
          last_synced_at     TEXT NOT NULL,
          removed_at         TEXT
        ) STRICT;
        CREATE INDEX workspaces_by_subscription
          ON workspaces (subscription_id, name COLLATE NOCASE);

        CREATE TABLE computes (
          compute_key               TEXT PRIMARY KEY NOT NULL CHECK (compute_key = lower(compute_id)),
          compute_id                TEXT NOT NULL CHECK (compute_id LIKE '/subscriptions/%'),
          workspace_key             TEXT NOT NULL
                                    REFERENCES workspaces (workspace_key) ON DELETE CASCADE,
          name                      TEXT NOT NULL,
          compute_type              TEXT NOT NULL,
          provisioning_state        TEXT NOT NULL,
          provisioning_errors_json  TEXT NOT NULL DEFAULT '[]'
                                    CHECK (json_valid(provisioning_errors_json)
                                           AND json_type(provisioning_errors_json) = 'array'),
          cluster_id                TEXT,
          namespace                 TEXT,
          identity_type             TEXT NOT NULL,
          user_assigned_identity_id TEXT,
          principal_id              TEXT,
          description               TEXT,
          first_seen_at             TEXT NOT NULL,
          last_synced_at            TEXT NOT NULL,
          removed_at                TEXT
        ) STRICT;
        CREATE INDEX computes_by_workspace ON computes (workspace_key, name COLLATE NOCASE);

        CREATE TABLE compute_state_history (
          history_id               INTEGER PRIMARY KEY NOT NULL,
          compute_key              TEXT NOT NULL REFERENCES computes (compute_key) ON DELETE CASCADE,
          provisioning_state       TEXT NOT NULL,
          provisioning_errors_json TEXT NOT NULL DEFAULT '[]'
                                   CHECK (json_valid(provisioning_errors_json)
                                          AND json_type(provisioning_errors_json) = 'array'),
          seen_at                  TEXT NOT NULL,
          source                   TEXT NOT NULL CHECK (source IN ('refresh', 'operation'))
        ) STRICT;
        CREATE INDEX compute_state_history_by_compute
          ON compute_state_history (compute_key, history_id);

        CREATE TABLE inventory_refreshes (
          refresh_id         INTEGER PRIMARY KEY NOT NULL,
          started_at         TEXT NOT NULL,
          finished_at        TEXT,
          subscription_count INTEGER NOT NULL CHECK (subscription_count >= 0)
        ) STRICT;

        CREATE TABLE inventory_problems (
          problem_id        INTEGER PRIMARY KEY NOT NULL,
          refresh_id        INTEGER NOT NULL
                            REFERENCES inventory_refreshes (refresh_id) ON DELETE CASCADE,
          subscription_id   TEXT NOT NULL
                            CHECK (subscription_id = lower(subscription_id) AND length(subscription_id) = 36),
          subscription_name TEXT NOT NULL,
          workspace_id      TEXT,
          code              TEXT NOT NULL,
          message           TEXT NOT NULL
        ) STRICT;
        CREATE INDEX inventory_problems_by_refresh ON inventory_problems (refresh_id);
      `);
    },
  },
  {
    version: 5,
    summary: 'inventory_listings: when each subscription was last listed from Azure',
    up(db) {
      // The age shown beside the inventory is the age of the data, so each subscription's last
      // successful listing is kept. Seeded from what an earlier version recorded (the latest
      // sync or removal of its workspaces), so an upgrade keeps its ages.
      db.exec(`
        CREATE TABLE inventory_listings (
          subscription_id TEXT PRIMARY KEY NOT NULL
                          CHECK (subscription_id = lower(subscription_id) AND length(subscription_id) = 36),
          listed_at       TEXT NOT NULL
        ) STRICT;
        INSERT INTO inventory_listings (subscription_id, listed_at)
          SELECT subscription_id, max(max(last_synced_at), coalesce(max(removed_at), ''))
            FROM workspaces GROUP BY subscription_id;
      `);
    },
  },
  {
    version: 6,
    summary:
      'discovery: AKS and Arc clusters with their Azure ML extension, user-assigned identities, the listing a problem came from',
    up(db) {
      // Keyed like workspaces and computes: the id as ARM gave it plus its lower-cased key; rows a
      // listing no longer returns get `removed_at`. A cluster keeps at most one Azure ML extension
      // (its columns all set or all null); `extension_readable = 0` means its extensions could
      // not be listed, so nothing is known about one. `connectivity_status` is Arc's alone and
      // `private_cluster` AKS's alone. inventory_problems.listing names the clusters or identities
      // listing a problem came from (NULL: workspaces or computes, as before).
      db.exec(`
        CREATE TABLE clusters (
          cluster_key                  TEXT PRIMARY KEY NOT NULL CHECK (cluster_key = lower(cluster_id)),
          cluster_id                   TEXT NOT NULL CHECK (cluster_id LIKE '/subscriptions/%'),
          kind                         TEXT NOT NULL CHECK (kind IN ('aks', 'arc')),
          subscription_id              TEXT NOT NULL
                                       CHECK (subscription_id = lower(subscription_id) AND length(subscription_id) = 36),
          tenant_id                    TEXT NOT NULL
                                       CHECK (tenant_id = lower(tenant_id) AND length(tenant_id) = 36),
          resource_group               TEXT NOT NULL,
          name                         TEXT NOT NULL,
          location                     TEXT NOT NULL,
          connectivity_status          TEXT CHECK (kind = 'arc' OR connectivity_status IS NULL),
          private_cluster              INTEGER
                                       CHECK (private_cluster IN (0, 1)
                                              AND (kind = 'aks' OR private_cluster IS NULL)),
          extension_readable           INTEGER NOT NULL CHECK (extension_readable IN (0, 1)),
          extension_id                 TEXT CHECK (extension_id LIKE '/subscriptions/%'),
          extension_name               TEXT,
          extension_provisioning_state TEXT,
          extension_version            TEXT,
          extension_release_train      TEXT,
          first_seen_at                TEXT NOT NULL,
          last_synced_at               TEXT NOT NULL,
          removed_at                   TEXT,
          CHECK ((extension_id IS NULL) = (extension_name IS NULL)
                 AND (extension_id IS NULL) = (extension_provisioning_state IS NULL)
                 AND (extension_id IS NOT NULL OR (extension_version IS NULL AND extension_release_train IS NULL))),
          CHECK (extension_readable = 1 OR extension_id IS NULL)
        ) STRICT;
        CREATE INDEX clusters_by_subscription
          ON clusters (subscription_id, kind, name COLLATE NOCASE);

        CREATE TABLE user_assigned_identities (
          identity_key    TEXT PRIMARY KEY NOT NULL CHECK (identity_key = lower(identity_id)),
          identity_id     TEXT NOT NULL CHECK (identity_id LIKE '/subscriptions/%'),
          subscription_id TEXT NOT NULL
                          CHECK (subscription_id = lower(subscription_id) AND length(subscription_id) = 36),
          tenant_id       TEXT NOT NULL
                          CHECK (tenant_id = lower(tenant_id) AND length(tenant_id) = 36),
          resource_group  TEXT NOT NULL,
          name            TEXT NOT NULL,
          location        TEXT NOT NULL,
          client_id       TEXT NOT NULL CHECK (length(client_id) > 0),
          principal_id    TEXT NOT NULL CHECK (length(principal_id) > 0),
          first_seen_at   TEXT NOT NULL,
          last_synced_at  TEXT NOT NULL,
          removed_at      TEXT
        ) STRICT;
        CREATE INDEX user_assigned_identities_by_subscription
          ON user_assigned_identities (subscription_id, name COLLATE NOCASE);

        ALTER TABLE inventory_problems ADD COLUMN listing TEXT
          CHECK (listing IN ('clusters', 'identities'));
      `);
    },
  },
  {
    version: 7,
    summary:
      'operation journal: every attach, identity change and detach with its request, polls, resume state; operation-observed compute states',
    up(db) {
      // A row is written (pending) before its request is sent and marked running with the URL to
      // follow right after Azure answers, so a restart can always finish it. At most one pending or
      // running row per compute: two operations on one compute would only meet Azure's 409.
      // resume_json holds what finishing needs: the Azure-AsyncOperation / Location URLs as given
      // and what the compute must show once the request took effect.
      db.exec(`
        CREATE TABLE operations (
          operation_id       TEXT PRIMARY KEY NOT NULL,
          kind               TEXT NOT NULL CHECK (kind IN ('attach', 'update-identity', 'detach')),
          status             TEXT NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed')),
          account_id         TEXT NOT NULL,
          tenant_id          TEXT NOT NULL CHECK (tenant_id = lower(tenant_id) AND length(tenant_id) = 36),
          subscription_id    TEXT NOT NULL
                             CHECK (subscription_id = lower(subscription_id) AND length(subscription_id) = 36),
          compute_key        TEXT NOT NULL CHECK (compute_key = lower(compute_id)),
          compute_id         TEXT NOT NULL CHECK (compute_id LIKE '/subscriptions/%'),
          compute_name       TEXT NOT NULL,
          workspace_id       TEXT NOT NULL CHECK (workspace_id LIKE '/subscriptions/%'),
          workspace_name     TEXT NOT NULL,
          cluster_id         TEXT,
          request_method     TEXT NOT NULL CHECK (request_method IN ('PUT', 'DELETE')),
          request_url        TEXT NOT NULL,
          request_body       TEXT CHECK (request_body IS NULL OR json_valid(request_body)),
          commands_json      TEXT NOT NULL CHECK (json_valid(commands_json)),
          summary            TEXT NOT NULL,
          created_at         TEXT NOT NULL,
          started_at         TEXT,
          ended_at           TEXT,
          last_polled_at     TEXT,
          poll_count         INTEGER NOT NULL DEFAULT 0 CHECK (poll_count >= 0),
          send_count         INTEGER NOT NULL DEFAULT 0 CHECK (send_count >= 0),
          provisioning_state TEXT,
          errors_json        TEXT NOT NULL DEFAULT '[]'
                             CHECK (json_valid(errors_json) AND json_type(errors_json) = 'array'),
          message            TEXT,
          resume_json        TEXT NOT NULL DEFAULT '{}'
                             CHECK (json_valid(resume_json) AND json_type(resume_json) = 'object'),
          CHECK ((status IN ('succeeded', 'failed')) = (ended_at IS NOT NULL))
        ) STRICT;
        CREATE UNIQUE INDEX operations_one_active_per_compute
          ON operations (compute_key) WHERE status IN ('pending', 'running');
        CREATE INDEX operations_by_status ON operations (status, created_at);
        CREATE INDEX operations_by_compute ON operations (compute_key, created_at);

        CREATE TABLE operation_polls (
          operation_id        TEXT NOT NULL REFERENCES operations (operation_id) ON DELETE CASCADE,
          poll_number         INTEGER NOT NULL CHECK (poll_number >= 1),
          polled_at           TEXT NOT NULL,
          http_status         INTEGER,
          status              TEXT NOT NULL,
          retry_after_seconds REAL,
          note                TEXT,
          PRIMARY KEY (operation_id, poll_number)
        ) STRICT;

        CREATE TABLE compute_identities (
          compute_key TEXT PRIMARY KEY NOT NULL REFERENCES computes (compute_key) ON DELETE CASCADE,
          principal_id TEXT,
          client_id    TEXT,
          tenant_id    TEXT,
          observed_at  TEXT NOT NULL
        ) STRICT;

        ALTER TABLE compute_state_history
          ADD COLUMN operation_id TEXT REFERENCES operations (operation_id) ON DELETE SET NULL;
      `);
    },
  },
  rolesMigration,
  afterAttachMigration,
  roleKindsMigration,
  driftMigration,
];

export const latestSchemaVersion = (list: readonly Migration[] = migrations): number =>
  list.at(-1)?.version ?? 0;
