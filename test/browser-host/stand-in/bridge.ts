import type { MooringBridge } from '../../../shared/ipc/bridge';
import { BRIDGE_KEY } from '../../../shared/ipc/bridge';
import { isEventName, isOperationName } from '../../../shared/ipc/contract';
import type { EventName } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/result';
import { fail } from '../../../shared/ipc/result';
import { IPC_PATH, SECRET_FRAGMENT_KEY } from '../wire';
import { createSocketConnection } from './socket-connection';

/**
 * The browser host's stand-in for electron/preload.ts: the same `MooringBridge` on
 * `window.mooring`, carried over a WebSocket to the host instead of Electron IPC. Development
 * and tests only; the host injects it into index.html and it is never part of the app build.
 */

const REQUEST_TIMEOUT_MS = 30_000;

/** The page address is `http://127.0.0.1:PORT/#secret=...`; the fragment belongs to the host. */
const readSecret = (): string | null =>
  new URLSearchParams(window.location.hash.slice(1)).get(SECRET_FRAGMENT_KEY);

type Listener = (payload: never) => void;
const listeners = new Map<EventName, Set<Listener>>();

const connection = createSocketConnection({
  url: `ws://${window.location.host}${IPC_PATH}`,
  readSecret,
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  onEvent: ({ name, payload }) => {
    for (const listener of listeners.get(name) ?? []) {
      try {
        // The main process emits payloads typed by the contract (EventHub.emit); this is its shape.
        listener(payload as never);
      } catch (error) {
        console.error(`A listener for ${name} failed.`, error);
      }
    }
  },
});

const hasListeners = () => [...listeners.values()].some((set) => set.size > 0);

const bridge = {
  invoke(name, input) {
    if (!isOperationName(name)) {
      return Promise.resolve(
        fail('unknown-operation', `Mooring has no operation named ${String(name)}.`),
      );
    }
    // The host validated the answer against the contract's output schema before sending it.
    return connection.request(name, input) as Promise<IpcResult<never>>;
  },
  on(name, listener) {
    if (!isEventName(name)) throw new Error(`Mooring has no event named ${String(name)}.`);
    const set = listeners.get(name) ?? new Set<Listener>();
    listeners.set(name, set);
    set.add(listener);
    // Events only arrive over an open socket, so keep one open while anyone listens.
    connection.keepOpen(hasListeners);
    return () => {
      set.delete(listener);
    };
  },
} satisfies MooringBridge;

// Frozen and non-writable, as contextBridge makes the preload's object.
Object.defineProperty(window, BRIDGE_KEY, { value: Object.freeze(bridge), enumerable: true });
