import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startEmulator } from '../emulator/emulator';
import type { RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { eventChannel, operationChannel } from '../../shared/ipc/contract-kit';
import { operationNames } from '../../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/content-security-policy';
import { DOCUMENTATION_URL } from '../../electron/shell/menu-template';
import type { MenuItemSpec } from '../../electron/shell/menu-template';
import { startMooring } from '../../electron/shell/app-main';
import type { MooringRuntime, StartOptions } from '../../electron/shell/app-main';
import * as standIn from '../stand-ins/electron';
import type * as DevAzure from '../../electron/app/dev-azure';

vi.mock('electron', () => import('../stand-ins/electron'));

/**
 * Counts the starts of the switch to a development Azure. The main process decides whether to
 * make it before startMooring resolves, so a test can read the count then without waiting.
 */
const developmentAzureSwitches = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../electron/app/dev-azure', async (importOriginal) => {
  const original = await importOriginal<typeof DevAzure>();
  return {
    ...original,
    pointAtDevelopmentAzure: (...args: Parameters<typeof original.pointAtDevelopmentAzure>) => {
      developmentAzureSwitches.count += 1;
      return original.pointAtDevelopmentAzure(...args);
    },
  };
});

let base: string;
let userData: string;
let appPath: string;
const runtimes: MooringRuntime[] = [];

beforeEach(() => {
  standIn.resetStandIn();
  // Development runs mirror the log to the console; keep the test output readable.
  for (const level of ['info', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation(() => {});
  }
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-main-'));
  userData = path.join(base, 'userData');
  appPath = path.join(base, 'app');
  const renderer = path.join(appPath, 'out', 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Mooring</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'export {};');
  fs.writeFileSync(path.join(base, 'outside.txt'), 'not for the renderer');
  standIn.recorder.paths = { userData, appPath };
});

afterEach(async () => {
  vi.restoreAllMocks();
  // What the app does on quit: close the database so the folder can go. Closing is
  // asynchronous; the app quits (again) once it is done.
  const quitsBefore = standIn.recorder.quitCalls;
  const stillOpen = runtimes.splice(0).some((runtime) => runtime.composition.database.open);
  standIn.app.emit('will-quit', { preventDefault: () => {} });
  if (stillOpen) {
    await vi.waitFor(() => expect(standIn.recorder.quitCalls).toBeGreaterThan(quitsBefore));
  }
  fs.rmSync(base, { recursive: true, force: true });
});

/** Starts the main process against the stand-in and makes the app ready. */
async function start(options?: StartOptions): Promise<MooringRuntime> {
  const started = startMooring(options);
  standIn.becomeReady();
  const runtime = await started;
  if (!runtime) throw new Error('Mooring did not start');
  runtimes.push(runtime);
  return runtime;
}

const theWindow = () => {
  const window = standIn.recorder.windows[0];
  if (!window) throw new Error('no window was created');
  return window;
};

const emitOn = (emitter: standIn.StandInEmitter, name: string, details: object) => {
  const event = new standIn.StandInEvent(details);
  emitter.emit(name, event, (details as { url?: string }).url);
  return event;
};

const invoke = (name: string, input: unknown, event: object) => {
  const handler = standIn.recorder.ipcHandlers.get(operationChannel(name));
  if (!handler) throw new Error(`no handler for ${name}`);
  return handler(event, input) as Promise<{
    ok: boolean;
    value?: unknown;
    error?: { code: string };
  }>;
};

const fromOurPage = () => ({
  sender: theWindow().webContents,
  senderFrame: theWindow().webContents.mainFrame,
});

describe('single instance', () => {
  it('asks for the single-instance lock and quits without a window when it is taken', async () => {
    standIn.recorder.singleInstanceLockAvailable = false;
    const runtime = await startMooring();
    expect(runtime).toBeNull();
    expect(standIn.recorder.singleInstanceLockRequests).toBe(1);
    expect(standIn.recorder.quitCalls).toBe(1);
    expect(standIn.recorder.windows).toHaveLength(0);
    expect(standIn.recorder.ipcHandlers.size).toBe(0);
  });

  it('brings the existing window forward when a second instance starts', async () => {
    await start();
    const window = theWindow();
    window.minimized = true;
    window.focused = false;
    standIn.app.emit('second-instance', new standIn.StandInEvent(), ['mooring'], '/');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
    expect(standIn.recorder.windows).toHaveLength(1);
  });
});

describe('the app protocol', () => {
  it('registers mooring as a privileged standard, secure, fetch-capable scheme before ready', async () => {
    await start();
    expect(standIn.recorder.privilegedSchemes).toEqual([
      { scheme: 'mooring', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(standIn.recorder.schemesRegisteredAfterReady).toBe(false);
    expect(standIn.recorder.sandboxEnabled).toBe(true);
  });

  it('serves out/renderer with the CSP header and refuses traversal', async () => {
    await start();
    const handler = standIn.recorder.protocolHandlers.get('mooring');
    if (!handler) throw new Error('mooring:// is not handled');
    const page = await handler(new Request('mooring://app/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const script = await handler(new Request('mooring://app/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const url of [
      'mooring://app/../../outside.txt',
      'mooring://app/..%2f..%2f..%2foutside.txt',
    ]) {
      const refused = await handler(new Request(url));
      expect(refused.status).not.toBe(200);
      expect(await refused.text()).not.toContain('not for the renderer');
    }
  });

  it('loads the window from mooring://app, never file://', async () => {
    await start();
    expect(standIn.recorder.loadedUrls).toEqual(['mooring://app/index.html']);
  });
});

describe('the window', () => {
  it('is created with the secure webPreferences and our preload', async () => {
    await start();
    const preferences = theWindow().options.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      preload: path.join(appPath, 'out', 'preload', 'preload.cjs'),
    });
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences.devTools).toBe(true); // development run
  });

  it('has no developer tools when packaged', async () => {
    standIn.recorder.isPackaged = true;
    await start();
    expect((theWindow().options.webPreferences as Record<string, unknown>).devTools).toBe(false);
  });

  it('stays on our origin: navigation elsewhere is prevented, in-app navigation allowed', async () => {
    await start();
    const contents = theWindow().webContents;
    expect(emitOn(contents, 'will-navigate', { url: 'https://evil.com/' }).defaultPrevented).toBe(
      true,
    );
    expect(emitOn(contents, 'will-navigate', { url: 'file:///etc/passwd' }).defaultPrevented).toBe(
      true,
    );
    expect(
      emitOn(contents, 'will-navigate', { url: 'mooring://app/index.html#/x' }).defaultPrevented,
    ).toBe(false);
    expect(standIn.recorder.openedExternally).toEqual([]);
  });

  it('opens an allowlisted https link in the system browser instead of navigating', async () => {
    await start();
    const event = emitOn(theWindow().webContents, 'will-navigate', {
      url: 'https://portal.azure.com/',
    });
    expect(event.defaultPrevented).toBe(true);
    expect(standIn.recorder.openedExternally).toEqual(['https://portal.azure.com/']);
  });

  it('prevents redirects and sub-frame navigations away from our origin', async () => {
    await start();
    const contents = theWindow().webContents;
    expect(emitOn(contents, 'will-redirect', { url: 'https://evil.com/' }).defaultPrevented).toBe(
      true,
    );
    expect(
      emitOn(contents, 'will-redirect', { url: 'https://portal.azure.com/' }).defaultPrevented,
    ).toBe(true);
    const subFrame = (url: string) =>
      emitOn(contents, 'will-frame-navigate', { url, isMainFrame: false }).defaultPrevented;
    expect(subFrame('https://evil.com/')).toBe(true);
    expect(subFrame('https://portal.azure.com/')).toBe(true);
    expect(subFrame('mooring://app/index.html')).toBe(false);
    expect(standIn.recorder.openedExternally).toEqual([]);
  });

  it('denies every new window and hands only allowlisted https URLs to the browser', async () => {
    await start();
    const openWindow = theWindow().webContents.windowOpenHandler;
    if (!openWindow) throw new Error('no window-open handler');
    for (const url of [
      'https://learn.microsoft.com/azure/machine-learning/',
      'http://learn.microsoft.com/',
      'https://evil.com/',
      'https://login.microsoftonline.com.evil.com/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'mooring://app/index.html',
    ]) {
      expect(openWindow({ url })).toEqual({ action: 'deny' });
    }
    expect(standIn.recorder.openedExternally).toEqual([
      'https://learn.microsoft.com/azure/machine-learning/',
    ]);
  });

  it('refuses <webview> attachment', async () => {
    await start();
    const event = new standIn.StandInEvent();
    theWindow().webContents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('hardens any other WebContents that appears', async () => {
    await start();
    const stray = new standIn.StandInWebContents(standIn.session.defaultSession);
    standIn.app.emit('web-contents-created', new standIn.StandInEvent(), stray);
    expect(stray.windowOpenHandler?.({ url: 'https://evil.com/' })).toEqual({ action: 'deny' });
    expect(emitOn(stray, 'will-navigate', { url: 'https://evil.com/' }).defaultPrevented).toBe(
      true,
    );
  });

  it('grants clipboard writes to our own page only', async () => {
    await start();
    const session = standIn.session.defaultSession;
    const granted = (origin: string) =>
      session.permissionCheckHandler?.(
        theWindow().webContents,
        'clipboard-sanitized-write',
        origin,
        {},
      );
    expect(granted('mooring://app')).toBe(true);
    expect(granted('https://evil.com')).toBe(false);
    const callback = vi.fn();
    session.permissionRequestHandler?.(
      theWindow().webContents,
      'clipboard-sanitized-write',
      callback,
      {
        requestingUrl: 'https://evil.com/',
      },
    );
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('denies every other permission request and permission check', async () => {
    await start();
    const session = standIn.session.defaultSession;
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
    ]) {
      const callback = vi.fn();
      session.permissionRequestHandler?.(theWindow().webContents, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(
        session.permissionCheckHandler?.(theWindow().webContents, permission, 'mooring://app', {}),
      ).toBe(false);
    }
    expect(session.devicePermissionHandler?.({})).toBe(false);
  });
});

describe('IPC', () => {
  it('registers a handler for every contract operation', async () => {
    await start();
    expect([...standIn.recorder.ipcHandlers.keys()].sort()).toEqual(
      operationNames.map((name) => operationChannel(name)).sort(),
    );
  });

  it('answers a call from our page through the real services', async () => {
    const runtime = await start();
    const answer = await invoke('app.getInfo', {}, fromOurPage());
    expect(answer).toEqual({
      ok: true,
      value: {
        name: 'Mooring',
        version: '0.1.0-test',
        databasePath: runtime.composition.databasePath,
        platform: process.platform,
      },
    });
    expect(runtime.composition.databasePath.startsWith(userData)).toBe(true);
  });

  it('refuses calls from a sub-frame or another origin before any service runs', async () => {
    await start();
    const subFrame = {
      sender: theWindow().webContents,
      senderFrame: new standIn.StandInFrame(
        'mooring://app/index.html',
        theWindow().webContents.mainFrame,
      ),
    };
    const refused = await invoke('settings.setTheme', { theme: 'dark' }, subFrame);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });

    theWindow().webContents.mainFrame.url = 'https://evil.com/';
    const alsoRefused = await invoke('settings.setTheme', { theme: 'dark' }, fromOurPage());
    expect(alsoRefused).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });

    // Nothing was stored: the settings service never saw either call.
    theWindow().webContents.mainFrame.url = 'mooring://app/index.html';
    expect(await invoke('settings.get', {}, fromOurPage())).toEqual({
      ok: true,
      value: { theme: 'system' },
    });
    expect(theWindow().webContents.sent).toEqual([]);
  });

  it('forwards service events to the window', async () => {
    await start();
    const answer = await invoke('settings.setTheme', { theme: 'dark' }, fromOurPage());
    expect(answer).toEqual({ ok: true, value: { theme: 'dark' } });
    expect(theWindow().webContents.sent).toContainEqual({
      channel: eventChannel('settings.changed'),
      args: [{ theme: 'dark' }],
    });
  });

  it('validates input through the dispatcher', async () => {
    await start();
    const answer = await invoke('settings.setTheme', { theme: 'neon' }, fromOurPage());
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

describe('the menu', () => {
  const helpItems = () => {
    const template = (standIn.recorder.applicationMenu?.template ?? []) as MenuItemSpec[];
    return { template, help: template.find((item) => item.id === 'help')?.submenu ?? [] };
  };

  it('is installed, and Help > Open Logs Folder opens <userData>/logs', async () => {
    await start({ platform: 'win32' });
    const { template, help } = helpItems();
    expect(template.map((item) => item.id)).toEqual(['file', 'edit', 'view', 'window', 'help']);
    help.find((item) => item.label === 'Open Logs Folder')?.click?.();
    expect(standIn.recorder.openedPaths).toEqual([path.join(userData, 'logs')]);
    expect(fs.existsSync(path.join(userData, 'logs'))).toBe(true);
  });

  it('has the macOS app menu on darwin and opens the documentation externally', async () => {
    await start({ platform: 'darwin' });
    const { template, help } = helpItems();
    expect(template[0]?.label).toBe('Mooring');
    help.find((item) => item.label === 'Mooring documentation')?.click?.();
    await vi.waitFor(() => expect(standIn.recorder.openedExternally).toEqual([DOCUMENTATION_URL]));
  });
});

describe('logging', () => {
  it('writes the main log to <userData>/logs/main.log', async () => {
    const runtime = await start();
    expect(runtime.logger.file).toBe(path.join(userData, 'logs', 'main.log'));
    expect(fs.readFileSync(runtime.logger.file, 'utf8')).toContain('Mooring 0.1.0-test starting');
  });
});

describe('lifecycle', () => {
  it('quits when the last window closes, except on macOS where activate reopens one', async () => {
    await start({ platform: 'win32' });
    standIn.app.emit('window-all-closed');
    expect(standIn.recorder.quitCalls).toBe(1);
  });

  it('keeps running on macOS and reopens a window on activate', async () => {
    await start({ platform: 'darwin' });
    theWindow().destroy();
    standIn.app.emit('window-all-closed');
    expect(standIn.recorder.quitCalls).toBe(0);
    standIn.app.emit('activate');
    expect(standIn.recorder.windows.filter((w) => !w.destroyed)).toHaveLength(1);
  });

  it('closes the database and removes the IPC handlers on quit', async () => {
    const runtime = await start();
    const event = { preventDefault: vi.fn() };
    standIn.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(standIn.recorder.ipcHandlers.size).toBe(0);
    await vi.waitFor(() => expect(runtime.composition.database.open).toBe(false));
    expect(standIn.recorder.quitCalls).toBe(1);
    const second = { preventDefault: vi.fn() };
    standIn.app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });
});

describe('start-up failure', () => {
  const expectPlainErrorBox = (fragment: string) => {
    expect(standIn.recorder.errorBoxes).toHaveLength(1);
    const box = standIn.recorder.errorBoxes[0];
    expect(box?.title).toBe('Mooring cannot start');
    expect(box?.content).toContain(fragment);
    expect(box?.content).not.toMatch(/\n\s+at /); // no stack trace
    expect(standIn.recorder.exitCodes).toEqual([1]);
    expect(standIn.recorder.windows).toHaveLength(0);
  };

  it('refuses a debugging switch in a packaged build before anything else happens', async () => {
    standIn.recorder.isPackaged = true;
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const runtime = await startMooring({ argv: ['Mooring', '--remote-debugging-port=9222'] });
    expect(runtime).toBeNull();
    expectPlainErrorBox('does not start with --remote-debugging-port');
    expect(standIn.recorder.singleInstanceLockRequests).toBe(0);
    expect(fs.existsSync(userData)).toBe(false);
  });

  it('makes every file it creates private: the umask is set before anything is written', async () => {
    const umask = vi.spyOn(process, 'umask').mockImplementation(() => 0o022);
    await start();
    expect(umask).toHaveBeenCalledWith(0o077);
    expect(fs.statSync(userData).mode & 0o777).toBe(0o700);
  });

  it('lets a development build start with a debugging switch', async () => {
    await start({ argv: ['electron', '.', '--inspect'] });
    expect(standIn.recorder.errorBoxes).toHaveLength(0);
    expect(standIn.recorder.windows).toHaveLength(1);
  });

  it('explains a database written by a newer Mooring and quits', async () => {
    fs.mkdirSync(userData, { recursive: true });
    const db = new BetterSqlite3(path.join(userData, 'mooring.sqlite3'));
    db.pragma('user_version = 999');
    db.close();
    const started = startMooring();
    standIn.becomeReady();
    expect(await started).toBeNull();
    expectPlainErrorBox('written by a newer version of Mooring');
  });

  it('explains a damaged database file and quits', async () => {
    fs.mkdirSync(userData, { recursive: true });
    fs.writeFileSync(
      path.join(userData, 'mooring.sqlite3'),
      'this is not a database at all, sorry',
    );
    const started = startMooring();
    standIn.becomeReady();
    expect(await started).toBeNull();
    expectPlainErrorBox('is not a Mooring database');
    const log = fs.readFileSync(path.join(userData, 'logs', 'main.log'), 'utf8');
    expect(log).toContain('Mooring could not start');
  });
});

describe('electron/main.ts', () => {
  it('starts Mooring when loaded', async () => {
    vi.resetModules();
    await import('../../electron/main');
    expect(standIn.recorder.singleInstanceLockRequests).toBe(1);
    expect(standIn.recorder.privilegedSchemes.map((s) => s.scheme)).toEqual(['mooring']);
  });
});

describe('the data folder test hook', () => {
  afterEach(() => {
    delete process.env.MOORING_TEST_USER_DATA_DIR;
  });

  it('moves the data folder in development builds, for the Electron end-to-end suite', async () => {
    const elsewhere = path.join(base, 'e2e-data');
    process.env.MOORING_TEST_USER_DATA_DIR = elsewhere;
    const runtime = await start();
    expect(runtime.composition.databasePath).toBe(path.join(elsewhere, 'mooring.sqlite3'));
  });

  it('is ignored by a packaged app', async () => {
    process.env.MOORING_TEST_USER_DATA_DIR = path.join(base, 'e2e-data');
    standIn.recorder.isPackaged = true;
    const runtime = await start();
    expect(runtime.composition.databasePath).toBe(path.join(userData, 'mooring.sqlite3'));
  });
});

describe('a connection change asked for by the window', () => {
  const proxyOf = async (runtime: MooringRuntime) => {
    const view = await runtime.composition.dispatch('connection.get', {}, { transport: 'test' });
    return view.ok ? (view.value as { settings: { proxy: unknown } }).settings.proxy : null;
  };

  it('waits for a native dialog, modal to the window, whose default is Cancel', async () => {
    const runtime = await start();
    const answer = await invoke('connection.update', { proxy: { mode: 'none' } }, fromOurPage());
    expect(answer).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(standIn.recorder.messageBoxes).toHaveLength(1);
    const box = standIn.recorder.messageBoxes[0];
    expect(box?.window).toBe(theWindow());
    expect(box?.options).toMatchObject({
      type: 'warning',
      title: 'Change how Mooring connects to Azure?',
      buttons: ['Cancel', 'Change'],
      defaultId: 0,
      cancelId: 0,
    });
    expect(box?.options.detail).toContain('Proxy: the system’s proxy settings → no proxy');
    expect(await proxyOf(runtime)).toEqual({ mode: 'system' });
  });

  it('takes effect once the user chooses Change in that dialog', async () => {
    standIn.recorder.messageBoxResponse = 1;
    const runtime = await start();
    const answer = await invoke('connection.update', { proxy: { mode: 'none' } }, fromOurPage());
    expect(answer.ok).toBe(true);
    expect(await proxyOf(runtime)).toEqual({ mode: 'none' });
  });
});

describe('npm run demo in a development Electron', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  });
  afterAll(async () => {
    await emulator.close();
  });
  afterEach(() => {
    delete process.env.MOORING_DEV_AZURE_ARM_URL;
    delete process.env.MOORING_DEV_AZURE_CA_FILE;
  });

  const resourceManagerOf = async (runtime: MooringRuntime) => {
    const view = await runtime.composition.dispatch('connection.get', {}, { transport: 'test' });
    return view.ok
      ? (view.value as { resolved: { resourceManager: string } }).resolved.resourceManager
      : null;
  };

  it('points the app at the emulator the environment names', async () => {
    process.env.MOORING_DEV_AZURE_ARM_URL = emulator.armUrl;
    process.env.MOORING_DEV_AZURE_CA_FILE = emulator.caPath;
    standIn.recorder.messageBoxResponse = 1; // the developer confirms the switch to the emulator
    const switchesBefore = developmentAzureSwitches.count;
    const runtime = await start();
    // The switch has started by the time the app is ready: what the packaged test relies on.
    expect(developmentAzureSwitches.count).toBe(switchesBefore + 1);
    await vi.waitFor(async () => expect(await resourceManagerOf(runtime)).toBe(emulator.armUrl));
    expect(standIn.recorder.messageBoxes[0]?.options).toMatchObject({
      title: 'Change how Mooring connects to Azure?',
    });
  });

  it('is ignored by a packaged app', async () => {
    process.env.MOORING_DEV_AZURE_ARM_URL = emulator.armUrl;
    process.env.MOORING_DEV_AZURE_CA_FILE = emulator.caPath;
    standIn.recorder.isPackaged = true;
    const switchesBefore = developmentAzureSwitches.count;
    const runtime = await start();
    // No switch was started (it would have been by now, as the test above shows)…
    expect(developmentAzureSwitches.count).toBe(switchesBefore);
    // …and none was asked for or made.
    expect(standIn.recorder.messageBoxes).toEqual([]);
    expect(await resourceManagerOf(runtime)).toBe('https://management.azure.com');
  });
});
