/**
 * Issue 11, points 10–15, as an admin meets them in Chromium through the browser host against
 * the local Azure emulator: a sign-in with no system browser, subscriptions that wait for a
 * sign-in instead of vanishing, one message per cause, newcomers offered rather than added,
 * the picker's clicks, keyboard reach of the inventory, and axe-core over every screen.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startBrowserHost } from '../browser-host/host';
import type { BrowserHost } from '../browser-host/host';
import { recordingLogger } from '../browser-host/test-support';
import { startEmulator } from '../emulator/emulator';
import type { RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { testEncryptor } from '../support/test-encryptor';
import { seriousAxeViolations } from './axe';
import { clickRefresh, openApp } from './app-session';
import { chromiumAvailable, launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'trust');
const NORTHWIND = '6b4a7449-492c-501f-8df8-29fe7db32aaf';
const ML_DEVELOPMENT = '711e748e-5b30-500e-8298-08fb2b032255';
const FABRIKAM_RESEARCH = '4a6a65ca-1384-5662-9425-06767a84562c';
const FABRIKAM_ANALYTICS = 'ea4dd1af-80e0-5a0e-b975-6c05d0e8599c';
const NORTHWIND_AI = 'bc141a39-583e-503c-9562-5fea733724a3';

describe.skipIf(!chromiumAvailable)('nothing silently disappears, by keyboard too', () => {
  let emulator: RunningEmulator;
  let userDataDir: string;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  /** Who the emulator's sign-in page signs in next; `null`: no browser could be opened. */
  let signingInAs: string | null = null;
  const pageErrors: string[] = [];

  const row = (id: string) =>
    page.locator(`[data-testid="subscription-row"][data-subscription-id="${id}"]`);
  const shot = (name: string) =>
    page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
  const expectAccessible = async (what: string, within?: string) =>
    expect(await seriousAxeViolations(page, within), what).toEqual([]);
  const openPicker = async () => {
    await page.getByTestId('header-scope-button').click();
    await page.getByTestId('scope-drawer').waitFor();
  };
  const closePicker = async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('scope-drawer').waitFor({ state: 'hidden' });
  };
  const activeTestId = () =>
    page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    emulator = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'mooring-trust-e2e-'));
    host = await startBrowserHost({
      userDataDir,
      logger: recordingLogger(),
      encryptor: testEncryptor('os'),
      azure: { resourceManagerUrl: emulator.armUrl, caFile: emulator.caPath },
      openSignInPage: async (url) => {
        if (signingInAs === null) return { opened: false };
        await emulator.control.completeBrowserSignIn(url, signingInAs);
        return { opened: true };
      },
    });
    browser = await launchChromium();
    page = await openApp(browser, host, {
      width: 1360,
      height: 900,
      timeoutMs: 20_000,
      pageErrors,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await emulator?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('shows the sign-in address with Copy and Open when no browser could be opened', async () => {
    await page.getByTestId('nav-accounts').click();
    await expectAccessible('the Accounts page with no account');
    signingInAs = null;
    await page.getByTestId('accounts-empty-browser').click();
    const address = page.getByTestId('sign-in-address');
    await address.waitFor();
    const url = await address.inputValue();
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/.+\/oauth2\/v2\.0\/authorize\?/);
    expect(await page.getByTestId('sign-in-browser-opened').count()).toBe(0);
    expect(await page.getByTestId('sign-in-address-open').getAttribute('href')).toBe(url);
    await page.getByTestId('sign-in-address-copy').waitFor();
    await expectAccessible(
      'the sign-in dialog showing its address',
      '[data-testid="sign-in-dialog"]',
    );
    await shot('sign-in-address');

    // The admin opens the address by hand and signs in there.
    await emulator.control.completeBrowserSignIn(url, 'admin@contoso.com');
    await page.getByTestId('account-card').waitFor();
    await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
  });

  it('names each Sign out button by its account, the visible words first', async () => {
    signingInAs = 'ops@fabrikam.com';
    await page.getByTestId('add-account-button').click();
    await page.getByTestId('add-account-browser').click();
    await expect.poll(() => page.getByTestId('account-card').count()).toBe(2);
    for (const username of ['admin@contoso.com', 'ops@fabrikam.com']) {
      await expect(
        page.getByRole('button', { name: `Sign out ${username}`, exact: true }).count(),
      ).resolves.toBe(1);
    }
    await expectAccessible('the Accounts page with two accounts');
  });

  it('toggles a subscription by its name and keeps a starred row under the pointer', async () => {
    await openPicker();
    await expect.poll(() => page.getByTestId('subscription-row').count()).toBe(5);
    await expectAccessible('the scope picker', '[data-testid="scope-drawer"]');

    await row(ML_DEVELOPMENT).getByTestId('subscription-name').click();
    await expect.poll(() => row(ML_DEVELOPMENT).getAttribute('data-selected')).toBe('false');

    const before = await row(FABRIKAM_RESEARCH).boundingBox();
    await row(FABRIKAM_RESEARCH).getByTestId('subscription-favourite').click();
    await expect.poll(() => row(FABRIKAM_RESEARCH).getAttribute('data-favourite')).toBe('true');
    expect((await row(FABRIKAM_RESEARCH).boundingBox())?.y).toBe(before?.y);
    await shot('picker-starred-in-place');
  });

  it('searches tenant domains and every account that reaches a subscription', async () => {
    const search = page.getByTestId('subscriptions-search');
    await search.fill('fabrikam.onmicrosoft.com');
    await expect.poll(() => page.getByTestId('subscription-row').count()).toBe(2);
    // Research is used through admin; ops reaches it too.
    await search.fill('ops@fabrikam');
    await expect.poll(() => row(FABRIKAM_RESEARCH).count()).toBe(1);
    await search.fill('');
  });

  it('puts focus on the next row when a hidden subscription leaves the list', async () => {
    const platform = '1b64c9cc-da2f-576e-9210-f5fd7d05790e';
    await row(platform).getByTestId('subscription-hide').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => row(platform).count()).toBe(0);
    await expect.poll(activeTestId).toBe('subscription-hide');
    // Shown again, for the steps that follow.
    await page.getByTestId('subscriptions-show-hidden').click();
    await row(platform).getByTestId('subscription-hide').click();
    await page.getByTestId('subscriptions-show-hidden').click();
    await expect.poll(() => row(platform).getAttribute('data-hidden')).toBe('false');
    await closePicker();
  });

  it('lists the inventory of every selected subscription first', async () => {
    await page.getByTestId('nav-inventory').click();
    await clickRefresh(page);
    await expect
      .poll(() => page.getByTestId('inventory-refresh').textContent())
      .toBe('Refresh from Azure');
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('account-card').first().waitFor();
  });

  it('keeps a signed-out account’s subscriptions, marked, with a button that signs it in again', async () => {
    await page.getByRole('button', { name: 'Sign out ops@fabrikam.com', exact: true }).click();
    await page.getByTestId('sign-out-dialog').waitFor();
    // The safe choice has focus and is the default; signing out is never one Enter away.
    await expect.poll(activeTestId).toBe('sign-out-cancel');
    await expect(page.getByTestId('sign-out-confirm').getAttribute('class')).resolves.not.toMatch(
      /primary/,
    );
    await expect(page.getByTestId('sign-out-keeps').textContent()).resolves.toMatch(
      /stay in the picker and the inventory, marked Needs sign-in/,
    );
    await expectAccessible('the sign-out dialog', '[data-testid="sign-out-dialog"]');
    await shot('sign-out-dialog');
    await page.getByTestId('sign-out-confirm').click();
    await expect.poll(() => page.getByTestId('account-card').count()).toBe(1);
    // The card (and the button that opened the dialog) are gone: focus goes to Add account.
    await expect.poll(activeTestId).toBe('add-account-button');

    await openPicker();
    await expect.poll(() => page.getByTestId('subscription-row').count()).toBe(5);
    await expect
      .poll(() => row(FABRIKAM_ANALYTICS).getAttribute('data-needs-sign-in'))
      .toBe('true');
    await expect(row(FABRIKAM_RESEARCH).getAttribute('data-needs-sign-in')).resolves.toBe('false');
    await expect(row(FABRIKAM_RESEARCH).getAttribute('data-favourite')).resolves.toBe('true');
    const waits = page.getByTestId('sign-in-wait');
    await expect.poll(() => waits.count()).toBe(1);
    await expect(waits.first().textContent()).resolves.toMatch(/ops@fabrikam\.com is signed out/);
    await expect(
      page.getByRole('button', { name: 'Sign in as ops@fabrikam.com', exact: true }).count(),
    ).resolves.toBe(1);
    await expectAccessible('the picker with a signed-out account', '[data-testid="scope-drawer"]');
    await shot('picker-needs-sign-in');
    await closePicker();
  });

  it('keeps their last known inventory with its age, one message for the sign-in', async () => {
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('page-inventory').waitFor();
    const group = page.locator(
      `[data-testid="subscription-group"][data-subscription-id="${FABRIKAM_ANALYTICS}"]`,
    );
    await expect(page.getByTestId('sign-in-wait').count()).resolves.toBe(1);
    await expect(page.getByTestId('sign-in-wait').textContent()).resolves.toMatch(
      /ops@fabrikam\.com is signed out.*Last listed from Azure/,
    );
    await clickRefresh(page);
    await expect.poll(() => page.getByTestId('compute-row').count()).toBeGreaterThan(3);
    await expect
      .poll(() => page.getByTestId('inventory-refresh').textContent())
      .toBe('Refresh from Azure');
    // Analytics was not listed (no token asked for), and no per-subscription error was added.
    await expect(page.getByTestId('inventory-problem').count()).resolves.toBe(0);
    await expect(page.getByTestId('sign-in-wait').textContent()).resolves.toMatch(
      /Sign in as ops@fabrikam\.com/,
    );
    // Its last known workspaces are still listed, marked as waiting for the sign-in.
    await page.getByTestId('inventory-view-workspaces').click();
    await page.getByTestId('inventory-filter').fill(FABRIKAM_ANALYTICS);
    await expect.poll(() => group.getAttribute('data-needs-sign-in')).toBe('true');
    await expect(page.getByTestId('workspace-group').count()).resolves.toBeGreaterThan(0);
    await page.getByTestId('inventory-filter').fill('');
    await expectAccessible('the Inventory page');
    await shot('inventory-needs-sign-in');
  });

  it('reaches the inventory rows with Tab and moves between them with the arrow keys', async () => {
    await page.getByTestId('inventory-filter').focus();
    const firstRow = page.locator('[data-inventory-row][tabindex="0"]');
    await expect(firstRow.count()).resolves.toBe(1);
    for (let presses = 0; presses < 12; presses += 1) {
      await page.keyboard.press('Tab');
      const onRow = await page.evaluate(
        () => document.activeElement?.hasAttribute('data-inventory-row') ?? false,
      );
      if (onRow) break;
    }
    const rowId = () =>
      page.evaluate(() => document.activeElement?.getAttribute('data-inventory-row') ?? null);
    const first = await rowId();
    expect(first, 'Tab never reached an inventory row').not.toBeNull();
    await page.keyboard.press('ArrowDown');
    const second = await rowId();
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    await expect.poll(rowId).toBe(first);
    // Tab from a row reaches its own action (the workspace's show/hide toggle).
    await page.keyboard.press('Tab');
    await expect.poll(activeTestId).toBe('workspace-toggle');
  });

  it('signs the account in again from the message, and the message goes', async () => {
    signingInAs = 'ops@fabrikam.com';
    await page.getByTestId('sign-in-wait-button').click();
    await expect.poll(() => page.getByTestId('sign-in-wait').count()).toBe(0);
    // The message and its button went: focus is on the page, not lost on the body.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.tagName ?? 'BODY'))
      .not.toBe('BODY');
    await openPicker();
    await expect
      .poll(() => row(FABRIKAM_ANALYTICS).getAttribute('data-needs-sign-in'))
      .toBe('false');
    await closePicker();
  });

  it('offers a newly reachable subscription instead of adding it to a narrowed scope', async () => {
    await page.getByTestId('nav-accounts').click();
    const northwind = page.locator(`[data-testid="tenant-row"][data-tenant-id="${NORTHWIND}"]`);
    await expect.poll(() => northwind.first().getAttribute('data-status')).toBe('needs-sign-in');
    await expect(
      page.getByRole('button', { name: 'Sign in to Northwind Traders', exact: true }).count(),
    ).resolves.toBe(1);
    signingInAs = 'admin@contoso.com';
    await northwind.first().getByTestId('tenant-sign-in').click();
    await expect.poll(() => northwind.first().getAttribute('data-status')).toBe('ready');
    await openPicker();
    await expect.poll(() => row(NORTHWIND_AI).count()).toBe(1);
    await expect(row(NORTHWIND_AI).getAttribute('data-selected')).resolves.toBe('false');
    const offer = page.getByTestId('subscriptions-offered');
    await offer.waitFor();
    await expect(offer.textContent()).resolves.toMatch(/Northwind AI was not added to your scope/);
    await expectAccessible('the picker offering a subscription', '[data-testid="scope-drawer"]');
    await shot('picker-offered');
    await page.getByTestId('subscriptions-offered-add').click();
    await expect.poll(() => row(NORTHWIND_AI).getAttribute('data-selected')).toBe('true');
    await expect.poll(() => offer.count()).toBe(0);
    // The message went: focus is on the picker's search, not lost on the page.
    await expect.poll(activeTestId).toBe('subscriptions-search');
    await closePicker();
  });

  it('loaded every screen without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
