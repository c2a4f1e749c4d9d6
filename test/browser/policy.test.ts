/**
 * Settings › Connection when an administrator deploys a policy file: what it sets is shown
 * read-only with where it comes from, and a policy that cannot be applied is said plainly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost } from '../browser-host/host';
import type { BrowserHost } from '../browser-host/host';
import { recordingLogger } from '../browser-host/test-support';
import { seriousAxeViolations } from './axe';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

if (!chromiumAvailable) {
  console.warn(`Skipping the policy browser test: no Chromium at ${CHROMIUM_PATH}.`);
}

describe.skipIf(!chromiumAvailable)('an administrator’s policy file in Settings', () => {
  let dir: string;
  let browser: Browser;
  let host: BrowserHost | undefined;

  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await host?.close();
    host = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function openSettingsWithPolicy(policy: string): Promise<Page> {
    dir = mkdtempSync(path.join(tmpdir(), 'mooring-policy-'));
    const policyFile = path.join(dir, 'policy.json');
    writeFileSync(policyFile, policy);
    host = await startBrowserHost({
      userDataDir: path.join(dir, 'data'),
      policyFile,
      logger: recordingLogger(),
    });
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(host.url);
    await page
      .getByRole('button', { name: /settings/i })
      .first()
      .click();
    await page.getByTestId('connection-form').waitFor();
    return page;
  }

  it('shows the fields it sets as read-only, naming the file', async () => {
    const page = await openSettingsWithPolicy(
      JSON.stringify({ proxy: { mode: 'manual', url: 'http://proxy.contoso.com:3128' } }),
    );
    const form = page.getByTestId('connection-form');
    await expect(form.textContent()).resolves.toContain('Set by your administrator');
    await expect(form.textContent()).resolves.toContain('policy.json');
    await expect(page.getByTestId('connection-proxy-url').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('connection-policy-problem').count()).resolves.toBe(0);
    expect(await seriousAxeViolations(page), 'Settings with policy-locked fields').toEqual([]);
  });

  it('says plainly when the policy file cannot be applied', async () => {
    const page = await openSettingsWithPolicy('{ "proxy": ');
    const problem = page.getByTestId('connection-policy-problem');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain('will not connect to Azure');
    expect(await seriousAxeViolations(page), 'Settings with a broken policy file').toEqual([]);
  });
});
