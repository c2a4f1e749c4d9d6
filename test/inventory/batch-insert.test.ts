import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SQLITE_MAX_PARAMETERS,
  createBatchInserter,
  type InsertShape,
} from '../../electron/inventory/batch-insert';

// Multi-row INSERTs at and around their chunk boundary: a row lost, doubled or out of order at
// exactly N, N + 1 or a remainder's binary digits fails here.

let db: Database;
let prepared: string[];
const parents: InsertShape = {
  head: 'INSERT INTO parents (id, label) VALUES',
  row: '(?, upper(?))',
  parameters: 2,
};
const children: InsertShape = {
  head: 'INSERT INTO children (parent_id) VALUES',
  row: '(?)',
  parameters: 1,
};

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE parents (id INTEGER PRIMARY KEY NOT NULL, label TEXT NOT NULL) STRICT;
    CREATE TABLE children (parent_id INTEGER NOT NULL REFERENCES parents (id)) STRICT;`);
  prepared = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
});
afterEach(() => db.close());

const labels = () =>
  db
    .prepare<[], { id: number; label: string }>('SELECT id, label FROM parents ORDER BY rowid')
    .all()
    .map((row) => `${row.id}:${row.label}`);
const expected = (count: number) => Array.from({ length: count }, (_, n) => `${n}:R${n}`);

describe('a batch of inserted rows', () => {
  it.each([0, 1, 3, 4, 5, 7, 8, 9, 13, 16, 17])(
    'writes exactly %i rows, in the order queued, with 4 rows a statement',
    (count) => {
      const batch = createBatchInserter(db, parents, 4).batch();
      for (let n = 0; n < count; n++) batch.add([n, `r${n}`]);
      batch.flush();
      expect(labels()).toEqual(expected(count));
    },
  );

  it('writes a full chunk as soon as it is queued, and the rest only when flushed', () => {
    const batch = createBatchInserter(db, parents, 4).batch();
    for (let n = 0; n < 3; n++) batch.add([n, `r${n}`]);
    expect(labels()).toEqual([]);
    batch.add([3, 'r3']);
    expect(labels()).toEqual(expected(4));
    batch.add([4, 'r4']);
    expect(labels()).toEqual(expected(4));
    batch.flush();
    expect(labels()).toEqual(expected(5));
    batch.flush();
    expect(labels()).toEqual(expected(5));
  });

  it('writes a remainder as its binary digits, preparing each size once', () => {
    const inserter = createBatchInserter(db, parents, 8);
    const first = inserter.batch();
    for (let n = 0; n < 8 + 7; n++) first.add([n, `r${n}`]);
    first.flush();
    const second = inserter.batch();
    for (let n = 15; n < 15 + 5; n++) second.add([n, `r${n}`]);
    second.flush();
    expect(labels()).toEqual(expected(20));
    const rowsOf = (sql: string) => sql.split('(?, upper(?))').length - 1;
    const inserts = prepared.filter((sql) => sql.startsWith('INSERT'));
    expect(inserts.map(rowsOf)).toEqual([8, 4, 2, 1]);
  });

  it('flushes the batch it depends on first, so a foreign key finds its row', () => {
    // The parents' chunk is larger than the children's: without `before`, the children's first
    // chunk would reach the table while its parents are still queued.
    const parentBatch = createBatchInserter(db, parents, 8).batch();
    const childBatch = createBatchInserter(db, children, 2).batch(parentBatch);
    for (let n = 0; n < 5; n++) {
      parentBatch.add([n, `r${n}`]);
      childBatch.add([n]);
    }
    childBatch.flush();
    expect(labels()).toEqual(expected(5));
    expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM children').get()?.n).toBe(5);
  });

  it('refuses a row with the wrong number of values', () => {
    const batch = createBatchInserter(db, parents, 4).batch();
    expect(() => batch.add([1])).toThrow('A row needs 2 values, not 1.');
  });

  it('refuses a chunk that is not a power of two or exceeds SQLite’s parameter limit', () => {
    expect(() => createBatchInserter(db, parents, 6)).toThrow('must be a power of two, not 6');
    expect(() => createBatchInserter(db, parents, 0)).toThrow('must be a power of two, not 0');
    const widest = 2 ** Math.floor(Math.log2(SQLITE_MAX_PARAMETERS / 2));
    expect(() => createBatchInserter(db, parents, widest)).not.toThrow();
    expect(() => createBatchInserter(db, parents, widest * 2)).toThrow(
      `${widest * 2} rows of 2 parameters exceed SQLite's ${SQLITE_MAX_PARAMETERS}.`,
    );
  });
});
