/**
 * The inventory table as a user meets it, in Chromium through the browser host, over a local
 * record of 12,000 computes: sort by a column, filter with counts, search as you type, compact
 * rows kept across a reload, the keyboard, and a palette jump to a row the table never drew.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/store/database';
import { startBrowserHost, REPO_ROOT } from '../browser-host/host';
import type { BrowserHost } from '../browser-host/host';
import { recordingLogger } from '../browser-host/test-support';
import { seedRows } from '../inventory/rows-fixture';
import { testEncryptor } from '../support/test-encryptor';
import { openApp } from './app-session';
import { chromiumAvailable, launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');
// 3 tenants, 12 subscriptions of 20 workspaces of 50 computes: 12,000 computes.
const WORLD = {
  tenants: 3,
  subscriptions: 12,
  workspacesPerSubscription: 20,
  computesPerWorkspace: 50,
};
/** Renamed so it sorts last by name: far below anything the table draws at first. */
const FAR_AWAY = 'zz-far-away-compute';

describe.skipIf(!chromiumAvailable)('the inventory table in Chromium', () => {
  let userDataDir: string;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  let farAwayId: string;

  const rows = () => page.locator('[data-testid="compute-row"]');
  const drawn = (attribute: string) =>
    rows().evaluateAll(
      (elements, name) => elements.map((e) => e.getAttribute(name) ?? ''),
      attribute,
    );
  const countText = () => page.getByTestId('table-count').textContent();

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'mooring-table-e2e-'));
    const database = openDatabase({ path: path.join(userDataDir, DATABASE_FILE_NAME) });
    seedRows(database, WORLD);
    const far = database
      .prepare<[], { compute_id: string }>(
        "SELECT compute_id FROM computes WHERE name = 'k8s-17' ORDER BY compute_key DESC LIMIT 1",
      )
      .get();
    farAwayId = far?.compute_id ?? '';
    database.prepare('UPDATE computes SET name = ? WHERE compute_id = ?').run(FAR_AWAY, farAwayId);
    // Every Creating or Updating compute has been so since the record was written (long ago):
    // stuck. One that just started creating is not.
    database
      .prepare(
        "UPDATE computes SET state_since = ? WHERE name = 'k8s-3' AND provisioning_state = 'Creating'",
      )
      .run(new Date().toISOString());
    database.close();
    host = await startBrowserHost({
      userDataDir,
      logger: recordingLogger(),
      encryptor: testEncryptor('os'),
    });
    browser = await launchChromium();
    page = await openApp(browser, host, { width: 1600, height: 900, timeoutMs: 20_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('lists the Kubernetes computes of the record, other types by filter', async () => {
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('inventory-table').waitFor();
    await expect.poll(countText).toContain('10,800 computes');
    expect(await countText()).toContain('1,200 of other types');
    await rows().first().waitFor();
    // Only what is in view is drawn.
    expect(await rows().count()).toBeLessThan(80);
    await page.getByTestId('table-filter-computeTypes').click();
    await page.locator('[data-testid="table-filter-option"][data-value="VirtualMachine"]').click();
    await page.keyboard.press('Escape');
    await expect.poll(countText).toContain('12,000');
    await page.getByTestId('table-filter-computeTypes').click();
    await page.locator('[data-testid="table-filter-option"][data-value="Kubernetes"]').click();
    await page.keyboard.press('Escape');
    await expect.poll(countText).toContain('1,200');
    expect(new Set(await page.getByTestId('compute-type').allTextContents())).toEqual(
      new Set(['VirtualMachine']),
    );
    await page.getByTestId('table-clear').click();
    await expect.poll(countText).toContain('10,800 computes');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inventory-table.png') });
  });

  it('sorts by a column header, both ways, and says so with aria-sort', async () => {
    const header = page.getByTestId('table-column-namespace');
    expect(await header.getAttribute('aria-sort')).toBe('none');
    await page.getByTestId('table-sort-namespace').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(async () => (await drawn('data-compute-id'))[0]).toBeTruthy();
    await expect
      .poll(async () => await page.getByTestId('compute-namespace').first().textContent())
      .toBe('team-0');
    await page.getByTestId('table-sort-namespace').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect
      .poll(async () => await page.getByTestId('compute-namespace').first().textContent())
      .toBe('team-6');
    expect(await page.getByTestId('table-column-name').getAttribute('aria-sort')).toBe('none');
    await page.getByTestId('table-sort-name').click();
    await expect
      .poll(() => page.getByTestId('table-column-name').getAttribute('aria-sort'))
      .toBe('ascending');
  });

  it('filters by state with the counts of each state', async () => {
    await page.getByTestId('table-filter-states').click();
    const failed = page.locator('[data-testid="table-filter-option"][data-value="Failed"]');
    const label = (await failed.textContent()) ?? '';
    const count = label.match(/\(([\d,]+)\)/)?.[1] ?? '';
    expect(count).not.toBe('');
    await failed.click();
    await page.keyboard.press('Escape');
    await expect.poll(countText).toContain(`${count} computes match`);
    await expect.poll(async () => new Set(await drawn('data-state'))).toEqual(new Set(['Failed']));
    await page.getByTestId('table-clear').click();
    await expect.poll(countText).toContain('10,800 computes');
  });

  it('searches as the user types, over namespace, region and identity too', async () => {
    const search = page.getByTestId('table-search');
    await search.pressSequentially('team-3 swedencentral', { delay: 20 });
    await expect
      .poll(async () => new Set(await page.getByTestId('compute-namespace').allTextContents()))
      .toEqual(new Set(['team-3']));
    expect(await countText()).toContain('match');
    await search.fill('id-4-2');
    await expect
      .poll(async () =>
        (await page.getByTestId('compute-identity').allTextContents()).every((text) =>
          text.includes('id-4-2'),
        ),
      )
      .toBe(true);
    await search.fill('');
    await expect.poll(countText).toContain('10,800 computes');
  });

  it('flags computes stuck in a transitional state, and filters them', async () => {
    await page.getByTestId('table-filter-stuck').click();
    const option = page.locator('[data-testid="table-filter-option"][data-value="stuck"]');
    const count = ((await option.textContent()) ?? '').match(/\(([\d,]+)\)/)?.[1] ?? '';
    expect(count).not.toBe('');
    await option.click();
    await page.keyboard.press('Escape');
    await expect.poll(countText).toContain(`${count} computes match`);
    await expect
      .poll(async () => new Set(await drawn('data-state')))
      .toEqual(new Set(['Creating', 'Updating']));
    expect(await page.getByTestId('compute-stuck').count()).toBe(await rows().count());
    // The compute that only just started creating is not among them.
    const stuckCount = await countText();
    await page.getByTestId('table-search').fill('k8s-3');
    // The count line changes once the search's rows are drawn (until then the old rows show).
    await expect.poll(countText).not.toBe(stuckCount);
    await expect.poll(countText).toContain('match');
    expect(await drawn('data-state')).not.toContain('Creating');
    await page.getByTestId('table-clear').click();
    await expect.poll(countText).not.toContain('match');
    await page.getByTestId('table-search').fill('k8s-3');
    await expect.poll(countText).toContain('match');
    const searchedCount = await countText();
    await page.getByTestId('table-filter-states').click();
    await page.locator('[data-testid="table-filter-option"][data-value="Creating"]').click();
    await page.keyboard.press('Escape');
    await expect.poll(countText).not.toBe(searchedCount);
    await expect.poll(async () => (await drawn('data-stuck')).length).toBeGreaterThan(0);
    expect(new Set(await drawn('data-stuck'))).toEqual(new Set(['false']));
    expect(await page.getByTestId('compute-time-in-state').first().textContent()).toMatch(/minute/);
    await page.getByTestId('table-clear').click();
    await expect.poll(countText).toContain('10,800 computes');
  });

  it('moves between rows with the arrow keys and opens one with Enter', async () => {
    await rows().first().focus();
    const first = await drawn('data-compute-id');
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-compute-id')))
      .toBe(first[1]);
    await page.keyboard.press('Enter');
    await page.getByTestId('page-compute').waitFor();
    await page.getByTestId('compute-page-back').click();
    await page.getByTestId('inventory-table').waitFor();
  });

  it('has a compact density that fits more rows and is kept across a reload', async () => {
    await page.getByTestId('nav-inventory').click();
    await rows().first().waitFor();
    const comfortable = await rows().first().boundingBox();
    await page.getByTestId('table-density').check();
    await expect
      .poll(() => page.getByTestId('inventory-table').getAttribute('data-density'))
      .toBe('compact');
    const compact = await rows().first().boundingBox();
    expect(compact?.height ?? 0).toBeLessThan(comfortable?.height ?? 0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inventory-table-compact.png') });
    await page.reload();
    await page.getByTestId('nav-inventory').click();
    await expect
      .poll(() => page.getByTestId('inventory-table').getAttribute('data-density'))
      .toBe('compact');
    await page.getByTestId('table-density').uncheck();
    await expect
      .poll(() => page.getByTestId('inventory-table').getAttribute('data-density'))
      .toBe('comfortable');
  });

  it('names the tenant of each subscription heading in the Workspaces view', async () => {
    await page.getByTestId('inventory-view-workspaces').click();
    const heading = page.getByTestId('subscription-group').first();
    await expect
      .poll(() => heading.getByTestId('subscription-group-tenant').textContent())
      .toBe('tenant Tenant A0');
    await page.getByTestId('inventory-view-computes').click();
    await page.getByTestId('inventory-table').waitFor();
  });

  it('jumps from the palette to a row the table has not drawn, through a filter that hides it', async () => {
    await rows().first().waitFor();
    expect(await page.locator(`[data-compute-id="${farAwayId}"]`).count()).toBe(0);
    // A filter that hides it: the jump clears it rather than failing silently.
    await page.getByTestId('table-search').fill('team-0');
    await expect.poll(countText).toContain('match');
    await page.keyboard.press('Control+K');
    await page.getByTestId('palette-input').fill(FAR_AWAY);
    await page.locator('[data-testid="palette-option"][data-item-id^="compute:"]').first().click();
    const target = page.locator(`[data-testid="compute-row"][data-compute-id="${farAwayId}"]`);
    await expect.poll(() => target.getAttribute('data-highlighted')).toBe('true');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-compute-id')))
      .toBe(farAwayId);
    expect(Number(await target.getAttribute('data-index'))).toBeGreaterThan(10_000);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inventory-table-jump.png') });
  });
});
