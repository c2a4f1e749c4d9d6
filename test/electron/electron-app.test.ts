/**
 * The real app in a real Electron, driven by Playwright. Runs wherever an Electron binary is
 * installed (a developer's machine); reports itself skipped where none can be downloaded (CI
 * and build machines), where the Node tests with the stand-in electron module cover the wiring.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { _electron as electron } from 'playwright-core';
import type { ElectronApplication, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reportSkippedGroup } from '../support/skip-report';

const root = path.resolve(import.meta.dirname, '..', '..');

interface RuntimeModule {
  electronPackageDir(fromDir?: string): string | null;
  findElectronRuntime(options: {
    packageDir: string | null;
  }): { found: true; executable: string } | { found: false; reason: string };
}
// A computed specifier: the script is plain JavaScript without type declarations.
const runtimeModule = (await import(
  pathToFileURL(path.join(root, 'scripts/electron-runtime.mjs')).href
)) as RuntimeModule;
const runtime = runtimeModule.findElectronRuntime({
  packageDir: runtimeModule.electronPackageDir(root),
});
const skipped = reportSkippedGroup(
  !runtime.found,
  'Electron end-to-end suite',
  runtime.found
    ? ''
    : `${runtime.reason} (the Node tests with the stand-in electron module cover the wiring)`,
);

let dataDir: string;
let running: ElectronApplication | undefined;

async function launch(): Promise<{ app: ElectronApplication; page: Page }> {
  if (!runtime.found) throw new Error('no Electron runtime');
  const app = await electron.launch({
    executablePath: runtime.executable,
    args: [path.join(root, 'out', 'main', 'main.js')],
    cwd: root,
    env: { ...process.env, MOORING_TEST_USER_DATA_DIR: dataDir },
  });
  running = app;
  const page = await app.firstWindow();
  await page.getByTestId('app-root').waitFor();
  return { app, page };
}

/** Waits (bounded) until the main process's log says it refused a navigation to `url`. */
async function blockedNavigationLogged(url: string): Promise<void> {
  const logs = path.join(dataDir, 'logs');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const lines = fs.existsSync(logs)
      ? fs.readdirSync(logs).map((file) => fs.readFileSync(path.join(logs, file), 'utf8'))
      : [];
    if (lines.some((text) => text.includes('Blocked a navigation away from Mooring'))) return;
    if (Date.now() > deadline) {
      throw new Error(`The main process did not log refusing the navigation to ${url} within 10 s`);
    }
    await new Promise((wake) => setTimeout(wake, 50));
  }
}

describe.skipIf(skipped)('Mooring in Electron', () => {
  beforeAll(() => {
    const build = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    if (build.status !== 0) throw new Error('the build failed');
  });

  afterEach(async () => {
    await running?.close();
    running = undefined;
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the renderer from the mooring:// origin with the contract as the only bridge', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-electron-'));
    const { page } = await launch();
    expect(new URL(page.url()).origin).toBe('mooring://app');
    const exposed = await page.evaluate(() => ({
      bridgeKeys: Object.keys((window as unknown as { mooring: object }).mooring).sort(),
      hasRequire: 'require' in window,
      hasProcess: 'process' in window,
    }));
    expect(exposed).toEqual({ bridgeKeys: ['invoke', 'on'], hasRequire: false, hasProcess: false });
  });

  it('keeps the theme choice across a restart', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-electron-'));
    const first = await launch();
    await first.page
      .getByRole('button', { name: /settings/i })
      .first()
      .click();
    await first.page.getByRole('radio', { name: 'Dark' }).check();
    await first.page.locator('[data-testid="app-root"][data-theme-choice="dark"]').waitFor();
    await first.app.close();
    const second = await launch();
    await second.page.locator('[data-testid="app-root"][data-theme-choice="dark"]').waitFor();
  });

  it('refuses navigation away from the app', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-electron-'));
    const { page } = await launch();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    // The main process logs the refusal right after preventing it: wait for that, not for a time.
    await blockedNavigationLogged('https://example.com/');
    expect(new URL(await page.evaluate(() => window.location.href)).origin).toBe('mooring://app');
  });
});
