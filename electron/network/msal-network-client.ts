import { AuthError } from '@azure/msal-node';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { sendHttps, type HttpsRequest } from './https-request';
import { NetworkProblem, safeHost } from './network-errors';
import type { NetworkTransport } from './transport';

/** Sign-in requests that take longer than this are abandoned (msal passes its own for some GETs). */
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 60_000;

/** Which hosts sign-in requests may go to: the configured cloud's sign-in service only. */
export interface SignInHosts {
  allows(url: string): boolean;
  /** The configured sign-in host, for messages. */
  readonly name: string;
}

/**
 * msal-node's `system.networkClient` over the shared transport, so sign-in honours the same proxy
 * and extra CAs as ARM. Requests go only to the cloud's own sign-in hosts: a sign-in service's
 * OpenID configuration could name another host's token endpoint (Microsoft's, say), and the
 * authorization codes and refresh tokens msal sends there must not follow it. Failures are
 * thrown as msal `AuthError`s ("network_error") carrying the user-facing message: msal replaces
 * any other error type with a generic one.
 */
export class MsalNetworkClient implements INetworkModule {
  constructor(
    private readonly transport: NetworkTransport,
    private readonly timeoutMs = DEFAULT_SIGN_IN_TIMEOUT_MS,
    private readonly signInHosts?: SignInHosts,
  ) {}

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>(
      {
        method: 'GET',
        url,
        kind: 'token',
        timeoutMs: timeout ?? this.timeoutMs,
        ...headersOf(options),
      },
      options?.correlationId,
    );
  }

  sendPostRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>(
      {
        method: 'POST',
        url,
        kind: 'token',
        timeoutMs: this.timeoutMs,
        ...headersOf(options),
        ...(options?.body !== undefined ? { body: options.body } : {}),
      },
      options?.correlationId,
    );
  }

  private async send<T>(request: HttpsRequest, correlationId = ''): Promise<NetworkResponse<T>> {
    if (this.signInHosts && !this.signInHosts.allows(request.url)) {
      throw asAuthError(
        new NetworkProblem(
          'SIGN_IN_HOST_REFUSED',
          `Mooring did not send a sign-in request to ${safeHost(request.url)}: it is not the sign-in service of the configured cloud (${this.signInHosts.name}). Nothing was sent; check the cloud in Settings > Connection to Azure.`,
        ),
        correlationId,
      );
    }
    let response;
    try {
      response = await sendHttps(this.transport, request);
    } catch (error) {
      throw asAuthError(error, correlationId);
    }
    let body: unknown;
    try {
      body = response.text ? JSON.parse(response.text) : {};
    } catch {
      throw new AuthError(
        'network_error',
        correlationId,
        `${safeHost(request.url)} answered HTTP ${response.status} with something other than JSON; a proxy or captive portal may be in the way. Check your network and proxy settings, then try again.`,
      );
    }
    // msal reads the body as the JSON type it asked for; the server's shape is msal's to check.
    return { headers: response.headers, body: body as T, status: response.status };
  }
}

const headersOf = (options?: NetworkRequestOptions) =>
  options?.headers ? { headers: options.headers } : {};

function asAuthError(error: unknown, correlationId: string): AuthError {
  if (error instanceof AuthError) return error;
  const message =
    error instanceof NetworkProblem
      ? error.message
      : `The sign-in service could not be reached (${(error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error)}). Check your network connection and proxy settings, then try again.`;
  const authError = new AuthError(
    'network_error',
    correlationId,
    message,
    error instanceof NetworkProblem ? error.code : undefined,
  );
  authError.cause = error;
  return authError;
}
