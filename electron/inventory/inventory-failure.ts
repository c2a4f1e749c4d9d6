import type { TenantProblem } from '../../shared/domain/accounts';
import { AppError } from '../app/errors';

/** What was being listed, to name it in the message. */
export interface InventoryWhere {
  readonly subscriptionName: string;
  /** Set when only this workspace's computes failed. */
  readonly workspaceName?: string;
}

/** The fields msal-node, the Azure SDK (RestError) and Node's network errors carry, all optional. */
interface ErrorFields {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly errorCode?: unknown;
  readonly errorMessage?: unknown;
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
]);

/** Codes of a request that never got an answer. */
const NETWORK_CODES = new Set([
  'REQUEST_SEND_ERROR',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
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

/**
 * Turns whatever listing a subscription's workspaces (or one workspace's computes) threw into the
 * problem shown beside it: the Azure or AADSTS code kept verbatim, and one sentence saying what
 * happened and what to do.
 */
export function describeInventoryFailure(error: unknown, where: InventoryWhere): TenantProblem {
  const fields: ErrorFields = typeof error === 'object' && error !== null ? error : {};
  const name = text(fields.name);
  const message = text(fields.message) ?? (typeof error === 'string' ? error : undefined);
  const errorCode = text(fields.errorCode);
  const code = text(fields.code);
  const status = typeof fields.statusCode === 'number' ? fields.statusCode : undefined;
  const aadsts = aadstsCodeIn(text(fields.errorMessage), message);
  const what = where.workspaceName
    ? `the computes of workspace ${where.workspaceName} in ${where.subscriptionName}`
    : `the workspaces of ${where.subscriptionName}`;

  if (error instanceof AppError) {
    const detailCode =
      typeof error.details === 'object' && error.details !== null
        ? text((error.details as { code?: unknown }).code)
        : undefined;
    return { code: detailCode ?? aadsts ?? error.code, message: error.message };
  }
  if (name === 'AbortError' || name === 'TimeoutError') {
    return {
      code: 'ListingTimedOut',
      message: `Listing ${what} took too long and was stopped; check the network and proxy settings, then refresh.`,
    };
  }
  if (
    name === 'InteractionRequiredAuthError' ||
    (errorCode !== undefined && SIGN_IN_AGAIN_CODES.has(errorCode))
  ) {
    const shown = aadsts ?? errorCode ?? 'interaction_required';
    return {
      code: shown,
      message: `Listing ${what} needs you to sign in to its tenant again (${shown}); choose "Sign in" beside that tenant in Accounts, then refresh.`,
    };
  }
  if (errorCode !== undefined || aadsts !== undefined) {
    const shown = aadsts ?? errorCode ?? 'sign-in failed';
    return {
      code: shown,
      message: `Getting a token to list ${what} failed (${shown}); check the cloud, client id and proxy settings, then sign in to that tenant again.`,
    };
  }
  if (status !== undefined) {
    const shown = code ?? `HTTP ${status}`;
    if (status === 401) {
      return {
        code: shown,
        message: `Azure Resource Manager refused the sign-in used to list ${what} (${shown}); sign in to that tenant again from Accounts, then refresh.`,
      };
    }
    if (status === 403) {
      return {
        code: shown,
        message: `You may not list ${what} (${shown}); ask an owner of that subscription for the Reader role or higher, then refresh.`,
      };
    }
    if (status === 404) {
      return {
        code: shown,
        message: `Azure did not find ${what} (${shown}); it may have just been deleted — refresh to update the list.`,
      };
    }
    if (status === 429) {
      return {
        code: shown,
        message: `Azure is throttling the requests listing ${what} (${shown}); wait a minute, then refresh.`,
      };
    }
    if (status >= 500) {
      return {
        code: shown,
        message: `Azure failed while listing ${what} (${shown}, HTTP ${status}); refresh again in a few minutes.`,
      };
    }
    return {
      code: shown,
      message: `Azure refused to list ${what} (${shown}, HTTP ${status}); refresh again, and see the log if it keeps failing.`,
    };
  }
  if (code !== undefined && (NETWORK_CODES.has(code) || /CERT|SSL|TLS/.test(code))) {
    return {
      code,
      message: `Mooring could not reach Azure to list ${what} (${code}); check the network and the proxy and extra CA certificate settings, then refresh.`,
    };
  }
  const shown = code ?? name ?? 'UnexpectedError';
  return {
    code: shown,
    message: `Listing ${what} failed unexpectedly (${shown}); refresh again, and see the log if it keeps failing.`,
  };
}
