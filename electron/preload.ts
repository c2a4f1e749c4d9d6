import { contextBridge, ipcRenderer } from 'electron';
import type { MooringBridge } from '../shared/ipc/bridge';
import { BRIDGE_KEY } from '../shared/ipc/bridge';
import { eventChannel, operationChannel } from '../shared/ipc/contract-kit';
import { isEventName, isOperationName } from '../shared/ipc/contract';
import { fail } from '../shared/ipc/result';

/**
 * The renderer's only door to the main process: the contract's operations and events, nothing
 * else. Names outside the contract are refused here as well as in the main process.
 */
const bridge = {
  invoke(name, input) {
    if (!isOperationName(name)) {
      return Promise.resolve(
        fail('unknown-operation', `Mooring has no operation named ${String(name)}.`),
      );
    }
    return ipcRenderer.invoke(operationChannel(name), input);
  },
  on(name, listener) {
    if (!isEventName(name)) throw new Error(`Mooring has no event named ${String(name)}.`);
    const channel = eventChannel(name);
    // Hand the renderer only the payload: the IpcRendererEvent carries `sender`, which must not leak.
    const forward = (_event: unknown, payload: unknown) => listener(payload as never);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
} satisfies MooringBridge;

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
