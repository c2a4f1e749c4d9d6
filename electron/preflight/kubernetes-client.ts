import https from 'node:https';
import { isIP } from 'node:net';
import { AppError } from '../core/errors';
import type { KubernetesApiTarget } from './kubeconfig';

/**
 * A client for one cluster's API server, kept apart from the Azure clients on purpose: it trusts
 * only the CA its kubeconfig names (not the system's, not the extra CAs for Azure), sends the Entra
 * token or client certificate to that one origin only (`origin`, to register with the app's
 * bearer-host policy), follows no redirect, and reads at most a small answer.
 */
export interface KubernetesClient {
  /** The only origin this client sends anything to. */
  readonly origin: string;
  /** `GET /api/v1/namespaces/{name}`: the status and the Kubernetes `Status` reason, if any. */
  getNamespace(name: string, bearerToken: string | null): Promise<KubernetesAnswer>;
}

export interface KubernetesAnswer {
  readonly status: number;
  /** `reason` of a Kubernetes Status object (Forbidden, NotFound, Unauthorized…). */
  readonly reason: string | null;
  readonly message: string | null;
}

export type KubernetesClientFactory = (target: KubernetesApiTarget) => KubernetesClient;

/** The request never got an answer: the host is unknown, private, refused or too slow. */
export class KubernetesUnreachable extends Error {
  constructor(
    readonly code: string,
    readonly host: string,
    options?: { cause?: unknown },
  ) {
    super(`The API server ${host} could not be reached (${code}).`, options);
    this.name = 'KubernetesUnreachable';
  }
}

const MAX_ANSWER_BYTES = 256 * 1024;

export interface KubernetesClientOptions {
  readonly timeoutMs?: number;
  /**
   * The app's bearer-host rule (the connection runtime's trusted hosts): a token goes to an API
   * server only when that rule allows its origin. Without it the client sends no token at all.
   */
  readonly mayCarryToken?: (url: string) => boolean;
}

export function createKubernetesClientFactory(
  options: KubernetesClientOptions = {},
): KubernetesClientFactory {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return (target) => {
    const origin = target.server.origin;
    const agent = new https.Agent({
      ca: target.caPem,
      ...(target.clientCertificate
        ? { cert: target.clientCertificate.certPem, key: target.clientCertificate.keyPem }
        : {}),
      keepAlive: false,
      maxCachedSessions: 0,
    });
    const basePath = target.server.pathname.replace(/\/+$/, '');
    return {
      origin,
      getNamespace(name, bearerToken) {
        const url = new URL(`${basePath}/api/v1/namespaces/${encodeURIComponent(name)}`, origin);
        if (url.origin !== origin) throw new Error('A namespace request left its API server.');
        if (bearerToken !== null && options.mayCarryToken?.(url.href) !== true) {
          return Promise.reject(
            new AppError(
              'unavailable',
              `Mooring did not send a token to ${url.host}: it is not an API server the configured cloud named for this cluster.`,
              { code: 'TokenHostRefused', host: url.host },
            ),
          );
        }
        return send(url, agent, bearerToken, timeoutMs);
      },
    };
  };
}

function send(
  url: URL,
  agent: https.Agent,
  bearerToken: string | null,
  timeoutMs: number,
): Promise<KubernetesAnswer> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: 'GET',
        agent,
        // An IP address cannot be a TLS server name; a host name must be.
        ...(isIP(url.hostname) ? {} : { servername: url.hostname }),
        headers: {
          accept: 'application/json',
          ...(bearerToken ? { authorization: `Bearer ${bearerToken}` } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) {
            request.destroy(new KubernetesUnreachable('ANSWER_TOO_LARGE', url.host));
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (error) => reject(unreachable(error, url)));
        response.on('end', () => {
          clearTimeout(timer);
          resolve(answerOf(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
        });
      },
    );
    const timer = setTimeout(
      () => request.destroy(new KubernetesUnreachable('TIMEOUT', url.host)),
      timeoutMs,
    );
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(unreachable(error, url));
    });
    request.end();
  });
}

function answerOf(status: number, text: string): KubernetesAnswer {
  try {
    const body = JSON.parse(text) as { kind?: unknown; reason?: unknown; message?: unknown };
    if (body.kind === 'Status') {
      return {
        status,
        reason: typeof body.reason === 'string' ? body.reason : null,
        message: typeof body.message === 'string' ? body.message.slice(0, 500) : null,
      };
    }
  } catch {
    // Not JSON (a proxy's page, a gateway error): the status says enough.
  }
  return { status, reason: null, message: null };
}

function unreachable(error: unknown, url: URL): KubernetesUnreachable {
  if (error instanceof KubernetesUnreachable) return error;
  const code = (error as { code?: unknown } | null)?.code;
  return new KubernetesUnreachable(typeof code === 'string' ? code : 'NETWORK_ERROR', url.host, {
    cause: error,
  });
}
