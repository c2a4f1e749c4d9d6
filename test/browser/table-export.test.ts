/**
 * Issue 10, point 8, for the Computes table, as an admin meets it in Chromium through the browser
 * host: filter, search and sort the table, then Export… writes every row it shows — not only the
 * few dozen drawn — as a download, in its order, escaped for Excel; an empty table offers no export
 * and says why.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/store/database';
import { startBrowserHost, REPO_ROOT } from '../browser-host/host';
import type { BrowserHost } from '../browser-host/host';
import { recordingLogger } from '../browser-host/test-support';
import {
  FORMULA,
  FORMULA_ID,
  QUERY,
  REMOVED_ID,
  csvRecords,
  expectedIds,
  seedTableExport,
} from '../export/table-export-fixture';
import { testEncryptor } from '../support/test-encryptor';
import { openApp } from './app-session';
import { chromiumAvailable, launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');

describe.skipIf(!chromiumAvailable)('exporting the Computes table in Chromium', () => {
  let userDataDir: string;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  const ids = expectedIds();

  const countText = () => page.getByTestId('table-count').textContent();

  /** Checks one value of a filter menu (the menu opened for it, and closed after). */
  const choose = async (facet: string, value: string) => {
    await page.getByTestId(`table-filter-${facet}`).click();
    const before = await countText();
    await page.locator(`[data-testid="table-filter-option"][data-value="${value}"]`).click();
    await page.keyboard.press('Escape');
    await expect.poll(countText, { message: `the count after choosing ${value}` }).not.toBe(before);
  };

  /** The file a download hands over, as the user's disk holds it. */
  const downloadOf = async (format: 'csv' | 'json') => {
    await page.getByTestId('table-export').click();
    const [download]: [Download, void] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(`table-export-${format}`).click(),
    ]);
    return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'mooring-table-export-e2e-'));
    const database = openDatabase({ path: path.join(userDataDir, DATABASE_FILE_NAME) });
    seedTableExport(database);
    database.close();
    host = await startBrowserHost({
      userDataDir,
      logger: recordingLogger(),
      encryptor: testEncryptor('os'),
    });
    browser = await launchChromium();
    page = await openApp(browser, host, { width: 1600, height: 900, timeoutMs: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('exports every row the filter, search and sort show, in order, as a CSV download', async () => {
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('inventory-table').waitFor();
    await expect.poll(countText).toMatch(/^[\d,]+ computes/);
    for (const tenant of QUERY.filter.tenantIds ?? []) await choose('tenantIds', tenant);
    for (const state of QUERY.filter.states ?? []) await choose('states', state);
    await page.getByTestId('table-search').fill(QUERY.search);
    const header = page.getByTestId('table-column-namespace');
    await page.getByTestId('table-sort-namespace').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await page.getByTestId('table-sort-namespace').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(countText).toBe(`${ids.length.toLocaleString('en')} computes match of 5,600`);
    const drawn = await page.getByTestId('compute-row').count();
    expect(drawn).toBeLessThan(ids.length);

    const { name, bytes } = await downloadOf('csv');
    expect(name).toMatch(/^mooring-table-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.csv$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 with its BOM
    const { records } = csvRecords(bytes.toString('utf8'));
    expect(records.map((record) => record['Compute ID'])).toEqual(ids);
    // The rows on screen are the file's first rows, in the same order.
    const onScreen = await page
      .getByTestId('compute-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-compute-id')));
    expect(records.slice(0, 5).map((record) => record['Compute ID'])).toEqual(onScreen.slice(0, 5));
    expect(records.find((record) => record['Compute ID'] === REMOVED_ID)?.State).toBe('Removed');
    expect(records.find((record) => record['Compute ID'] === FORMULA_ID)?.Description).toBe(
      `'${FORMULA}`,
    );
    await expect
      .poll(() => page.getByTestId('table-export-status').textContent())
      .toBe(`Exported ${ids.length.toLocaleString('en')} rows as ${name} (see your downloads).`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'table-export.png') });
  });

  it('exports the same rows as JSON', async () => {
    const { name, bytes } = await downloadOf('json');
    expect(name).toMatch(/^mooring-table-.*\.json$/);
    const parsed = JSON.parse(bytes.toString('utf8')) as {
      query: { search: string; sort: unknown };
      rows: { computeId: string }[];
    };
    expect(parsed.query.search).toBe(QUERY.search);
    expect(parsed.query.sort).toEqual(QUERY.sort);
    expect(parsed.rows.map((row) => row.computeId)).toEqual(ids);
  });

  it('offers no export of an empty table, and says why', async () => {
    await page.getByTestId('table-search').fill('no-such-compute');
    await expect.poll(countText).toMatch(/^0 computes match/);
    const button = page.getByTestId('table-export');
    await expect
      .poll(() => button.getAttribute('title'))
      .toBe('Nothing to export: no compute matches the search and filters.');
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    await button.click({ force: true });
    // Two frames: a menu the click opened would be drawn by then.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    expect(await page.getByTestId('table-export-csv').count()).toBe(0);
    await page.getByTestId('table-search').fill(QUERY.search);
    await expect.poll(() => button.getAttribute('aria-disabled')).toBeNull();
  });
});
