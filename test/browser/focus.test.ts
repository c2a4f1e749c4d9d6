// Keyboard focus after an overlay closes: back on what opened it, never lost to <body>.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost } from '../browser-host/host';
import type { BrowserHost } from '../browser-host/host';
import { recordingLogger } from '../browser-host/test-support';
import { startEmulator } from '../emulator/emulator';
import type { RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { testEncryptor } from '../support/test-encryptor';
import { seriousAxeViolations } from './axe';
import { beginBrowserSignIn, clickRefresh, openApp } from './app-session';
import { chromiumAvailable, launchChromium, newAppPage } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

/** Waits (no fixed delay) until the element with this test id has focus. */
const focusLandsOn = (page: Page, testId: string) =>
  page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testId);

describe.skipIf(!chromiumAvailable)('focus after closing an overlay, in Chromium', () => {
  let userDataDir: string;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  const unexpectedErrors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    userDataDir = mkdtempSync(path.join(tmpdir(), 'mooring-focus-'));
    host = await startBrowserHost({ userDataDir, logger: recordingLogger() });
    browser = await launchChromium();
    page = await newAppPage(browser);
    page.on('pageerror', (error) => unexpectedErrors.push(`page error: ${error.message}`));
    await page.goto(host.url);
    await page.getByTestId('header-palette-button').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('puts focus back on the palette button after Escape closes the palette it opened', async () => {
    await page.getByTestId('header-palette-button').focus();
    await page.keyboard.press('Enter');
    await focusLandsOn(page, 'palette-input');
    expect(
      await seriousAxeViolations(page, '[data-testid="command-palette"]'),
      'the command palette',
    ).toEqual([]);

    await page.keyboard.press('Escape');
    await page.getByTestId('command-palette').waitFor({ state: 'detached' });
    await focusLandsOn(page, 'header-palette-button');
    expect(await focusedTestId(page)).toBe('header-palette-button');
  });

  it('puts focus back where it was after Ctrl+K opens and Escape closes the palette', async () => {
    // The account button is no restore target of its own: only the palette remembers it.
    await page.getByTestId('header-account-button').focus();
    await page.keyboard.press('Control+k');
    await focusLandsOn(page, 'palette-input');

    await page.keyboard.press('Escape');
    await page.getByTestId('command-palette').waitFor({ state: 'detached' });
    await focusLandsOn(page, 'header-account-button');
    expect(await focusedTestId(page)).toBe('header-account-button');
  });

  it('puts focus back on the scope button after Escape closes the scope drawer', async () => {
    await page.getByTestId('header-scope-button').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('scope-drawer').waitFor();
    await page.waitForFunction(() =>
      Boolean(
        document.querySelector('[data-testid="scope-drawer"]')?.contains(document.activeElement),
      ),
    );

    await page.keyboard.press('Escape');
    await page.getByTestId('scope-drawer').waitFor({ state: 'detached' });
    await focusLandsOn(page, 'header-scope-button');
    expect(await focusedTestId(page)).toBe('header-scope-button');
    expect(unexpectedErrors).toEqual([]);
  });
});

describe.skipIf(!chromiumAvailable)('focus and keyboard access with an account signed in', () => {
  let emulator: RunningEmulator;
  let userDataDir: string;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  // While set, the browser sign-in is never finished, so its dialog stays until cancelled.
  let holdSignIn = false;

  beforeAll(async () => {
    ensureRendererBuilt();
    emulator = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'mooring-focus-accounts-'));
    host = await startBrowserHost({
      userDataDir,
      logger: recordingLogger(),
      encryptor: testEncryptor('os'),
      azure: { resourceManagerUrl: emulator.armUrl, caFile: emulator.caPath },
      openSignInPage: async (url) => {
        if (!holdSignIn) await emulator.control.completeBrowserSignIn(url, 'admin@contoso.com');
      },
    });
    browser = await launchChromium();
    page = await openApp(browser, host, { timeoutMs: 20_000 });
    await beginBrowserSignIn(page);
    await page.getByTestId('account-card').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await emulator?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('puts focus back on Sign out after Escape keeps the account signed in', async () => {
    await page.getByTestId('account-sign-out').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('sign-out-dialog').waitFor();
    await page.waitForFunction(() =>
      Boolean(
        document.querySelector('[data-testid="sign-out-dialog"]')?.contains(document.activeElement),
      ),
    );
    expect(
      await seriousAxeViolations(page, '[data-testid="sign-out-dialog"]'),
      'the sign-out dialog',
    ).toEqual([]);

    await page.keyboard.press('Escape');
    await page.getByTestId('sign-out-dialog').waitFor({ state: 'detached' });
    await focusLandsOn(page, 'account-sign-out');
    expect(await focusedTestId(page)).toBe('account-sign-out');
  });

  it("shows a failed compute's errors in full from a keyboard toggle, and closes back to it", async () => {
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('page-inventory').waitFor();
    await clickRefresh(page);
    // The workspaces view lists each failed compute's errors, with the toggle for all of them.
    await page.getByTestId('inventory-view-workspaces').click();
    const failed = page.locator('[data-testid="compute-row"][data-state="Failed"]').first();
    const toggle = failed.getByTestId('compute-error-details-toggle');
    await toggle.focus();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    await page.keyboard.press('Enter');
    const details = page.getByTestId('compute-error-details');
    await details.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const shown = await failed.getByTestId('compute-error').count();
    const detailed = await details.getByTestId('compute-error-detail').count();
    expect(shown).toBeGreaterThan(0);
    expect(detailed).toBeGreaterThanOrEqual(shown);
    // The whole text, selectable: no clamping, and user-select allows it.
    expect(await details.evaluate((list) => getComputedStyle(list).userSelect)).not.toBe('none');
    expect(await seriousAxeViolations(page), 'the inventory with error details open').toEqual([]);

    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    await focusLandsOn(page, 'compute-error-details-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('account-card').waitFor();
  });

  it('puts focus back on Add account after the sign-in dialog is cancelled', async () => {
    holdSignIn = true;
    await page.getByTestId('add-account-button').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('add-account-browser').waitFor();
    await focusLandsOn(page, 'add-account-browser');
    await page.keyboard.press('Enter');
    await page.getByTestId('sign-in-dialog').waitFor();
    await focusLandsOn(page, 'sign-in-cancel');
    expect(
      await seriousAxeViolations(page, '[data-testid="sign-in-dialog"]'),
      'the sign-in dialog',
    ).toEqual([]);

    await page.keyboard.press('Enter');
    await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
    await focusLandsOn(page, 'add-account-button');
    expect(await focusedTestId(page)).toBe('add-account-button');
  });
});
