/**
 * Every answer that crosses the IPC boundary has this shape. Electron's `invoke` drops custom
 * fields of thrown errors, so failures travel as values with a stable `code` the UI can act on.
 */
export const ERROR_CODES = [
  'invalid-input',
  'unknown-operation',
  'forbidden-sender',
  'not-found',
  'conflict',
  /** The user declined (a confirmation the main process asked for): nothing changed. */
  'cancelled',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IpcError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, details?: unknown): IpcResult<never> =>
  details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
