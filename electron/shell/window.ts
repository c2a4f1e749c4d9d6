import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from '../security/app-origin';
import type { HardeningOptions } from './harden';
import { hardenWebContents } from './harden';

export interface MainWindowOptions extends HardeningOptions {
  readonly preloadPath: string;
  readonly isPackaged: boolean;
  readonly title: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    title: options.title,
    show: false,
    // Written out literally (not built by a helper) so reviewers and Electronegativity can see
    // every value at the call site. The renderer gets no Node, runs in Chromium's sandbox, in a
    // world isolated from the preload, with web security on; all it may do goes through the
    // preload's `window.mooring`.
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click would open new windows; they are denied anyway, this stops the attempt.
      disableBlinkFeatures: 'Auxclick',
      devTools: !options.isPackaged,
    },
  });
  hardenWebContents(window.webContents, options);
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    options.logger.error('The Mooring window could not load its page', error);
  });
  return window;
}

/** Brings the window to the front (second launch, dock click). */
export function revealWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
