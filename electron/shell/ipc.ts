import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { operationChannel, eventChannel } from '../../shared/ipc/contract-kit';
import { operationNames } from '../../shared/ipc/contract';
import { fail } from '../../shared/ipc/result';
import type { IpcResult } from '../../shared/ipc/result';
import type { Dispatch } from '../ipc/dispatcher';
import type { EventHub } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import { checkSender } from '../security/sender-check';
import type { SenderFacts } from '../security/sender-check';

export type WindowLookup = () => BrowserWindow | null;

/** Reduces an IPC event to the facts the (Electron-free) sender check decides on. */
export function senderFacts(
  event: IpcMainInvokeEvent,
  window: BrowserWindow | null,
): SenderFacts | null {
  const frame = event.senderFrame;
  if (!frame) return null;
  const ours = window !== null && !window.isDestroyed() ? window.webContents : null;
  return {
    url: frame.url,
    isTopLevel: frame.parent === null,
    isOurWindowMainFrame: ours !== null && event.sender === ours && frame === ours.mainFrame,
  };
}

export interface IpcRegistration {
  readonly ipcMain: IpcMain;
  readonly dispatch: Dispatch;
  readonly getWindow: WindowLookup;
  readonly logger: Logger;
}

/**
 * One `ipcMain.handle` per contract operation. The sender is checked first; only then does the
 * dispatcher (which validates the input against the contract) see the call. Returns a function
 * that removes the handlers again.
 */
export function registerIpcHandlers(registration: IpcRegistration): () => void {
  const { ipcMain, dispatch, getWindow, logger } = registration;
  const channels = operationNames.map((name) => {
    const channel = operationChannel(name);
    ipcMain.handle(channel, async (event, input: unknown): Promise<IpcResult<unknown>> => {
      const verdict = checkSender(senderFacts(event, getWindow()));
      if (!verdict.trusted) {
        logger.warn(`Refused ${name} from an untrusted sender: ${verdict.reason}`, {
          url: event.senderFrame?.url,
        });
        return fail('forbidden-sender', `Mooring refused ${name}: ${verdict.reason}.`);
      }
      return dispatch(name, input, { transport: 'electron' });
    });
    return channel;
  });
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Pushes every service event to the window, while it exists. Returns an unsubscribe. */
export function forwardEvents(events: EventHub, getWindow: WindowLookup): () => void {
  return events.subscribe((name, payload) => {
    const window = getWindow();
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
    window.webContents.send(eventChannel(name), payload);
  });
}
