/**
 * Issue 10, points 7 and 8, as an admin meets them in Chromium through the browser host against
 * the local Azure emulator: the Activity log over a journal across two tenants, filtered by
 * tenant, status, kind and days, an entry's details, and the inventory and the log exported to
 * CSV and JSON (downloads in the browser host) whose content is checked. Screenshots of each step
 * go to test-results/activity/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJournalStore } from '../../electron/operations/journal-store';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/store/database';
import { REPO_ROOT } from '../browser-host/host';
import type { BrowserHost } from '../browser-host/host';
import { startEmulator } from '../emulator/emulator';
import type { RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { recordJournalEntry } from '../export/journal-fixture';
import { listInventory, openApp, signInDemoAdmin, startEmulatorHost } from './app-session';
import { seriousAxeViolations } from './axe';
import { chromiumAvailable, launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'activity');

// The demo scenario's tenants and subscriptions, so the log names them as the picker does.
const CONTOSO = 'bd79c068-555e-57b3-b248-2d47f661607e';
const FABRIKAM = '9c5a4304-2bef-52f6-b840-53cdc67f42de';
const CONTOSO_PROD = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const FABRIKAM_RESEARCH = '4a6a65ca-1384-5662-9425-06767a84562c';

/** A journal from earlier sessions: every entry ended, so nothing is resumed against Azure. */
function seedJournal(userDataDir: string): void {
  const db = openDatabase({ path: path.join(userDataDir, DATABASE_FILE_NAME) });
  const journal = createJournalStore(db);
  const contoso = {
    tenantId: CONTOSO,
    subscriptionId: CONTOSO_PROD,
    resourceGroup: 'rg-ml-prod-weu',
  };
  const fabrikam = {
    tenantId: FABRIKAM,
    subscriptionId: FABRIKAM_RESEARCH,
    resourceGroup: 'rg-research-eus',
  };
  recordJournalEntry(journal, {
    ...contoso,
    id: 'op-fraud-attach',
    workspace: 'mlw-fraud-prod',
    compute: 'k8s-fraud',
    createdAt: '2026-10-05T09:00:00.000Z',
    polls: 3,
    outcome: 'succeeded',
  });
  recordJournalEntry(journal, {
    ...contoso,
    id: 'op-forecast-attach',
    workspace: 'mlw-forecasting',
    compute: 'k8s-forecast',
    createdAt: '2026-11-10T14:30:00.000Z',
    polls: 1,
    outcome: { failed: ['AuthorizationFailed'] },
  });
  recordJournalEntry(journal, {
    ...fabrikam,
    id: 'op-genomics-detach',
    kind: 'detach',
    workspace: 'mlw-genomics',
    compute: 'k8s-genomics',
    createdAt: '2026-11-12T08:15:00.000Z',
    polls: 2,
    outcome: 'succeeded',
  });
  recordJournalEntry(journal, {
    ...fabrikam,
    id: 'op-vision-identity',
    kind: 'update-identity',
    workspace: 'mlw-vision',
    compute: 'k8s-vision',
    createdAt: '2026-11-20T17:45:00.000Z',
    polls: 2,
    outcome: { failed: ['ExtensionInstallationFailed'] },
  });
  db.close();
}

const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);

describe.skipIf(!chromiumAvailable)('the activity log and exports in Chromium', () => {
  let emulator: RunningEmulator;
  let userDataDir: string;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const shot = (name: string) =>
    page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  /** The bytes of the file a download hands over, as the user's disk would hold them. */
  const downloaded = async (download: Download): Promise<{ name: string; bytes: Buffer }> => {
    const file = await download.path();
    return { name: download.suggestedFilename(), bytes: readFileSync(file) };
  };

  /** Chooses a format in an Export… menu by keyboard: focus, Enter opens, arrows pick, Enter runs. */
  const exportByKeyboard = async (testId: string, format: 'csv' | 'json') => {
    await page.getByTestId(testId).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId(`${testId}-csv`).waitFor();
    if (format === 'json') await page.keyboard.press('ArrowDown');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    return downloaded(download);
  };

  const selectByLabel = async (testId: string, label: string) => {
    const select = page.getByTestId(testId);
    const value = await select.locator('option', { hasText: label }).first().getAttribute('value');
    await select.selectOption(value ?? '');
  };

  const shownOperations = () =>
    page
      .locator('[data-testid="page-activity"] [data-operation-id]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-operation-id')));

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    emulator = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'mooring-activity-e2e-'));
    seedJournal(userDataDir);
    host = await startEmulatorHost(emulator, { userDataDir });
    browser = await launchChromium();
    // Downloads are accepted: the exports below read the files they hand over.
    page = await openApp(browser, host, {
      width: 1360,
      height: 900,
      timeoutMs: 20_000,
      acceptDownloads: true,
      pageErrors,
    });
    await signInDemoAdmin(page);
    await listInventory(page);
    // The exports sit with the workspaces view's filter, which they follow.
    await page.getByTestId('inventory-view-workspaces').click();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await emulator?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('exports the inventory as filtered to CSV, by keyboard, ready for Excel', async () => {
    await page.getByTestId('inventory-state-failed').click();
    await shot('1-inventory-failed-filter');
    const { name, bytes } = await exportByKeyboard('inventory-export', 'csv');
    expect(name).toMatch(/^mooring-inventory-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.csv$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n'.repeat(2));
    const rows = csvRows(text);
    expect(rows[0]).toMatch(/^Tenant,Tenant ID,Subscription,Subscription ID,Workspace,/);
    const body = rows.slice(1).join('\n');
    expect(body).toContain('batch-weu');
    expect(body).toContain('Contoso Ltd');
    expect(body).not.toContain('gpu-prod'); // Succeeded: the filter leaves it out
    expect(body).toMatch(/,Failed,/);
    expect(body).toMatch(/,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z,/);
    await expect
      .poll(() => page.getByTestId('inventory-export-status').textContent())
      .toMatch(/^Exported \d+ rows? as mooring-inventory-.*\.csv/);
    await shot('2-inventory-exported');
  });

  it('exports the inventory narrowed by the filter box to JSON', async () => {
    await page.getByTestId('inventory-state-all').click();
    await page.getByTestId('inventory-filter').fill('batch-weu');
    await page.getByTestId('inventory-export').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('inventory-export-json').click(),
    ]);
    const { name, bytes } = await downloaded(download);
    expect(name).toMatch(/\.json$/);
    const parsed = JSON.parse(bytes.toString('utf8')) as {
      filter: { query: string; state: string };
      rows: { computeName: string; provisioningState: string; tenantName: string }[];
    };
    expect(parsed.filter).toEqual({ query: 'batch-weu', state: 'all' });
    expect(parsed.rows.map((row) => row.computeName)).toEqual(['batch-weu']);
    expect(parsed.rows[0]).toMatchObject({
      provisioningState: 'Failed',
      tenantName: 'Contoso Ltd',
    });
    await page.getByTestId('inventory-filter').fill('');
  });

  it('lists the whole journal across tenants, newest first', async () => {
    await page.getByTestId('nav-activity').click();
    await page.getByTestId('activity-count').waitFor();
    await expect
      .poll(shownOperations)
      .toEqual([
        'op-vision-identity',
        'op-genomics-detach',
        'op-forecast-attach',
        'op-fraud-attach',
      ]);
    expect(await page.getByTestId('activity-count').textContent()).toBe('4 operations');
    await shot('3-activity-all');
    expect(await seriousAxeViolations(page), 'the Activity page').toEqual([]);
  });

  it('filters by tenant, status, kind and days', async () => {
    await selectByLabel('activity-filter-tenant', 'Fabrikam Inc');
    await expect.poll(shownOperations).toEqual(['op-vision-identity', 'op-genomics-detach']);
    // Only Fabrikam's subscriptions are offered now.
    const offered = await page
      .getByTestId('activity-filter-subscription')
      .locator('option')
      .allTextContents();
    expect(offered).toContain('Fabrikam Research');
    expect(offered).not.toContain('Contoso ML Production');

    await selectByLabel('activity-filter-status', 'Failed');
    await expect.poll(shownOperations).toEqual(['op-vision-identity']);
    expect(await page.getByTestId('activity-count').textContent()).toBe(
      '1 operation matches the filter',
    );
    await shot('4-activity-fabrikam-failed');

    await page.getByTestId('activity-filter-clear').click();
    await expect.poll(shownOperations).toHaveLength(4);
    await selectByLabel('activity-filter-kind', 'Attach');
    await expect.poll(shownOperations).toEqual(['op-forecast-attach', 'op-fraud-attach']);
    await page.getByTestId('activity-filter-from').fill('2026-11-01');
    await page.getByTestId('activity-filter-to').fill('2026-11-30');
    await expect.poll(shownOperations).toEqual(['op-forecast-attach']);
    await shot('5-activity-attach-november');
  });

  it('opens an entry with its request, each poll, the error codes and the commands', async () => {
    await page.locator('[data-operation-id="op-forecast-attach"]').click();
    const dialog = page.getByTestId('operation-details');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('operation-poll').count()).toBe(1);
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('AuthorizationFailed');
    expect(text).toContain('az ml compute attach --name k8s-forecast');
    expect(text).toContain('/computes/k8s-forecast');
    await shot('6-activity-details');
    expect(await seriousAxeViolations(page, '[data-testid="operation-details"]')).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('exports the log as filtered to CSV and JSON', async () => {
    const csv = await exportByKeyboard('activity-export', 'csv');
    expect(csv.name).toMatch(/^mooring-activity-.*\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(csv.bytes.toString('utf8'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^Operation ID,Kind,Status,Summary,Tenant,/);
    expect(rows[1]).toMatch(/^op-forecast-attach,attach,failed,/);
    expect(rows[1]).toContain(',Contoso Ltd,');
    expect(rows[1]).toContain(',Contoso ML Production,');
    expect(rows[1]).toContain(',AuthorizationFailed,');
    expect(rows[1]).toContain(',2026-11-10T14:30:00.000Z,');

    await page.getByTestId('activity-filter-clear').click();
    await expect.poll(shownOperations).toHaveLength(4);
    await selectByLabel('activity-filter-tenant', 'Fabrikam Inc');
    await expect.poll(shownOperations).toHaveLength(2);
    const json = await exportByKeyboard('activity-export', 'json');
    const parsed = JSON.parse(json.bytes.toString('utf8')) as {
      filter: { tenantIds: string[] };
      operations: {
        operationId: string;
        tenantName: string;
        polls: unknown[];
        request: { commands: { az: string } };
        errors: { code: string }[];
      }[];
    };
    expect(parsed.filter.tenantIds).toEqual([FABRIKAM]);
    expect(parsed.operations.map((op) => [op.operationId, op.tenantName, op.polls.length])).toEqual(
      [
        ['op-vision-identity', 'Fabrikam Inc', 2],
        ['op-genomics-detach', 'Fabrikam Inc', 2],
      ],
    );
    expect(parsed.operations[0]?.errors.map((error) => error.code)).toEqual([
      'ExtensionInstallationFailed',
    ]);
    await shot('7-activity-exported');
    expect(await seriousAxeViolations(page), 'the Activity page after exports').toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
