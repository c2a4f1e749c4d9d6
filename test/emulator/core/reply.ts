/** What a route handler answers; the server adds the common headers and writes it. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialisable body, an HTML/text string (with a content-type header), or nothing. */
  body?: unknown;
}

export interface AzureErrorDetail {
  code: string;
  message: string;
  target?: string;
  details?: AzureErrorDetail[];
  additionalInfo?: { type: string; info: unknown }[];
}

/** Azure's ARM error envelope: `{"error": {"code", "message", ...}}`. */
export function armError(
  status: number,
  code: string,
  message: string,
  extra: Partial<AzureErrorDetail> = {},
): Reply {
  return { status, body: { error: { code, message, ...extra } } };
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

export function html(status: number, page: string, headers: Record<string, string> = {}): Reply {
  return {
    status,
    body: page,
    headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
  };
}

export function empty(status: number, headers?: Record<string, string>): Reply {
  return headers ? { status, headers } : { status };
}
