import { AppError } from '../core/errors';

/**
 * What went wrong with a call to Azure, whatever threw it — msal-node (AuthError), the Azure SDK
 * (RestError), Node's network stack, an abort, or one of our own AppErrors — with the Azure or
 * AADSTS code kept verbatim. Callers phrase the sentence the user reads; this only classifies.
 */
export type AzureFailure =
  /** Our own error: its message already says what to do. */
  | { readonly kind: 'app'; readonly code: string; readonly message: string }
  | { readonly kind: 'timed-out'; readonly code: 'ListingTimedOut' }
  /** The tenant needs an interactive sign-in (MFA, Conditional Access, consent, dead refresh token). */
  | { readonly kind: 'sign-in-again'; readonly code: string }
  /** Getting a token failed otherwise. */
  | { readonly kind: 'token'; readonly code: string }
  /** Azure answered with an error status. */
  | { readonly kind: 'http'; readonly status: number; readonly code: string }
  /**
   * Mooring's own network layer named the failure — the proxy refused, wants a password or could
   * not be reached, or a certificate is not trusted — and its message says what to do.
   */
  | { readonly kind: 'network'; readonly code: string; readonly message: string }
  /** The request never got an answer (network, proxy, TLS). */
  | { readonly kind: 'unreachable'; readonly code: string }
  | { readonly kind: 'unexpected'; readonly code: string };

/** The fields msal-node, the Azure SDK (RestError) and Node's network errors carry, all optional. */
interface ErrorFields {
  readonly name?: unknown;
  readonly message?: unknown;
  /** msal-node's AuthError: `interaction_required`, `invalid_grant`... */
  readonly errorCode?: unknown;
  readonly errorMessage?: unknown;
  /** RestError: the ARM error code (`AuthorizationFailed`...) or `REQUEST_SEND_ERROR`; Node: `ECONNREFUSED`... */
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly details?: unknown;
}

/** msal-node error codes that mean "this tenant needs an interactive sign-in". */
const SIGN_IN_AGAIN_CODES = new Set([
  'interaction_required',
  'consent_required',
  'login_required',
  'invalid_grant',
  'no_tokens_found',
  'native_account_unavailable',
]);

/** Node's codes for a request that never got an answer. */
const NETWORK_CODES = new Set([
  'REQUEST_SEND_ERROR',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/** The codes of electron/network's NetworkProblem, which arrive inside the SDK's RestError. */
const NETWORK_PROBLEM_CODES = /^(PROXY_[A-Z_]+|UNTRUSTED_CERTIFICATE|REQUEST_TIMEOUT)$/;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

const aadstsCodeIn = (...texts: Array<string | undefined>): string | undefined => {
  for (const candidate of texts) {
    const match = candidate?.match(/AADSTS\d+/);
    if (match) return match[0];
  }
  return undefined;
};

const codeInDetails = (details: unknown): string | undefined =>
  typeof details === 'object' && details !== null
    ? text((details as { code?: unknown }).code)
    : undefined;

export function classifyAzureFailure(error: unknown): AzureFailure {
  const fields: ErrorFields = typeof error === 'object' && error !== null ? error : {};
  const name = text(fields.name);
  const message = text(fields.message) ?? (typeof error === 'string' ? error : undefined);
  const errorCode = text(fields.errorCode);
  const code = text(fields.code);
  const status = typeof fields.statusCode === 'number' ? fields.statusCode : undefined;
  const aadsts = aadstsCodeIn(text(fields.errorMessage), message);

  if (error instanceof AppError) {
    return {
      kind: 'app',
      code: codeInDetails(error.details) ?? aadsts ?? error.code,
      message: error.message,
    };
  }
  if (name === 'AbortError' || name === 'TimeoutError') {
    return { kind: 'timed-out', code: 'ListingTimedOut' };
  }
  if (
    name === 'InteractionRequiredAuthError' ||
    (errorCode !== undefined && SIGN_IN_AGAIN_CODES.has(errorCode))
  ) {
    return { kind: 'sign-in-again', code: aadsts ?? errorCode ?? 'interaction_required' };
  }
  if (errorCode !== undefined || aadsts !== undefined) {
    return { kind: 'token', code: aadsts ?? errorCode ?? 'sign-in failed' };
  }
  if (status === undefined && code !== undefined && NETWORK_PROBLEM_CODES.test(code) && message) {
    return { kind: 'network', code, message };
  }
  if (status !== undefined) return { kind: 'http', status, code: code ?? `HTTP ${status}` };
  if (code !== undefined && (NETWORK_CODES.has(code) || /CERT|SSL|TLS/.test(code))) {
    return { kind: 'unreachable', code };
  }
  return { kind: 'unexpected', code: code ?? name ?? 'UnexpectedError' };
}
