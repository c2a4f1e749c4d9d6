import type { AccessToken, TokenCredential } from '@azure/core-auth';
import {
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
} from '@azure/core-rest-pipeline';
import type { ConnectionRuntime } from '../connection/runtime';

/** What ARM answered: status, headers (lower-cased names) and the parsed JSON body (or null). */
export interface ArmAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** The request got no answer (connection refused or dropped, timeout, proxy or TLS failure). */
export class NoAnswerError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'NoAnswerError';
  }
}

/** Signing in for this tenant failed: the user must sign in again before the operation goes on. */
export class TokenUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(
      `Mooring could not get a token for this tenant: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'TokenUnavailableError';
  }
}

/** One (account, tenant)'s door to Resource Manager: every request carries a fresh-enough token. */
export interface ArmSession {
  /** The configured cloud's Resource Manager origin; nothing else ever gets the token. */
  readonly armOrigin: string;
  /** The configured cloud's Resource Manager URL, the base of every URL Mooring builds. */
  readonly armBase: string;
  send(method: 'GET' | 'PUT' | 'DELETE', url: URL, body?: string): Promise<ArmAnswer>;
}

const REQUEST_TIMEOUT_MS = 60_000;
/** A token this close to its expiry is renewed before use. */
const TOKEN_MARGIN_MS = 120_000;

/**
 * Sends exactly one request per call, through the connection's transport (proxy, extra CAs), and
 * never retries on its own: whether a request may be sent again is the caller's decision (a PUT
 * that may have been applied is never re-sent without reading the state first). A 401 for an
 * expired or invalid token is answered by asking the credential again and sending once more — the
 * request was refused before ARM looked at it.
 */
export function createArmSession(
  runtime: ConnectionRuntime,
  credential: TokenCredential,
  now: () => number = Date.now,
  /** Aborts requests in flight when Mooring stops (the journal settles them at the next start). */
  stopping?: AbortSignal,
): ArmSession {
  const options = runtime.armClientOptions();
  const httpClient: HttpClient = options.httpClient ?? createDefaultHttpClient();
  const armOrigin = new URL(runtime.cloud.resourceManager).origin;
  const scopes = options.credentialScopes ?? [runtime.cloud.armScope];
  let token: AccessToken | null = null;

  const bearer = async (renew: boolean): Promise<string> => {
    if (renew || !token || token.expiresOnTimestamp - TOKEN_MARGIN_MS <= now()) {
      try {
        token = await credential.getToken(scopes);
      } catch (error) {
        throw new TokenUnavailableError(error);
      }
      if (!token) throw new TokenUnavailableError(new Error('the credential returned no token'));
    }
    return token.token;
  };

  const sendOnce = async (
    method: string,
    url: URL,
    body: string | undefined,
    renew: boolean,
  ): Promise<ArmAnswer> => {
    const headers = createHttpHeaders({
      authorization: `Bearer ${await bearer(renew)}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    });
    const request = createPipelineRequest({
      url: url.toString(),
      method: method as 'GET',
      headers,
      timeout: REQUEST_TIMEOUT_MS,
      ...(stopping ? { abortSignal: stopping } : {}),
      ...(body === undefined ? {} : { body }),
    });
    if (options.tlsOptions) request.tlsSettings = options.tlsOptions;
    let response;
    try {
      response = await httpClient.sendRequest(request);
    } catch (error) {
      const code =
        (error as { code?: unknown }).code !== undefined
          ? String((error as { code?: unknown }).code)
          : 'NoAnswer';
      throw new NoAnswerError(error instanceof Error ? error.message : String(error), code);
    }
    const answerHeaders: Record<string, string> = {};
    for (const [name, value] of response.headers) answerHeaders[name.toLowerCase()] = value;
    return {
      status: response.status,
      headers: answerHeaders,
      body: parseJson(response.bodyAsText),
    };
  };

  return {
    armOrigin,
    armBase: runtime.cloud.resourceManager,
    async send(method, url, body) {
      // The app's one bearer-host rule decides, as for every Azure client (electron/network).
      if (url.origin !== armOrigin || !runtime.trustedHosts.allows(url.href)) {
        throw new Error(`Refused to send an ARM token to ${url.origin}.`);
      }
      const answer = await sendOnce(method, url, body, false);
      if (answer.status === 401 && isTokenProblem(answer.body)) {
        return sendOnce(method, url, body, true);
      }
      return answer;
    },
  };
}

function parseJson(text: string | undefined | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** ARM's 401 codes for a token that expired or is not valid (as opposed to a missing right). */
function isTokenProblem(body: unknown): boolean {
  const code = armErrorOf(body)?.code ?? '';
  return /^(ExpiredAuthenticationToken|InvalidAuthenticationToken|AuthenticationFailed)$/i.test(
    code,
  );
}

/** `{"error": {"code", "message"}}` of an ARM answer, when it has one. */
export function armErrorOf(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' ? code : 'Unknown',
    message: typeof message === 'string' ? message : '',
  };
}
