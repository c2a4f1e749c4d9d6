import https from 'node:https';
import { explainNetworkError, NetworkProblem, safeHost } from './network-errors';
import { readWithinLimit, type ResponseKind } from './response-limits';
import type { NetworkTransport } from './transport';

export interface HttpsRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly timeoutMs: number;
  /** What is asked for, which bounds how much of the answer is read (see RESPONSE_LIMITS). */
  readonly kind: ResponseKind;
}

export interface HttpsResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
}

/**
 * One request over the transport's agent (proxy and CAs applied), read to the end. Failures are
 * rewritten into messages the user can act on (see network-errors).
 */
export async function sendHttps(
  transport: NetworkTransport,
  request: HttpsRequest,
): Promise<HttpsResponse> {
  if (!request.url.startsWith('https://')) {
    throw new NetworkProblem(
      'PROXY_UNSUPPORTED',
      `Mooring only connects to Azure over https; ${safeHost(request.url)} was given a plain http URL. Check the cloud settings.`,
    );
  }
  const agent = await transport.agentFor(request.url);
  return new Promise((resolve, reject) => {
    const body = request.body;
    const outgoing = https.request(
      request.url,
      {
        method: request.method,
        agent,
        headers: {
          ...request.headers,
          ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
        },
      },
      (response) => {
        readWithinLimit(response, request.kind, request.url).then(
          (text) => {
            clearTimeout(timer);
            const headers: Record<string, string> = {};
            for (const [key, value] of Object.entries(response.headers)) {
              if (value !== undefined)
                headers[key] = Array.isArray(value) ? value.join(', ') : value;
            }
            resolve({ status: response.statusCode ?? 0, headers, text });
          },
          (error: unknown) => {
            clearTimeout(timer);
            outgoing.destroy();
            reject(explainNetworkError(error, request.url));
          },
        );
      },
    );
    // A whole-request deadline (socket timeouts only count idle time).
    const timer = setTimeout(
      () =>
        outgoing.destroy(
          new NetworkProblem(
            'REQUEST_TIMEOUT',
            `${safeHost(request.url)} did not answer within ${Math.round(request.timeoutMs / 1000)} s. Check your network connection and proxy settings, then try again.`,
          ),
        ),
      request.timeoutMs,
    );
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(explainNetworkError(error, request.url));
    });
    outgoing.end(body);
  });
}
