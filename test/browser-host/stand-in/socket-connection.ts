import type { IpcResult } from '../../../shared/ipc/result';
import { fail } from '../../../shared/ipc/result';
import type { ServerMessage } from '../wire';
import { IPC_SUBPROTOCOL, SECRET_PROTOCOL_PREFIX, parseServerMessage } from '../wire';

export interface SocketConnectionOptions {
  /** ws://host:port/ipc of the page's own origin. */
  readonly url: string;
  /** Read at every connection attempt, so a page given a new address finds the new secret. */
  readonly readSecret: () => string | null;
  /** How long a request may wait for its answer before it ends as `unavailable`. */
  readonly requestTimeoutMs: number;
  /** Pushed events, delivered in order. */
  readonly onEvent: (message: Extract<ServerMessage, { kind: 'event' }>) => void;
}

export interface SocketConnection {
  /** Sends one request; always settles with a result, never rejects. */
  request(name: string, input: unknown): Promise<IpcResult<unknown>>;
  /** Opens the socket now (for event delivery) and keeps reopening it while `wanted` says so. */
  keepOpen(wanted: () => boolean): void;
}

interface PendingRequest {
  readonly name: string;
  readonly settle: (result: IpcResult<unknown>) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

const RECONNECT_FIRST_DELAY_MS = 500;
const RECONNECT_MAX_DELAY_MS = 10_000;

const unreachable = (detail: string) =>
  fail(
    'unavailable',
    `Mooring could not reach the browser host: ${detail} If the host was restarted, open the address it printed.`,
  );

/**
 * One WebSocket to the browser host, opened on demand. Request ids never repeat across
 * reconnects, so a late answer on a new socket cannot settle the wrong request; a dropped socket
 * settles everything in flight as `unavailable` rather than leaving callers waiting.
 */
export function createSocketConnection(options: SocketConnectionOptions): SocketConnection {
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, PendingRequest>();
  let keepOpenWanted: () => boolean = () => false;
  let reconnectDelay = RECONNECT_FIRST_DELAY_MS;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const settle = (id: number, result: IpcResult<unknown>) => {
    const request = pending.get(id);
    if (!request) return; // timed out already, or not ours
    pending.delete(id);
    clearTimeout(request.timer);
    request.settle(result);
  };

  const onMessage = (data: unknown) => {
    const message = typeof data === 'string' ? parseServerMessage(data) : null;
    if (!message) {
      console.error('Mooring stand-in: ignored a message the host should not have sent.', data);
      return;
    }
    if (message.kind === 'result') settle(message.id, message.result);
    else options.onEvent(message);
  };

  const scheduleReconnect = () => {
    if (reconnectTimer !== null || !keepOpenWanted()) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      open().catch(() => scheduleReconnect());
    }, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_DELAY_MS);
  };

  const onClosed = (closed: WebSocket) => {
    if (socket === closed) socket = null;
    for (const [id, request] of pending) {
      settle(id, unreachable(`the connection closed before it answered ${request.name}.`));
    }
    scheduleReconnect();
  };

  function open(): Promise<WebSocket> {
    if (socket) return Promise.resolve(socket);
    if (opening) return opening;
    const secret = options.readSecret();
    if (!secret) {
      return Promise.reject(new Error('the page address carries no secret.'));
    }
    const attempt = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(options.url, [
        IPC_SUBPROTOCOL,
        `${SECRET_PROTOCOL_PREFIX}${secret}`,
      ]);
      ws.addEventListener('open', () => {
        socket = ws;
        reconnectDelay = RECONNECT_FIRST_DELAY_MS;
        resolve(ws);
      });
      ws.addEventListener('message', (event) => onMessage(event.data));
      // A refused handshake ends in 'close' too, so failures are handled in one place.
      ws.addEventListener('close', () => {
        reject(new Error('it refused the connection or is not running.'));
        onClosed(ws);
      });
    });
    opening = attempt;
    const clear = () => {
      if (opening === attempt) opening = null;
    };
    attempt.then(clear, clear);
    return attempt;
  }

  return {
    async request(name, input) {
      let ws: WebSocket;
      try {
        ws = await open();
      } catch (error) {
        return unreachable(error instanceof Error ? error.message : String(error));
      }
      const id = nextId++;
      return new Promise<IpcResult<unknown>>((resolve) => {
        const timer = setTimeout(
          () =>
            settle(
              id,
              unreachable(`it did not answer ${name} within ${options.requestTimeoutMs / 1000} s.`),
            ),
          options.requestTimeoutMs,
        );
        pending.set(id, { name, settle: resolve, timer });
        ws.send(JSON.stringify({ kind: 'invoke', id, name, input }));
      });
    },
    keepOpen(wanted) {
      keepOpenWanted = wanted;
      open().catch(() => scheduleReconnect());
    },
  };
}
