import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { reportSkippedGroup } from '../support/skip-report';

/** Debian's Chromium; Playwright cannot download its own browsers on these machines. */
export const CHROMIUM_PATH = process.env.MOORING_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumAvailable = !reportSkippedGroup(
  !existsSync(CHROMIUM_PATH),
  'browser tests',
  `no Chromium at ${CHROMIUM_PATH} (install Debian's chromium package)`,
);

/** A headless Chromium with nothing that reaches the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/**
 * A page as the browser tests use one: a desktop-sized light window without animations, where
 * each step waits for what it needs and one that cannot succeed fails well within the test
 * timeout rather than after Playwright's default 30 s per locator.
 */
export async function newAppPage(
  browser: Browser,
  options: { width?: number; height?: number; timeoutMs?: number; acceptDownloads?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: 'light',
    reducedMotion: 'reduce',
    ...(options.acceptDownloads === undefined ? {} : { acceptDownloads: options.acceptDownloads }),
  });
  context.setDefaultTimeout(options.timeoutMs ?? 10_000);
  return context.newPage();
}
