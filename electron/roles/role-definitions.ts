import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { armIdPath } from '../../shared/azure/arm-id';
import type { RoleDefinitionView } from '../../shared/domain/roles';
import type { ArmReader } from '../preflight/arm-reader';
import { readAllPages } from './arm-pages';
import { refusal } from './arm-refusal';
import { roleGuidOf } from './role-catalog';

const RoleDefinitionItem = z.object({
  id: z.string(),
  properties: z.object({
    roleName: z.string().max(512),
    description: z.string().max(4096).nullish(),
    type: z.string(),
  }),
});

interface DefinitionRow {
  role_guid: string;
  role_name: string;
  description: string;
  role_type: 'BuiltInRole' | 'CustomRole';
}

const toView = (row: DefinitionRow): RoleDefinitionView => ({
  roleDefinitionGuid: row.role_guid,
  roleName: row.role_name,
  description: row.description,
  type: row.role_type,
});

/** Role definitions per subscription (built-in and that subscription's custom roles), cached in SQLite. */
export interface RoleDefinitionCache {
  /** Lists them from Azure when the cache is older than its lifetime (or `force`). */
  ensure(subscriptionId: string, arm: ArmReader, force?: boolean): Promise<void>;
  nameOf(subscriptionId: string, roleGuid: string): string | null;
  find(subscriptionId: string, roleGuid: string): RoleDefinitionView | null;
  search(subscriptionId: string, query: string, limit?: number): RoleDefinitionView[];
}

export function createRoleDefinitionCache(
  db: Database,
  options: { now: () => Date; lifetimeMs: number },
): RoleDefinitionCache {
  const listedAt = db.prepare<[string], { listed_at: string }>(
    'SELECT listed_at FROM role_definition_listings WHERE subscription_id = ?',
  );
  const clear = db.prepare<[string]>('DELETE FROM role_definitions WHERE subscription_id = ?');
  const insert = db.prepare<[string, string, string, string, string, string]>(`
    INSERT OR REPLACE INTO role_definitions
      (subscription_id, role_guid, role_definition_id, role_name, description, role_type)
    VALUES (?, ?, ?, ?, ?, ?)
  `);
  const markListed = db.prepare<[string, string]>(`
    INSERT INTO role_definition_listings (subscription_id, listed_at) VALUES (?, ?)
    ON CONFLICT (subscription_id) DO UPDATE SET listed_at = excluded.listed_at
  `);
  const byGuid = db.prepare<[string, string], DefinitionRow>(
    'SELECT role_guid, role_name, description, role_type FROM role_definitions WHERE subscription_id = ? AND role_guid = ?',
  );
  const all = db.prepare<[string], DefinitionRow>(`
    SELECT role_guid, role_name, description, role_type FROM role_definitions
     WHERE subscription_id = ? ORDER BY role_name COLLATE NOCASE
  `);

  const store = db.transaction((subscriptionId: string, items: readonly unknown[]) => {
    clear.run(subscriptionId);
    for (const item of items) {
      const parsed = RoleDefinitionItem.safeParse(item);
      const guid = parsed.success ? roleGuidOf(parsed.data.id) : null;
      if (!parsed.success || !guid) continue; // one unreadable entry does not spoil the list
      const { roleName, description, type } = parsed.data.properties;
      insert.run(
        subscriptionId,
        guid,
        parsed.data.id,
        roleName,
        description ?? '',
        type === 'CustomRole' ? 'CustomRole' : 'BuiltInRole',
      );
    }
    markListed.run(subscriptionId, options.now().toISOString());
  });

  return {
    async ensure(subscriptionId, arm, force = false) {
      const sub = subscriptionId.toLowerCase();
      const last = listedAt.get(sub)?.listed_at;
      const fresh = last && options.now().getTime() - Date.parse(last) < options.lifetimeMs;
      if (fresh && !force) return;
      const path = `${armIdPath({ subscriptionId: sub, resourceGroup: null, levels: [] })}/providers/Microsoft.Authorization/roleDefinitions`;
      const read = await readAllPages(arm, path);
      if (!read.ok) {
        // Names stay as cached; the caller shows role GUIDs where none is known.
        if (last) return;
        throw refusal(read.answer, 'list the role definitions', read.reason);
      }
      store(sub, read.items);
    },
    nameOf(subscriptionId, roleGuid) {
      return byGuid.get(subscriptionId.toLowerCase(), roleGuid.toLowerCase())?.role_name ?? null;
    },
    find(subscriptionId, roleGuid) {
      const row = byGuid.get(subscriptionId.toLowerCase(), roleGuid.toLowerCase());
      return row ? toView(row) : null;
    },
    search(subscriptionId, query, limit = 50) {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const rows = all.all(subscriptionId.toLowerCase()).map(toView);
      const matching = rows.filter((role) => {
        const text = `${role.roleName} ${role.description}`.toLowerCase();
        return words.every((word) => text.includes(word));
      });
      // Names that match come before descriptions that do.
      const q = query.trim().toLowerCase();
      matching.sort(
        (a, b) =>
          Number(!a.roleName.toLowerCase().includes(q)) -
          Number(!b.roleName.toLowerCase().includes(q)),
      );
      return matching.slice(0, limit);
    },
  };
}
