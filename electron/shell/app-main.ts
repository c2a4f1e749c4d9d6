import path from 'node:path';
import { app, dialog, ipcMain, safeStorage, session, shell } from 'electron';
import type { BrowserWindow } from 'electron';
import type { Composition } from '../app/composition';
import { composeServices } from '../app/composition';
import { developmentAzureFromEnvironment, pointAtDevelopmentAzure } from '../app/dev-azure';
import { encryptorFromSafeStorage } from '../auth/secret-store';
import { machinePolicy } from '../connection/machine-policy';
import { createFileLogger } from '../logging/file-logger';
import type { FileLogger } from '../logging/file-logger';
import { consoleLogger } from '../logging/logger';
import { refusedDebugSwitch } from '../security/debug-switches';
import type { ExternalOpener } from '../security/external-urls';
import { isAllowedExternalUrl, openExternalIfAllowed } from '../security/external-urls';
import { PRIVATE_UMASK, ensurePrivateFolder } from '../security/private-files';
import { denyAllPermissions, hardenWebContents } from './harden';
import type { HardeningOptions } from './harden';
import { forwardEvents, registerIpcHandlers } from './ipc';
import { installApplicationMenu } from './menu';
import { DOCUMENTATION_URL } from './menu-template';
import { registerAppScheme, serveRenderer } from './protocol';
import { nativeSaveFileChooser } from './save-dialog';
import { nativeSecurityConfirmer } from './security-dialog';
import { STARTUP_FAILURE_TITLE, startupFailureMessage } from './startup-failure';
import { createMainWindow, revealWindow } from './window';

export interface StartOptions {
  /** Which platform's conventions to follow (menus, closing the last window). */
  readonly platform?: NodeJS.Platform;
  /** The command line to check for debugging switches; default process.argv. */
  readonly argv?: readonly string[];
}

export interface MooringRuntime {
  readonly composition: Composition;
  readonly logger: FileLogger;
  getWindow(): BrowserWindow | null;
}

/** Where the build (`electron-vite build`) puts the renderer and preload, inside the app. */
export const builtPaths = (appPath: string) => ({
  rendererDir: path.join(appPath, 'out', 'renderer'),
  preloadPath: path.join(appPath, 'out', 'preload', 'preload.cjs'),
});

/**
 * The whole main process: everything Electron-specific happens here and in its sibling modules;
 * the services come from the Electron-free composition root. Resolves to null when this process
 * should not run (another instance owns the lock, or start-up failed and the app is quitting).
 */
export function startMooring(options: StartOptions = {}): Promise<MooringRuntime | null> {
  const platform = options.platform ?? process.platform;

  // First of all: a packaged build never runs with a debugger port open to other programs.
  const refused = refusedDebugSwitch(options.argv ?? process.argv, app.isPackaged, platform);
  if (refused) {
    process.stderr.write(`${refused}\n`);
    dialog.showErrorBox(STARTUP_FAILURE_TITLE, refused);
    app.exit(1);
    return Promise.resolve(null);
  }
  // Before anything creates a file: the database, its journal files, logs and the sign-in cache
  // start readable by this user only.
  if (platform !== 'win32') process.umask(PRIVATE_UMASK);

  // Test hook for the Electron end-to-end suite: each run gets its own data folder. Honoured only
  // in development builds, so a packaged app's data location cannot be redirected from outside.
  const testUserData = process.env.MOORING_TEST_USER_DATA_DIR;
  if (testUserData && !app.isPackaged) app.setPath('userData', testUserData);

  // A second launch only wakes the first: two processes must never share one SQLite file.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve(null);
  }
  // Both must happen before 'ready'.
  app.enableSandbox();
  registerAppScheme();

  let mainWindow: BrowserWindow | null = null;
  const getWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  app.on('second-instance', () => {
    const window = getWindow();
    if (window) revealWindow(window);
  });

  const logsDir = path.join(app.getPath('userData'), 'logs');
  const logger = createFileLogger({
    dir: logsDir,
    mirror: app.isPackaged ? undefined : consoleLogger,
  });
  // The only call of shell.openExternal in the app, guarded here as well as by every caller.
  // (Electronegativity flags any non-literal openExternal for review; this one is reviewed and
  // suppressed by exact line in scripts/electronegativity.mjs.)
  const openInSystemBrowser = async (url: string, extraSignInHosts: readonly string[] = []) => {
    if (!isAllowedExternalUrl(url, extraSignInHosts)) {
      throw new Error('Refused to open a URL outside the allowlist');
    }
    await shell.openExternal(url);
  };
  const openExternal: ExternalOpener = (url) => openInSystemBrowser(url);
  const hardening: HardeningOptions = { openExternal, logger };
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, hardening));

  return app
    .whenReady()
    .then(() =>
      launch({
        platform,
        logger,
        logsDir,
        hardening,
        openInSystemBrowser,
        getWindow,
        setWindow,
        releaseWindow,
      }),
    )
    .catch((error: unknown) => {
      failStartup(error, logger);
      return null;
    });

  function setWindow(window: BrowserWindow) {
    mainWindow = window;
  }
  function releaseWindow(window: BrowserWindow) {
    if (mainWindow === window) mainWindow = null;
  }
}

interface LaunchContext {
  readonly platform: NodeJS.Platform;
  readonly logger: FileLogger;
  readonly logsDir: string;
  readonly hardening: HardeningOptions;
  openInSystemBrowser(url: string, extraSignInHosts?: readonly string[]): Promise<void>;
  getWindow(): BrowserWindow | null;
  setWindow(window: BrowserWindow): void;
  releaseWindow(window: BrowserWindow): void;
}

function launch(context: LaunchContext): MooringRuntime {
  const { platform, logger, logsDir, hardening, getWindow, setWindow, releaseWindow } = context;
  const paths = builtPaths(app.getAppPath());
  logger.info(`Mooring ${app.getVersion()} starting`, { platform, packaged: app.isPackaged });

  denyAllPermissions(session.defaultSession);
  serveRenderer(paths.rendererDir);

  // Found without the environment, and trusted only if administrators alone can change it.
  const policy = machinePolicy(platform, logger);
  // Throws AppErrors with user-facing messages (database too new, not a database).
  const composition = composeServices({
    userDataDir: app.getPath('userData'),
    appName: app.getName(),
    appVersion: app.getVersion(),
    platform,
    logger,
    encryptor: encryptorFromSafeStorage(safeStorage, platform),
    // Sign-in pages: Microsoft's hosts, or the configured custom cloud's sign-in host. Where no
    // browser could be opened (none registered), the sign-in dialog shows the address instead.
    openSignInPage: async (url) => {
      const hosts = await composition.signInHosts();
      if (!isAllowedExternalUrl(url, hosts)) {
        throw new Error('Refused to open a page that is not a sign-in page.');
      }
      return context.openInSystemBrowser(url, hosts).then(
        () => ({ opened: true }),
        (error: unknown) => {
          logger.warn('The system browser could not be opened for sign-in', error);
          return { opened: false };
        },
      );
    },
    policyFile: policy.file,
    policyFileGuard: policy.guard,
    confirmSecurityChange: nativeSecurityConfirmer(getWindow),
    saveFileChooser: nativeSaveFileChooser(getWindow),
    resolveSystemProxy: (url) => session.defaultSession.resolveProxy(url),
  });

  const removeHandlers = registerIpcHandlers({
    ipcMain,
    dispatch: composition.dispatch,
    getWindow,
    logger,
  });
  const stopForwarding = forwardEvents(composition.events, getWindow);

  // `npm run demo` in a development Electron: point it at the local Azure emulator. A packaged
  // app never reads this from its environment.
  const developmentAzure = app.isPackaged ? null : developmentAzureFromEnvironment(process.env);
  if (developmentAzure) {
    void pointAtDevelopmentAzure(composition.dispatch, developmentAzure, {
      transport: 'electron',
    }).catch((error: unknown) => logger.error('Could not point Mooring at the emulator', error));
  }

  installApplicationMenu({
    platform,
    appName: app.getName(),
    isPackaged: app.isPackaged,
    actions: {
      openLogsFolder: () => {
        ensurePrivateFolder(logsDir);
        void shell.openPath(logsDir).then((problem) => {
          if (problem) logger.warn('Could not open the logs folder', { problem });
        });
      },
      openDocumentation: () => {
        openExternalIfAllowed(DOCUMENTATION_URL, hardening.openExternal, (error) =>
          logger.warn('Could not open the documentation', error),
        );
      },
    },
  });

  const openWindow = () => {
    const window = createMainWindow({
      ...hardening,
      preloadPath: paths.preloadPath,
      isPackaged: app.isPackaged,
      title: app.getName(),
    });
    window.on('closed', () => releaseWindow(window));
    setWindow(window);
    return window;
  };
  openWindow();

  // macOS apps stay alive without windows and reopen one from the dock.
  app.on('activate', () => {
    if (!getWindow()) openWindow();
  });
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  // Closing waits for running sign-ins to stop and the database to close, so the first quit is
  // held until that is done; the second passes.
  let closed = false;
  app.on('will-quit', (event: { preventDefault(): void }) => {
    if (closed) return;
    event.preventDefault();
    stopForwarding();
    removeHandlers();
    void composition
      .close()
      .catch((error: unknown) => logger.error('Mooring did not close cleanly', error))
      .finally(() => {
        closed = true;
        logger.info('Mooring stopped');
        app.quit();
      });
  });

  return { composition, logger, getWindow };
}

/**
 * Start-up failed (most often: the database is newer than this app, or damaged). Say so in
 * plain words — the full error, stack included, goes to the log only — and quit.
 */
function failStartup(error: unknown, logger: FileLogger): void {
  logger.error('Mooring could not start', error);
  dialog.showErrorBox(STARTUP_FAILURE_TITLE, startupFailureMessage(error, logger.file));
  app.exit(1);
}
