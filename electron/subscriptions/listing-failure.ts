import type { TenantProblem } from '../../shared/domain/accounts';
import { AppError } from '../app/errors';

/** Who was listing, to name them in the message. */
export interface ListingWhere {
  readonly tenantName: string;
  readonly username: string;
}

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

/**
 * Turns whatever listing one tenant threw into the problem shown beside that tenant: the Azure or
 * AADSTS code kept verbatim, and one sentence saying what happened and what to do.
 */
export function describeListingFailure(error: unknown, where: ListingWhere): TenantProblem {
  const fields: ErrorFields = typeof error === 'object' && error !== null ? error : {};
  const name = text(fields.name);
  const message = text(fields.message) ?? (typeof error === 'string' ? error : undefined);
  const errorCode = text(fields.errorCode);
  const code = text(fields.code);
  const status = typeof fields.statusCode === 'number' ? fields.statusCode : undefined;
  const aadsts = aadstsCodeIn(text(fields.errorMessage), message);
  const tenant = where.tenantName;
  const user = where.username;

  // The accounts service's own errors already say what to do; keep their words.
  if (error instanceof AppError) {
    return { code: codeInDetails(error.details) ?? aadsts ?? error.code, message: error.message };
  }
  if (name === 'AbortError' || name === 'TimeoutError') {
    return {
      code: 'ListingTimedOut',
      message: `Listing the subscriptions of ${tenant} took too long and was stopped; check the network and proxy settings, then refresh.`,
    };
  }
  if (
    name === 'InteractionRequiredAuthError' ||
    (errorCode !== undefined && SIGN_IN_AGAIN_CODES.has(errorCode))
  ) {
    return {
      code: aadsts ?? errorCode ?? 'interaction_required',
      message: `${tenant} needs ${user} to sign in again (${aadsts ?? errorCode ?? 'interaction required'}); choose "Sign in" beside that tenant in Accounts, then refresh.`,
    };
  }
  if (errorCode !== undefined || aadsts !== undefined) {
    const shown = aadsts ?? errorCode ?? 'sign-in failed';
    return {
      code: shown,
      message: `Getting a token for ${tenant} as ${user} failed (${shown}); check the cloud, client id and proxy settings, then sign in to that tenant again.`,
    };
  }
  if (status !== undefined) {
    const shown = code ?? `HTTP ${status}`;
    if (status === 401) {
      return {
        code: shown,
        message: `Azure Resource Manager refused the sign-in of ${user} for ${tenant} (${shown}); sign in to that tenant again from Accounts, then refresh.`,
      };
    }
    if (status === 403) {
      return {
        code: shown,
        message: `${user} may not list the subscriptions of ${tenant} (${shown}); ask an administrator of that tenant for a role on its subscriptions, then refresh.`,
      };
    }
    if (status === 429) {
      return {
        code: shown,
        message: `Azure is throttling the requests of ${user} in ${tenant} (${shown}); wait a minute, then refresh.`,
      };
    }
    if (status >= 500) {
      return {
        code: shown,
        message: `Azure Resource Manager failed while listing the subscriptions of ${tenant} (${shown}, HTTP ${status}); refresh again in a few minutes.`,
      };
    }
    return {
      code: shown,
      message: `Azure Resource Manager refused to list the subscriptions of ${tenant} (${shown}, HTTP ${status}); refresh again, and see the log if it keeps failing.`,
    };
  }
  if (code !== undefined && (NETWORK_CODES.has(code) || /CERT|SSL|TLS/.test(code))) {
    return {
      code,
      message: `Mooring could not reach Azure Resource Manager for ${tenant} (${code}); check the network and the proxy and extra CA certificate settings, then refresh.`,
    };
  }
  const shown = code ?? name ?? 'UnexpectedError';
  return {
    code: shown,
    message: `Listing the subscriptions of ${tenant} failed unexpectedly (${shown}); refresh again, and see the log if it keeps failing.`,
  };
}
