import { z } from 'zod';
import { eventNames } from '../../shared/ipc/contract';
import type { EventName } from '../../shared/ipc/contract';
import { ERROR_CODES } from '../../shared/ipc/result';
import type { IpcResult } from '../../shared/ipc/result';

/**
 * What the browser host and its stand-in of the preload say to each other over the WebSocket.
 * Imported by both sides (Node and the browser), so it stays free of either's APIs.
 */

/** Where the stand-in connects. */
export const IPC_PATH = '/ipc';

/** Where the host serves the bundled stand-in; `script-src 'self'` allows it. */
export const BRIDGE_SCRIPT_PATH = '/__host/bridge.js';

/** The one subprotocol the host speaks; it answers with this and never echoes the secret. */
export const IPC_SUBPROTOCOL = 'mooring-ipc.v1';

/**
 * A browser cannot set headers on a WebSocket handshake, so the stand-in sends the per-launch
 * secret as a second offered subprotocol (`Sec-WebSocket-Protocol`), which the host checks
 * before it accepts the upgrade. Unlike a query string, it does not end up in URLs or logs.
 */
export const SECRET_PROTOCOL_PREFIX = 'mooring-secret.';

/** The page address carries the secret in its fragment, which browsers never send to a server. */
export const SECRET_FRAGMENT_KEY = 'secret';

const IpcErrorShape = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional(),
});

const IpcResultShape = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcErrorShape }),
]);

const ClientMessageShape = z.object({
  kind: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  name: z.string(),
  input: z.unknown(),
});

const ServerMessageShape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('result'), id: z.number().int(), result: IpcResultShape }),
  z.object({
    kind: z.literal('event'),
    // The contract declares at least one event, so the tuple type z.enum needs holds.
    name: z.enum(eventNames as [EventName, ...EventName[]]),
    payload: z.unknown(),
  }),
]);

export type ClientMessage = z.infer<typeof ClientMessageShape>;
export type ServerMessage =
  | { kind: 'result'; id: number; result: IpcResult<unknown> }
  | { kind: 'event'; name: EventName; payload: unknown };

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** A request from the stand-in, or `null` when the text is not one. */
export function parseClientMessage(text: string): ClientMessage | null {
  const parsed = ClientMessageShape.safeParse(parseJson(text));
  return parsed.success ? parsed.data : null;
}

/** An answer or event from the host, or `null` when the text is not one. */
export function parseServerMessage(text: string): ServerMessage | null {
  const parsed = ServerMessageShape.safeParse(parseJson(text));
  return parsed.success ? parsed.data : null;
}
