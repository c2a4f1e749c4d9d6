import { request as httpRequest } from 'node:http';
import { WebSocket } from 'ws';
import type { Logger } from '../../electron/logging/logger';
import type { IpcResult } from '../../shared/ipc/result';
import type { BrowserHost } from './host';
import type { ServerMessage } from './wire';
import {
  IPC_PATH,
  IPC_SUBPROTOCOL,
  SECRET_FRAGMENT_KEY,
  SECRET_PROTOCOL_PREFIX,
  parseServerMessage,
} from './wire';

/** The secret a host put into its page address. */
export const secretOf = (host: BrowserHost): string => {
  const secret = new URLSearchParams(new URL(host.url).hash.slice(1)).get(SECRET_FRAGMENT_KEY);
  if (!secret) throw new Error(`No secret in ${host.url}`);
  return secret;
};

/** A logger that keeps what it is told, so tests stay quiet and can read it. */
export function recordingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const record = (message: string, detail?: unknown) =>
    lines.push(detail === undefined ? message : `${message} ${String(detail)}`);
  return { lines, info: record, warn: record, error: record };
}

export interface SocketAttempt {
  readonly secret?: string;
  /** `null` sends no Origin header at all. */
  readonly origin?: string | null;
}

/** Opens an IPC socket as a browser would; rejects with the HTTP status when refused. */
export function connectIpc(host: BrowserHost, attempt: SocketAttempt = {}): Promise<IpcTestClient> {
  const protocols =
    attempt.secret === undefined
      ? [IPC_SUBPROTOCOL]
      : [IPC_SUBPROTOCOL, `${SECRET_PROTOCOL_PREFIX}${attempt.secret}`];
  const origin = attempt.origin === undefined ? host.origin : attempt.origin;
  const socket = new WebSocket(
    `${host.origin.replace('http:', 'ws:')}${IPC_PATH}`,
    protocols,
    origin === null ? {} : { origin },
  );
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(new IpcTestClient(socket)));
    socket.once('unexpected-response', (_request, response) => {
      reject(new HandshakeRefused(response.statusCode ?? 0));
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

export class HandshakeRefused extends Error {
  constructor(readonly status: number) {
    super(`The WebSocket handshake was refused with HTTP ${status}.`);
  }
}

/** Speaks the stand-in's side of the wire protocol, one request at a time or many. */
export class IpcTestClient {
  private nextId = 1;
  readonly events: Extract<ServerMessage, { kind: 'event' }>[] = [];
  private readonly waiters = new Map<number, (result: IpcResult<unknown>) => void>();
  private readonly eventWaiters: (() => void)[] = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = parseServerMessage(data.toString());
      if (message?.kind === 'result') this.waiters.get(message.id)?.(message.result);
      if (message?.kind === 'event') {
        this.events.push(message);
        for (const wake of this.eventWaiters.splice(0)) wake();
      }
    });
  }

  invoke(name: string, input: unknown): Promise<IpcResult<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiters.set(id, resolve);
      this.socket.send(JSON.stringify({ kind: 'invoke', id, name, input }));
    });
  }

  /** Resolves once at least `count` events have arrived. */
  async eventsReceived(count: number): Promise<void> {
    while (this.events.length < count) {
      await new Promise<void>((wake) => this.eventWaiters.push(wake));
    }
  }

  closed(): Promise<number> {
    return new Promise((resolve) => this.socket.once('close', (code) => resolve(code)));
  }

  close(): void {
    this.socket.terminate();
  }
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A GET with the path sent exactly as given: no client-side `..` resolution, unlike fetch. */
export function rawGet(
  host: BrowserHost,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, method: 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}
