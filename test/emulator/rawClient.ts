import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: unknown;
  text: string;
}

/** A bare HTTPS request trusting the emulator CA: for tests that must see status codes and headers as sent. */
export function rawRequest(
  url: string,
  caPem: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<RawResponse> {
  const payload =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: options.method ?? 'GET',
        ca: caPem,
        headers: {
          ...(payload !== undefined
            ? {
                'content-type':
                  typeof options.body === 'string'
                    ? 'application/x-www-form-urlencoded'
                    : 'application/json',
                'content-length': String(Buffer.byteLength(payload)),
              }
            : {}),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: parseJson(text),
            text,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** The JSON body, or undefined for an empty or non-JSON body (HTML pages, empty 202/204 answers). */
function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
