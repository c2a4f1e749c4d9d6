import type { ScopedSubscription } from './inventory-scope';

/** The scope as a JSON array SQLite reads with json_each: one entry per subscription. */
export const scopeJson = (scope: readonly ScopedSubscription[]): string => {
  const seen = new Map<string, { id: string; name: string }>();
  for (const subscription of scope) {
    const id = subscription.subscriptionId.toLowerCase();
    if (!seen.has(id)) seen.set(id, { id, name: subscription.subscriptionName });
  }
  return JSON.stringify([...seen.values()]);
};

/** Prefixes a query with the scope as a table: `scope (subscription_id, subscription_name)`. */
export const SCOPE_CTE = `
  WITH scope (subscription_id, subscription_name) AS (
    SELECT value ->> '$.id', value ->> '$.name' FROM json_each(@scope)
  )`;
