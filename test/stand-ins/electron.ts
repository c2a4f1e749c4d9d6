/**
 * A stand-in for the 'electron' module, for tests that run main-process and preload code in
 * plain Node (no Electron binary exists on build machines). It behaves just enough like Electron
 * for the code under test to run, and records every decision that code makes — window options,
 * handlers on app/webContents/session, protocol registrations, menus, IPC channels — in
 * `recorder`, so tests can assert each one. Use it with
 * `vi.mock('electron', () => import('../stand-ins/electron'))` and call `resetStandIn()` first.
 */
import os from 'node:os';

type Listener = (...args: unknown[]) => unknown;

export class StandInEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    const wrapper: Listener = (...args) => {
      this.removeListener(name, wrapper);
      return listener(...args);
    };
    return this.on(name, wrapper);
  }
  removeListener(name: string, listener: Listener): this {
    this.listeners.set(
      name,
      (this.listeners.get(name) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  off(name: string, listener: Listener): this {
    return this.removeListener(name, listener);
  }
  listenerCount(name: string): number {
    return this.listeners.get(name)?.length ?? 0;
  }
  emit(name: string, ...args: unknown[]): boolean {
    const current = [...(this.listeners.get(name) ?? [])];
    for (const listener of current) listener(...args);
    return current.length > 0;
  }
}

/** An event object like Electron's: `preventDefault()` is recorded. */
export class StandInEvent<T extends object = object> {
  defaultPrevented = false;
  constructor(details?: T) {
    Object.assign(this, details);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class StandInFrame {
  constructor(
    public url: string,
    public parent: StandInFrame | null = null,
  ) {}
  get origin(): string {
    return new URL(this.url).origin;
  }
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: unknown,
) => void;

export class StandInSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.devicePermissionHandler = handler;
  }
  /** Like a machine with no proxy configured. */
  resolveProxy(_url: string): Promise<string> {
    return Promise.resolve('DIRECT');
  }
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

let nextId = 1;

export class StandInWebContents extends StandInEmitter {
  readonly id = nextId++;
  readonly mainFrame = new StandInFrame('about:blank');
  readonly session: StandInSession;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  destroyed = false;
  constructor(session: StandInSession) {
    super();
    this.session = session;
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
}

export class StandInBrowserWindow extends StandInEmitter {
  readonly webContents: StandInWebContents;
  readonly options: Record<string, unknown>;
  destroyed = false;
  minimized = false;
  visible = false;
  focused = false;
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.webContents = new StandInWebContents(session.defaultSession);
    recorder.windows.push(this);
    // Electron announces every new WebContents on the app while the window is constructed.
    app.emit('web-contents-created', new StandInEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    recorder.loadedUrls.push(url);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  static getAllWindows(): StandInBrowserWindow[] {
    return recorder.windows.filter((w) => !w.destroyed);
  }
}

export interface StandInMenu {
  readonly template: unknown[];
}

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

function freshRecorder() {
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  return {
    /** Answer of app.requestSingleInstanceLock(). */
    singleInstanceLockAvailable: true,
    singleInstanceLockRequests: 0,
    quitCalls: 0,
    exitCodes: [] as number[],
    sandboxEnabled: false,
    isReady: false,
    ready,
    markReady,
    paths: { userData: os.tmpdir(), appPath: process.cwd() } as {
      userData: string;
      appPath: string;
    },
    isPackaged: false,
    windows: [] as StandInBrowserWindow[],
    loadedUrls: [] as string[],
    privilegedSchemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
    /** Whether the app was already ready when registerSchemesAsPrivileged ran (must be false). */
    schemesRegisteredAfterReady: false,
    protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
    ipcHandlers: new Map<string, IpcHandler>(),
    removedIpcHandlers: [] as string[],
    applicationMenu: null as StandInMenu | null,
    openedExternally: [] as string[],
    openedPaths: [] as string[],
    errorBoxes: [] as { title: string; content: string }[],
    /** Every dialog.showMessageBox call, with the window it was modal to (null: none). */
    messageBoxes: [] as { window: unknown; options: Record<string, unknown> }[],
    /** The button index dialog.showMessageBox answers (0: the first, Cancel in Mooring's). */
    messageBoxResponse: 0,
    /** Every dialog.showSaveDialog call, with the window it was modal to (null: none). */
    saveDialogs: [] as { window: unknown; options: Record<string, unknown> }[],
    /** What dialog.showSaveDialog answers. */
    saveDialogAnswer: { canceled: true, filePath: '' } as { canceled: boolean; filePath: string },
    exposedInMainWorld: [] as { key: string; api: unknown }[],
    rendererInvocations: [] as { channel: string; args: unknown[] }[],
    /** What ipcRenderer.invoke answers. */
    invokeAnswer: { ok: true, value: 'from-main' } as unknown,
    rendererListeners: new StandInEmitter(),
  };
}

export let recorder = freshRecorder();

export const app = Object.assign(new StandInEmitter(), {
  name: 'Mooring',
  requestSingleInstanceLock(): boolean {
    recorder.singleInstanceLockRequests += 1;
    return recorder.singleInstanceLockAvailable;
  },
  quit(): void {
    recorder.quitCalls += 1;
  },
  exit(code = 0): void {
    recorder.exitCodes.push(code);
  },
  enableSandbox(): void {
    if (recorder.isReady) throw new Error('app.enableSandbox() can only be called before ready');
    recorder.sandboxEnabled = true;
  },
  whenReady(): Promise<void> {
    return recorder.ready;
  },
  isReady(): boolean {
    return recorder.isReady;
  },
  getPath(name: string): string {
    if (name === 'userData') return recorder.paths.userData;
    return os.tmpdir();
  },
  setPath(name: string, value: string): void {
    if (name === 'userData') recorder.paths.userData = value;
  },
  getAppPath(): string {
    return recorder.paths.appPath;
  },
  getName(): string {
    return 'Mooring';
  },
  getVersion(): string {
    return '0.1.0-test';
  },
});
// A live getter (Object.assign would copy its value once).
Object.defineProperty(app, 'isPackaged', { get: () => recorder.isPackaged, enumerable: true });

/** Makes the stand-in app 'ready' (resolves whenReady, emits 'ready'). */
export function becomeReady(): void {
  recorder.isReady = true;
  recorder.markReady();
  app.emit('ready');
}

/** A machine without an OS key store: Mooring must keep tokens in memory. */
export const safeStorage = {
  isEncryptionAvailable: () => false,
  encryptString: (): Buffer => {
    throw new Error('Encryption is not available.');
  },
  decryptString: (): string => {
    throw new Error('Encryption is not available.');
  },
  getSelectedStorageBackend: () => 'basic_text',
};

export const session = {
  defaultSession: new StandInSession(),
};

export const protocol = {
  registerSchemesAsPrivileged(
    schemes: { scheme: string; privileges: Record<string, boolean> }[],
  ): void {
    if (recorder.isReady) recorder.schemesRegisteredAfterReady = true;
    recorder.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    if (!recorder.isReady) throw new Error('protocol.handle() needs the app to be ready');
    recorder.protocolHandlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    recorder.protocolHandlers.delete(scheme);
  },
};

export const ipcMain = {
  handle(channel: string, handler: IpcHandler): void {
    if (recorder.ipcHandlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    recorder.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    recorder.ipcHandlers.delete(channel);
    recorder.removedIpcHandlers.push(channel);
  },
};

export const Menu = {
  buildFromTemplate(template: unknown[]): StandInMenu {
    return { template };
  },
  setApplicationMenu(menu: StandInMenu | null): void {
    recorder.applicationMenu = menu;
  },
};

export const shell = {
  openExternal(url: string): Promise<void> {
    recorder.openedExternally.push(url);
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    recorder.openedPaths.push(path);
    return Promise.resolve('');
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    recorder.errorBoxes.push({ title, content });
  },
  showMessageBox(
    windowOrOptions: unknown,
    maybeOptions?: Record<string, unknown>,
  ): Promise<{ response: number; checkboxChecked: boolean }> {
    const window = maybeOptions === undefined ? null : windowOrOptions;
    const options = (maybeOptions ?? windowOrOptions) as Record<string, unknown>;
    recorder.messageBoxes.push({ window, options });
    return Promise.resolve({ response: recorder.messageBoxResponse, checkboxChecked: false });
  },
  showSaveDialog(
    windowOrOptions: unknown,
    maybeOptions?: Record<string, unknown>,
  ): Promise<{ canceled: boolean; filePath: string }> {
    const window = maybeOptions === undefined ? null : windowOrOptions;
    const options = (maybeOptions ?? windowOrOptions) as Record<string, unknown>;
    recorder.saveDialogs.push({ window, options });
    return Promise.resolve(recorder.saveDialogAnswer);
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    recorder.exposedInMainWorld.push({ key, api });
  },
};

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    recorder.rendererInvocations.push({ channel, args });
    return Promise.resolve(recorder.invokeAnswer);
  },
  on(channel: string, listener: Listener) {
    recorder.rendererListeners.on(channel, listener);
    return ipcRenderer;
  },
  removeListener(channel: string, listener: Listener) {
    recorder.rendererListeners.removeListener(channel, listener);
    return ipcRenderer;
  },
};

export const BrowserWindow = StandInBrowserWindow;

/** Forget everything recorded and every listener: call before each test. */
export function resetStandIn(): void {
  recorder = freshRecorder();
  app.listeners.clear();
  session.defaultSession = new StandInSession();
}

export default {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  protocol,
  session,
  shell,
};
