/**
 * The steps most browser tests take before the part they check: a browser host whose Azure is
 * the local emulator, the app open in a page, the demo admin signed in, and a first inventory
 * listed from Azure. Each waits on the page with a bound, never for a fixed time.
 */
import type { Browser, Page } from 'playwright-core';
import type { SecretEncryptor } from '../../electron/auth/secret-store';
import { startBrowserHost } from '../browser-host/host';
import type { BrowserHost } from '../browser-host/host';
import { recordingLogger } from '../browser-host/test-support';
import type { RunningEmulator } from '../emulator/emulator';
import { testEncryptor } from '../support/test-encryptor';
import { newAppPage } from './chromium';

/** The demo scenario's admin, who signs in to its three tenants. */
export const DEMO_ADMIN = 'admin@contoso.com';

export interface EmulatorHostOptions {
  readonly userDataDir: string;
  /** One key store across host restarts, as on one machine; a fresh one when not given. */
  readonly encryptor?: SecretEncryptor;
  /** Who the emulator's sign-in page signs in, asked at each sign-in; the demo admin if not given. */
  readonly signInAs?: () => string;
}

/** A browser host pointed at the emulator, whose browser sign-ins the emulator's page completes. */
export function startEmulatorHost(
  emulator: RunningEmulator,
  options: EmulatorHostOptions,
): Promise<BrowserHost> {
  const signInAs = options.signInAs ?? (() => DEMO_ADMIN);
  return startBrowserHost({
    userDataDir: options.userDataDir,
    logger: recordingLogger(),
    encryptor: options.encryptor ?? testEncryptor('os'),
    azure: { resourceManagerUrl: emulator.armUrl, caFile: emulator.caPath },
    openSignInPage: async (url) => {
      await emulator.control.completeBrowserSignIn(url, signInAs());
    },
  });
}

/**
 * The app loaded in a page of its own (see newAppPage), once its root is drawn. With
 * `pageErrors`, every uncaught error in the page is kept there, from the first script on.
 */
export async function openApp(
  browser: Browser,
  host: BrowserHost,
  options: Parameters<typeof newAppPage>[1] & { pageErrors?: string[] } = {},
): Promise<Page> {
  const page = await newAppPage(browser, options);
  const { pageErrors } = options;
  if (pageErrors) page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(host.url);
  await page.getByTestId('app-root').waitFor();
  return page;
}

/** Starts a browser sign-in from the Accounts page while no account is signed in. */
export async function beginBrowserSignIn(page: Page): Promise<void> {
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('accounts-empty-browser').click();
}

/** Signs the demo admin in through the browser and waits for the account's three tenants. */
export async function signInDemoAdmin(page: Page): Promise<void> {
  await beginBrowserSignIn(page);
  await until('the three tenants of the demo admin', async () => {
    const tenants = await page.getByTestId('tenant-row').count();
    return tenants === 3 || `${tenants} tenants`;
  });
}

/** Clicks the inventory's refresh: the toolbar's, or the empty inventory's before a first list. */
export async function clickRefresh(page: Page): Promise<void> {
  await page
    .getByTestId('inventory-refresh')
    .or(page.getByTestId('inventory-empty-refresh'))
    .first()
    .click();
}

/**
 * Lists an empty inventory from Azure for the first time and waits for that refresh to end.
 * The click shows the progress bar at once (the page marks the refresh running before asking
 * the main process), and it goes with the refresh's answer: its going means this one ended.
 */
export async function listInventory(page: Page): Promise<void> {
  await page.getByTestId('nav-inventory').click();
  await clickRefresh(page);
  // The demo scenario lists more than three computes in any view.
  await page.getByTestId('compute-row').nth(3).waitFor({ timeout: 60_000 });
  await page.getByTestId('inventory-refreshing').waitFor({ state: 'hidden', timeout: 60_000 });
}

/**
 * A bounded wait where expect.poll is not available (a beforeAll): `holds` answers true when
 * done, or what it saw instead, which the failure names.
 */
async function until(
  what: string,
  holds: () => Promise<true | string>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await holds();
    if (seen === true) return;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}; last seen: ${seen}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
