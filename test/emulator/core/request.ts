import type { IncomingHttpHeaders } from 'node:http';

/** One incoming request, read fully, as every route handler sees it. */
export interface EmulatorRequest {
  method: string;
  url: URL;
  /** The path with repeated slashes collapsed and no trailing slash (SDKs build `//subscriptions/...` from scopes with a leading slash). */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  requestId: string;
  /** Milliseconds since the epoch when the request arrived; the state machine's clock. */
  receivedAt: number;
}

export function normalizePath(pathname: string): string {
  const collapsed = decodeURIComponentSafe(pathname).replace(/\/{2,}/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function formOf(request: EmulatorRequest): URLSearchParams {
  return new URLSearchParams(request.body);
}

/** The JSON body, or `undefined` when it is absent or not JSON. */
export function jsonOf(request: EmulatorRequest): unknown {
  if (request.body.trim() === '') return undefined;
  try {
    return JSON.parse(request.body) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
