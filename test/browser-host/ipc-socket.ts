import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Dispatch } from '../../electron/ipc/dispatcher';
import type { EventHub } from '../../electron/ipc/handlers';
import type { Logger } from '../../electron/logging/logger';
import type { ServerMessage } from './wire';
import { IPC_PATH, IPC_SUBPROTOCOL, SECRET_PROTOCOL_PREFIX, parseClientMessage } from './wire';

export interface IpcSocketOptions {
  readonly server: Server;
  /** `http://127.0.0.1:PORT`: the only origin whose pages may connect. */
  readonly origin: string;
  readonly secret: string;
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly logger: Logger;
}

export interface IpcSocket {
  close(): Promise<void>;
}

/** Large enough for any contract message, small enough that a stray client cannot hog memory. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

type Refusal = { readonly status: number; readonly reason: string };

const sameSecret = (offered: string, expected: string) => {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const offeredProtocols = (request: IncomingMessage): string[] =>
  (request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .filter(Boolean);

/** Why this upgrade request may not become an IPC socket, or `null` when it may. */
function refusalOf(request: IncomingMessage, options: IpcSocketOptions): Refusal | null {
  const { host } = new URL(options.origin);
  if ((request.url ?? '').split('?')[0] !== IPC_PATH) {
    return { status: 404, reason: 'There is no WebSocket endpoint at this path.' };
  }
  if (request.headers.host !== host) {
    return { status: 403, reason: 'The Host header is not the browser host’s own.' };
  }
  if (request.headers.origin !== options.origin) {
    return { status: 403, reason: 'Only pages served by this browser host may connect.' };
  }
  const protocols = offeredProtocols(request);
  const secret = protocols
    .find((protocol) => protocol.startsWith(SECRET_PROTOCOL_PREFIX))
    ?.slice(SECRET_PROTOCOL_PREFIX.length);
  if (!protocols.includes(IPC_SUBPROTOCOL) || secret === undefined) {
    return { status: 401, reason: 'The connection did not offer the Mooring secret.' };
  }
  if (!sameSecret(secret, options.secret)) {
    return {
      status: 401,
      reason:
        'The connection offered a wrong secret (a page from an earlier launch? Open the new address).',
    };
  }
  return null;
}

function refuse(socket: Duplex, { status, reason }: Refusal) {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * The browser host's IPC transport: the contract's handler map over a WebSocket, reachable only
 * from the host's own origin with the per-launch secret, with every pushed event forwarded.
 */
export function attachIpcSocket(options: IpcSocketOptions): IpcSocket {
  const { dispatch, events, logger } = options;
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(IPC_SUBPROTOCOL) ? IPC_SUBPROTOCOL : false),
  });

  const send = (socket: WebSocket, message: ServerMessage) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = refusalOf(request, options);
    if (refusal) {
      logger.warn(`Browser host refused a WebSocket connection: ${refusal.reason}`);
      refuse(socket, refusal);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client));
  };
  options.server.on('upgrade', onUpgrade);

  sockets.on('connection', (client: WebSocket) => {
    client.on('message', (data, isBinary) => {
      const message = isBinary ? null : parseClientMessage(data.toString());
      if (!message) {
        client.close(1008, 'Not a Mooring request.');
        return;
      }
      dispatch(message.name, message.input, { transport: 'browser-host' })
        .then((result) => send(client, { kind: 'result', id: message.id, result }))
        .catch((error: unknown) => {
          // dispatch turns handler failures into results; reaching here is a bug in the host.
          logger.error(`Browser host could not answer ${message.name}`, error);
          send(client, {
            kind: 'result',
            id: message.id,
            result: { ok: false, error: { code: 'internal', message: 'The browser host failed.' } },
          });
        });
    });
  });

  const unsubscribe = events.subscribe((name, payload) => {
    for (const client of sockets.clients) send(client, { kind: 'event', name, payload });
  });

  return {
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        options.server.off('upgrade', onUpgrade);
        for (const client of sockets.clients) client.terminate();
        sockets.close(() => resolve());
      }),
  };
}
