import type { Database } from 'better-sqlite3';
import { ACTIVITY_HISTORY_LIMIT } from '../../shared/domain/activity';
import type { ActivityFilter, ActivityHistory } from '../../shared/domain/activity';
import type { OperationView } from '../../shared/domain/operations';
import { operationView, toRow } from '../operations/journal-store';
import type { JournalRow } from '../operations/journal-store';

/** A list parameter: null for "any", else the JSON array json_each reads. */
const listParameter = (values: readonly string[] | undefined, lower = false): string | null =>
  values && values.length > 0
    ? JSON.stringify(lower ? values.map((value) => value.toLowerCase()) : values)
    : null;

/**
 * The operation journal (migration 7) as a filtered log, read-only. One fixed statement: every
 * filter is a parameter that is either null ("any") or a JSON list, so no SQL is ever built from
 * input. The journal keeps tenant and subscription ids in lower case; workspace ids as Azure
 * spelled them, so they are compared without case.
 */
export function createActivityQuery(db: Database) {
  const history = db.prepare<Record<string, string | number | null>, JournalRow>(`
    SELECT * FROM operations
     WHERE (@tenants IS NULL OR tenant_id IN (SELECT value FROM json_each(@tenants)))
       AND (@subscriptions IS NULL OR subscription_id IN (SELECT value FROM json_each(@subscriptions)))
       AND (@workspaces IS NULL OR lower(workspace_id) IN (SELECT value FROM json_each(@workspaces)))
       AND (@kinds IS NULL OR kind IN (SELECT value FROM json_each(@kinds)))
       AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))
       AND (@createdFrom IS NULL OR julianday(created_at) >= julianday(@createdFrom))
       AND (@createdBefore IS NULL OR julianday(created_at) < julianday(@createdBefore))
     ORDER BY created_at DESC, operation_id
     LIMIT @take`);

  const parameters = (filter: ActivityFilter, take: number) => ({
    tenants: listParameter(filter.tenantIds, true),
    subscriptions: listParameter(filter.subscriptionIds, true),
    workspaces: listParameter(filter.workspaceIds, true),
    kinds: listParameter(filter.kinds),
    statuses: listParameter(filter.statuses),
    createdFrom: filter.createdFrom ?? null,
    createdBefore: filter.createdBefore ?? null,
    take,
  });

  return {
    /** The newest `limit` entries that pass the filter, and whether more did. */
    history(filter: ActivityFilter, limit = ACTIVITY_HISTORY_LIMIT): ActivityHistory {
      const bounded = Math.max(1, Math.min(limit, ACTIVITY_HISTORY_LIMIT));
      // One more than asked: its presence is what says the answer is truncated.
      const rows = history.all(parameters(filter, bounded + 1));
      return {
        operations: rows.slice(0, bounded).map((row) => operationView(toRow(row))),
        truncated: rows.length > bounded,
        limit: bounded,
      };
    },
    /** Every entry that passes the filter, newest first: what an export of the log writes. */
    everything(filter: ActivityFilter): OperationView[] {
      // LIMIT -1 is SQLite's "no limit".
      return history.all(parameters(filter, -1)).map((row) => operationView(toRow(row)));
    },
  };
}

export type ActivityQuery = ReturnType<typeof createActivityQuery>;
