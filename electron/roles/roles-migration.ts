import type { Migration } from '../store/migrations';

/**
 * Migration 8: what Mooring has seen of role assignments and role definitions, and the grants it
 * runs. Keys follow the inventory: ARM ids as Azure gave them plus a lower-cased key. Assignments
 * no longer listed get `removed_at`; a grant row keeps its own resumable state (the assignment's
 * GUID, the next attempt, the deadline of the wait for Entra ID) so a restart carries it on.
 */
export const rolesMigration: Migration = {
  version: 8,
  summary:
    'roles: role definitions cached per subscription, role assignments seen per principal, grants and removals with their resumable state',
  up(db) {
    db.exec(`
      CREATE TABLE role_definitions (
        subscription_id    TEXT NOT NULL
                           CHECK (subscription_id = lower(subscription_id) AND length(subscription_id) = 36),
        role_guid          TEXT NOT NULL CHECK (role_guid = lower(role_guid) AND length(role_guid) = 36),
        role_definition_id TEXT NOT NULL,
        role_name          TEXT NOT NULL,
        description        TEXT NOT NULL,
        role_type          TEXT NOT NULL CHECK (role_type IN ('BuiltInRole', 'CustomRole')),
        PRIMARY KEY (subscription_id, role_guid)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE role_definition_listings (
        subscription_id TEXT PRIMARY KEY NOT NULL
                        CHECK (subscription_id = lower(subscription_id) AND length(subscription_id) = 36),
        listed_at       TEXT NOT NULL
      ) STRICT;

      CREATE TABLE role_assignments_seen (
        assignment_key     TEXT PRIMARY KEY NOT NULL CHECK (assignment_key = lower(assignment_id)),
        assignment_id      TEXT NOT NULL,
        principal_id       TEXT NOT NULL CHECK (principal_id = lower(principal_id) AND length(principal_id) = 36),
        subscription_id    TEXT NOT NULL
                           CHECK (subscription_id = lower(subscription_id) AND length(subscription_id) = 36),
        scope              TEXT NOT NULL,
        role_definition_id TEXT NOT NULL,
        role_guid          TEXT NOT NULL,
        principal_type     TEXT,
        created_on         TEXT,
        first_seen_at      TEXT NOT NULL,
        last_seen_at       TEXT NOT NULL,
        removed_at         TEXT
      ) STRICT;
      CREATE INDEX role_assignments_seen_by_principal
        ON role_assignments_seen (principal_id, subscription_id);

      CREATE TABLE role_access_reads (
        principal_id    TEXT NOT NULL CHECK (principal_id = lower(principal_id) AND length(principal_id) = 36),
        subscription_id TEXT NOT NULL
                        CHECK (subscription_id = lower(subscription_id) AND length(subscription_id) = 36),
        read_at         TEXT,
        problem_code    TEXT,
        problem_message TEXT,
        PRIMARY KEY (principal_id, subscription_id),
        CHECK ((problem_code IS NULL) = (problem_message IS NULL))
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE role_grants (
        grant_id          TEXT PRIMARY KEY NOT NULL,
        kind              TEXT NOT NULL CHECK (kind IN ('grant', 'remove')),
        compute_id        TEXT NOT NULL CHECK (compute_id LIKE '/subscriptions/%'),
        compute_key       TEXT NOT NULL CHECK (compute_key = lower(compute_id)),
        principal_id      TEXT NOT NULL CHECK (principal_id = lower(principal_id) AND length(principal_id) = 36),
        scope_id          TEXT NOT NULL CHECK (scope_id LIKE '/subscriptions/%'),
        role_guid         TEXT CHECK (role_guid IS NULL OR length(role_guid) = 36),
        role_name         TEXT NOT NULL,
        assignment_name   TEXT CHECK (assignment_name IS NULL OR length(assignment_name) = 36),
        status            TEXT NOT NULL
                          CHECK (status IN ('pending', 'running', 'waiting-for-directory', 'succeeded', 'failed')),
        attempts          INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        message           TEXT,
        assignment_id     TEXT,
        already_existed   INTEGER NOT NULL DEFAULT 0 CHECK (already_existed IN (0, 1)),
        error_code        TEXT,
        error_message     TEXT,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        next_attempt_at   TEXT,
        deadline_at       TEXT,
        CHECK ((error_code IS NULL) = (error_message IS NULL)),
        CHECK (kind = 'remove' OR (role_guid IS NOT NULL AND assignment_name IS NOT NULL))
      ) STRICT;
      CREATE INDEX role_grants_by_compute ON role_grants (compute_key, created_at);
      CREATE INDEX role_grants_unfinished ON role_grants (status)
        WHERE status IN ('pending', 'running', 'waiting-for-directory');
    `);
  },
};
