/**
 * The Computes table exported as filtered: main runs the table's own query (filter, search,
 * sort) over the local record, 500 rows at a time, and writes every matching row — not only
 * those drawn — under the table's headers, escaped for Excel.
 */
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportService } from '../../electron/export/export-service';
import { createInventoryRows } from '../../electron/inventory/inventory-rows';
import { openDatabase } from '../../electron/store/database';
import type { RowsPage, RowsQuery } from '../../shared/domain/inventory-rows';
import { TABLE_COLUMNS } from '../../renderer/src/inventory/table-columns';
import { STATES } from '../inventory/rows-fixture';
import {
  FORMULA,
  FORMULA_ID,
  QUERY,
  REMOVED_AT,
  REMOVED_ID,
  SEEDED_AT,
  csvRecords,
  expectedIds,
  seedTableExport,
} from './table-export-fixture';

const EXPORTED_AT = new Date('2026-03-01T00:00:00.000Z');

let database: Database;
let asked: RowsQuery[];
let exports: ReturnType<typeof createExportService>;

beforeAll(() => {
  expect(STATES[0]).toBe('Succeeded'); // what REMOVED_ID's last state is taken to be
  database = openDatabase({ path: ':memory:' });
  const scope = seedTableExport(database);
  const rows = createInventoryRows({
    database,
    scope: { selectedSubscriptions: () => scope },
    now: () => EXPORTED_AT.getTime(),
  });
  asked = [];
  exports = createExportService({
    inventory: () => {
      throw new Error('a table export reads the table, not the snapshot');
    },
    subscriptions: () => [],
    activity: { everything: () => [] },
    operationDetail: () => {
      throw new Error('a table export reads no journal entry');
    },
    chooser: { choose: () => Promise.resolve({ kind: 'download' }) },
    tableRows: (query): RowsPage => {
      asked.push(query);
      return rows.page(query);
    },
    now: () => EXPORTED_AT,
  });
}, 60_000);
afterAll(() => database.close());

async function download(format: 'csv' | 'json', query = QUERY) {
  asked = [];
  const outcome = await exports.save({ kind: 'table', format, query });
  if (outcome.outcome !== 'download')
    throw new Error(`expected a download, got ${outcome.outcome}`);
  return outcome;
}

describe('exporting the Computes table as filtered', () => {
  it('writes exactly the rows the filter, search and sort show, in their order, read 500 at a time', async () => {
    const ids = expectedIds();
    expect(ids.length).toBeGreaterThan(1_000); // more than two pages of the table's reads
    expect(ids).toContain(REMOVED_ID);
    expect(ids).toContain(FORMULA_ID);

    const outcome = await download('csv');
    expect(outcome.rows).toBe(ids.length);
    expect(outcome.fileName).toBe('mooring-table-2026-03-01T00-00-00Z.csv');
    expect(outcome.mimeType).toBe('text/csv;charset=utf-8');
    const { records } = csvRecords(outcome.content);
    expect(records.map((record) => record['Compute ID'])).toEqual(ids);

    // The query went to the table's read as the page sent it, page after page.
    expect(asked.map((query) => [query.offset, query.limit])).toEqual(
      Array.from({ length: Math.ceil(ids.length / 500) }, (_, page) => [page * 500, 500]),
    );
    for (const query of asked) {
      expect({ filter: query.filter, search: query.search, sort: query.sort }).toEqual(QUERY);
    }
  });

  it('names its columns as the table does, then what its badges show and the ids', async () => {
    const { headers } = csvRecords((await download('csv')).content);
    expect(headers).toEqual([
      'Name',
      'Workspace',
      'Subscription',
      'Tenant',
      'Cluster',
      'Namespace',
      'Identity',
      'State',
      'Last state change',
      'Time in state (minutes)',
      'Last synced',
      'Type',
      'Cluster kind',
      'Stuck',
      'Changed outside Mooring',
      'Last state before removal',
      'Removed at',
      'Description',
      'Region',
      'Compute ID',
      'Workspace ID',
      'Subscription ID',
      'Tenant ID',
      'Cluster ID',
    ]);
    // Every column the table draws has its header (time in state says its unit).
    for (const column of TABLE_COLUMNS) {
      expect(headers.some((header) => header.startsWith(column.label))).toBe(true);
    }
  });

  it('writes a removed compute as Removed, a formula as text, and times in ISO 8601', async () => {
    const { records } = csvRecords((await download('csv')).content);
    const removed = records.find((record) => record['Compute ID'] === REMOVED_ID);
    expect(removed).toMatchObject({
      Name: 'k8s-0',
      State: 'Removed',
      'Last state before removal': 'Succeeded',
      'Removed at': REMOVED_AT,
      'Changed outside Mooring': 'Changed outside Mooring: removed',
      'Cluster kind': 'AKS',
      Stuck: 'no',
    });
    const formula = records.find((record) => record['Compute ID'] === FORMULA_ID);
    expect(formula?.Description).toBe(`'${FORMULA}`);
    expect(formula).toMatchObject({
      State: 'Creating',
      'Last state before removal': '',
      'Last state change': SEEDED_AT,
      // Creating since 1 January, exported on 1 March: 59 days, and long past the stuck threshold.
      'Time in state (minutes)': String(59 * 24 * 60),
      Stuck: 'yes',
      'Last synced': SEEDED_AT,
      Identity: 'User-assigned: id-1-2',
      Namespace: 'team-2',
      Tenant: 'Tenant A0',
    });
    for (const record of records) {
      expect(record['Last synced']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(record.State).not.toMatch(/^[=+\-@]/);
    }
  });

  it('writes the same rows as JSON, with the query and the time of the export', async () => {
    const outcome = await download('json');
    expect(outcome.mimeType).toBe('application/json;charset=utf-8');
    const parsed = JSON.parse(outcome.content) as {
      exportedAt: string;
      query: unknown;
      rows: { computeId: string; state: string; description: string | null }[];
    };
    expect(parsed.exportedAt).toBe(EXPORTED_AT.toISOString());
    expect(parsed.query).toEqual(QUERY);
    expect(parsed.rows.map((row) => row.computeId)).toEqual(expectedIds());
    expect(parsed.rows.find((row) => row.computeId === REMOVED_ID)?.state).toBe('Removed');
    // JSON is not a spreadsheet: the description stays exactly what the admin wrote.
    expect(parsed.rows.find((row) => row.computeId === FORMULA_ID)?.description).toBe(FORMULA);
  });

  it('writes only the header when nothing matches', async () => {
    const outcome = await download('csv', { ...QUERY, search: 'no-such-compute' });
    expect(outcome.rows).toBe(0);
    expect(csvRecords(outcome.content).records).toEqual([]);
    expect(asked).toHaveLength(1);
  });
});
