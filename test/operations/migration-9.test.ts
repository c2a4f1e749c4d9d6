import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { migrations } from '../../electron/store/migrations';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-migration-9-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = () => path.join(dir, 'mooring.sqlite3');

describe('migration 9: attach and grant', () => {
  it('upgrades a database of version 8 with a strict table of presets waiting for their attach', () => {
    const before = openDatabase({
      path: file(),
      migrations: migrations.filter((m) => m.version <= 8),
    });
    expect(before.pragma('user_version', { simple: true })).toBe(8);
    before.close();
    const db = openDatabase({ path: file() });
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(9);
    const table = db
      .prepare("SELECT strict FROM pragma_table_list WHERE name = 'after_attach_grants'")
      .get() as { strict: number } | undefined;
    expect(table?.strict).toBe(1);
    const insert = (preset: string, status = 'waiting') =>
      db
        .prepare(
          `INSERT INTO after_attach_grants (operation_id, preset, status, created_at, updated_at)
           VALUES ('op-1', ?, ?, 'now', 'now')`,
        )
        .run(preset, status);
    insert('acr-pull');
    expect(() => insert('owner')).toThrow(/CHECK/);
    expect(() => insert('key-vault-secrets-user', 'maybe')).toThrow(/CHECK/);
    // One row per preset of an attach: asking twice keeps one.
    expect(() => insert('acr-pull')).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });
});
