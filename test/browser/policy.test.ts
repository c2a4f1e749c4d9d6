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
import type { SecurityConfirmer } from '../../electron/connection/security-change';
import { scriptedConfirmer } from '../browser-host/system-stand-ins';
import { recordingLogger } from '../browser-host/test-support';
import { seriousAxeViolations } from './axe';
import { chromiumAvailable, launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

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

  async function openSettingsWithPolicy(
    policy: string | null,
    confirmer: SecurityConfirmer = scriptedConfirmer(true),
  ): Promise<Page> {
    dir = mkdtempSync(path.join(tmpdir(), 'mooring-policy-'));
    const policyFile = path.join(dir, 'policy.json');
    if (policy !== null) writeFileSync(policyFile, policy);
    host = await startBrowserHost({
      userDataDir: path.join(dir, 'data'),
      policyFile,
      logger: recordingLogger(),
      confirmSecurityChange: confirmer,
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

  it('says who the default application is and what that means for sign-in logs', async () => {
    const page = await openSettingsWithPolicy(null);
    const note = page.getByTestId('connection-default-client-note');
    await expect(note.textContent()).resolves.toContain('Azure CLI’s public client');
    await expect(note.textContent()).resolves.toContain('Conditional Access');
    await expect(note.textContent()).resolves.toContain('policy file');
  });

  it('disables the token-storage switch where nothing can encrypt, saying so', async () => {
    const page = await openSettingsWithPolicy(null);
    const toggle = page.getByTestId('connection-allow-weak');
    await expect(toggle.isDisabled()).resolves.toBe(true);
    await expect(toggle.isChecked()).resolves.toBe(false);
    await expect(
      page.getByTestId('connection-allow-weak-unavailable').textContent(),
    ).resolves.toContain('no way at all to encrypt tokens');
  });

  it('leaves everything as it was when the confirmation is declined, and says so', async () => {
    const confirmer = scriptedConfirmer(false);
    const page = await openSettingsWithPolicy(null, confirmer);
    await page.getByText('No proxy', { exact: true }).click();
    await page.getByTestId('connection-save').click();
    const cancelled = page.getByTestId('connection-save-cancelled');
    await cancelled.waitFor();
    await expect(cancelled.textContent()).resolves.toContain('Nothing was changed');
    expect(confirmer.asked.map((request) => request.change)).toEqual([
      'Proxy: the system’s proxy settings → no proxy',
    ]);
    await expect(page.getByTestId('connection-save-error').count()).resolves.toBe(0);
  });
});
