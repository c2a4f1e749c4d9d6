import type { EventName, InputOf, OperationName, OutputOf, PayloadOf } from './contract';
import type { IpcResult } from './result';

/** The name of the single `window` property through which the renderer reaches the main process. */
export const BRIDGE_KEY = 'mooring';

/**
 * What the preload (Electron) and the browser host's stand-in both put on `window.mooring`.
 * Nothing else crosses: no raw ipcRenderer, no Node.
 */
export interface MooringBridge {
  invoke<N extends OperationName>(name: N, input: InputOf<N>): Promise<IpcResult<OutputOf<N>>>;
  on<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): () => void;
}
