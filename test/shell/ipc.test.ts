import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { eventChannel, operationChannel } from '../../shared/ipc/contract-kit';
import { operationNames } from '../../shared/ipc/contract';
import { ok } from '../../shared/ipc/result';
import { createEventHub } from '../../electron/ipc/handlers';
import type { Dispatch } from '../../electron/ipc/dispatcher';
import { forwardEvents, registerIpcHandlers } from '../../electron/shell/ipc';
import * as standIn from '../stand-ins/electron';

vi.mock('electron', () => import('../stand-ins/electron'));

const silentLogger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

let window: standIn.StandInBrowserWindow;
let dispatch: ReturnType<typeof vi.fn<Dispatch>>;

// The stand-ins play Electron's objects; the code under test is typed against the real ones.
const asWindow = (w: standIn.StandInBrowserWindow | null) => w as unknown as BrowserWindow | null;

function register(getWindow = () => asWindow(window)) {
  return registerIpcHandlers({
    ipcMain: standIn.ipcMain as unknown as IpcMain,
    dispatch,
    getWindow,
    logger: silentLogger,
  });
}

function call(name: string, input: unknown, event: Partial<IpcMainInvokeEvent> | object) {
  const handler = standIn.recorder.ipcHandlers.get(operationChannel(name));
  if (!handler) throw new Error(`no handler for ${name}`);
  return handler(event, input) as Promise<unknown>;
}

const fromOurPage = () => ({
  sender: window.webContents,
  senderFrame: window.webContents.mainFrame,
});

beforeEach(() => {
  standIn.resetStandIn();
  window = new standIn.StandInBrowserWindow({});
  window.webContents.mainFrame.url = 'mooring://app/index.html';
  dispatch = vi.fn<Dispatch>(async (name) => ok({ answered: name }));
});

describe('IPC registration', () => {
  it('registers exactly one handler per contract operation', () => {
    register();
    expect([...standIn.recorder.ipcHandlers.keys()].sort()).toEqual(
      operationNames.map((name) => operationChannel(name)).sort(),
    );
  });

  it('passes a call from our main frame to the dispatcher and answers its result', async () => {
    register();
    const answer = await call('settings.setTheme', { theme: 'dark' }, fromOurPage());
    expect(answer).toEqual({ ok: true, value: { answered: 'settings.setTheme' } });
    expect(dispatch).toHaveBeenCalledWith(
      'settings.setTheme',
      { theme: 'dark' },
      { transport: 'electron' },
    );
  });

  const refusals: [string, () => object][] = [
    ['no sender frame', () => ({ sender: window.webContents, senderFrame: null })],
    [
      'a sub-frame of our page',
      () => ({
        sender: window.webContents,
        senderFrame: new standIn.StandInFrame(
          'mooring://app/index.html',
          window.webContents.mainFrame,
        ),
      }),
    ],
    [
      'our main frame showing another origin',
      () => {
        window.webContents.mainFrame.url = 'https://evil.com/';
        return fromOurPage();
      },
    ],
    [
      'another window on our origin',
      () => {
        const other = new standIn.StandInBrowserWindow({});
        other.webContents.mainFrame.url = 'mooring://app/index.html';
        return { sender: other.webContents, senderFrame: other.webContents.mainFrame };
      },
    ],
    [
      'a frame claiming our WebContents but not being its main frame',
      () => ({
        sender: window.webContents,
        senderFrame: new standIn.StandInFrame('mooring://app/'),
      }),
    ],
  ];

  it.each(refusals)(
    'answers forbidden-sender for %s without dispatching',
    async (_label, event) => {
      register();
      const answer = await call('settings.setTheme', { theme: 'dark' }, event());
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
      expect(dispatch).not.toHaveBeenCalled();
      expect(silentLogger.warn).toHaveBeenCalled();
    },
  );

  it('refuses every call once our window is gone', async () => {
    register(() => null);
    const answer = await call('app.getInfo', {}, fromOurPage());
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('removes its handlers when asked', () => {
    const unregister = register();
    unregister();
    expect(standIn.recorder.ipcHandlers.size).toBe(0);
  });
});

describe('event forwarding', () => {
  it('sends every hub event to the window on its event channel', () => {
    const hub = createEventHub();
    forwardEvents(hub, () => asWindow(window));
    hub.emit('settings.changed', { theme: 'high-contrast' });
    expect(window.webContents.sent).toEqual([
      { channel: eventChannel('settings.changed'), args: [{ theme: 'high-contrast' }] },
    ]);
  });

  it('skips a destroyed window or a missing one, and stops when unsubscribed', () => {
    const hub = createEventHub();
    let current: standIn.StandInBrowserWindow | null = window;
    const stop = forwardEvents(hub, () => asWindow(current));
    window.destroy();
    expect(() => hub.emit('settings.changed', { theme: 'dark' })).not.toThrow();
    current = null;
    expect(() => hub.emit('settings.changed', { theme: 'dark' })).not.toThrow();
    const fresh = new standIn.StandInBrowserWindow({});
    current = fresh;
    stop();
    hub.emit('settings.changed', { theme: 'dark' });
    expect(window.webContents.sent).toEqual([]);
    expect(fresh.webContents.sent).toEqual([]);
  });
});
