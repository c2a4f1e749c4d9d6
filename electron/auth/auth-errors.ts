import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import type { TenantProblem } from '../../shared/domain/accounts';
import { AppError } from '../core/errors';
import { NetworkProblem } from '../network/network-errors';

/**
 * What a failed token request means for the user:
 * `needs-sign-in` — an interactive sign-in fixes it (MFA, Conditional Access, consent, an expired
 * or revoked sign-in); `error` — something else (network, configuration, the tenant refuses the
 * account) that the message explains.
 */
export interface AuthFailure {
  readonly kind: 'needs-sign-in' | 'error';
  /** True when the account's refresh token itself is dead, so every tenant of it needs sign-in. */
  readonly accountWide: boolean;
  readonly problem: TenantProblem;
}

/** Where the failure happened, for the message. */
export interface AuthFailureContext {
  readonly username?: string;
  readonly tenantName?: string;
  readonly authorityHost?: string;
}

const AADSTS = /AADSTS\d+/;

/** The AADSTS code Entra ID put in the message, else msal's error code. */
export function authErrorCode(error: unknown): string {
  if (error instanceof AuthError) {
    const fromText = AADSTS.exec(`${error.errorMessage} ${error.subError}`)?.[0];
    // msal keeps Entra's numeric `error_codes[0]` as errorNo on server and interaction errors.
    const errorNo = (error as AuthError & { errorNo?: unknown }).errorNo;
    const fromNumber =
      typeof errorNo === 'string' && /^\d+$/.test(errorNo) ? `AADSTS${errorNo}` : undefined;
    return fromText ?? fromNumber ?? (error.errorCode || 'unknown_error');
  }
  if (error instanceof Error) {
    const nodeCode = (error as NodeJS.ErrnoException).code;
    return (
      AADSTS.exec(error.message)?.[0] ?? (typeof nodeCode === 'string' ? nodeCode : error.name)
    );
  }
  return 'unknown_error';
}

const MFA_CODES = new Set(['AADSTS50076', 'AADSTS50079', 'AADSTS50074']);
const CONDITIONAL_ACCESS_CODES = new Set([
  'AADSTS50158',
  'AADSTS53000',
  'AADSTS53001',
  'AADSTS53002',
  'AADSTS53003',
  'AADSTS530003',
]);
const CONSENT_CODES = new Set(['AADSTS65001', 'AADSTS90094']);
const EXPIRED_CODES = new Set(['AADSTS700082', 'AADSTS700084', 'AADSTS50133']);
const REVOKED_CODES = new Set(['AADSTS50173', 'AADSTS700081', 'AADSTS50078']);
const NOT_A_MEMBER_CODES = new Set(['AADSTS50020', 'AADSTS90072', 'AADSTS50034']);
const UNKNOWN_APP_CODES = new Set(['AADSTS700016', 'AADSTS7000218', 'AADSTS50011']);
const NETWORK_CODES = new Set([
  'network_error',
  'endpoints_resolution_error',
  'openid_config_error',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
]);

const where = (context: AuthFailureContext) =>
  context.tenantName ? `tenant ${context.tenantName}` : 'your organisation';
const who = (context: AuthFailureContext) => context.username ?? 'the account used';

/** Turns any msal or network failure into a status and a one-sentence message that keeps the code. */
export function describeAuthFailure(error: unknown, context: AuthFailureContext = {}): AuthFailure {
  // The app's own network failure (proxy refused or timed out, untrusted certificate) already
  // says what happened and what to do; msal's wrapping would only blame the sign-in service.
  const networkProblem = findNetworkProblem(error);
  if (networkProblem)
    return {
      kind: 'error',
      accountWide: false,
      problem: { code: networkProblem.code, message: networkProblem.message },
    };
  const code = authErrorCode(error);
  const needs = (message: string, accountWide = false): AuthFailure => ({
    kind: 'needs-sign-in',
    accountWide,
    problem: { code, message },
  });
  const fails = (message: string): AuthFailure => ({
    kind: 'error',
    accountWide: false,
    problem: { code, message },
  });

  if (MFA_CODES.has(code))
    return needs(
      `${capitalise(where(context))} requires multi-factor authentication (${code}); sign in to this tenant to complete it.`,
    );
  if (CONDITIONAL_ACCESS_CODES.has(code))
    return needs(
      `A Conditional Access policy of ${where(context)} requires an interactive sign-in (${code}); sign in to this tenant, and ask its administrator if it is still refused.`,
    );
  if (
    CONSENT_CODES.has(code) ||
    (error instanceof AuthError && error.errorCode === 'consent_required')
  )
    return needs(
      `${capitalise(where(context))} has not consented to Mooring (${code}); sign in to this tenant to consent, or ask its administrator to grant consent for the organisation.`,
    );
  if (EXPIRED_CODES.has(code))
    return needs(`The sign-in of ${who(context)} has expired (${code}); sign in again.`, true);
  if (REVOKED_CODES.has(code))
    return needs(
      `The sign-in of ${who(context)} was revoked, for example after a password change (${code}); sign in again.`,
      true,
    );
  if (NOT_A_MEMBER_CODES.has(code))
    return fails(
      `${capitalise(who(context))} is not a member of ${where(context)} (${code}); ask its administrator to invite the account, or sign in with another one.`,
    );
  if (UNKNOWN_APP_CODES.has(code))
    return fails(
      `${capitalise(where(context))} does not know the application Mooring signs in as (${code}); check the client ID in Settings or ask the tenant's administrator to register it.`,
    );
  if (code === 'AADSTS50126')
    return fails(`The user name or password was wrong (${code}); sign in again.`);
  if (code === 'access_denied' || code === 'AADSTS65004')
    return fails(`The sign-in was declined in the browser (${code}); sign in again to retry.`);
  if (code === 'expired_token' || code === 'AADSTS70020' || code === 'device_code_expired')
    return fails(`The device code expired before it was entered (${code}); start a new sign-in.`);
  if (NETWORK_CODES.has(code) || isNetworkError(error))
    return fails(
      `Mooring could not reach the sign-in service${context.authorityHost ? ` at ${context.authorityHost}` : ''} (${code}); check the network, proxy and extra CA certificate settings, then try again.`,
    );
  if (error instanceof InteractionRequiredAuthError)
    return needs(
      `${capitalise(where(context))} requires an interactive sign-in (${code}); sign in to this tenant.`,
    );
  const detail = firstLine(error).replace(/^AADSTS\d+:\s*/, '');
  return fails(
    `Sign-in failed with ${code}${detail ? ` (${detail})` : ''}; try again, and check the connection settings if it keeps failing.`,
  );
}

/** A token for this (account, tenant) needs an interactive sign-in; the message says so. */
export class SignInRequiredError extends AppError {
  constructor(
    readonly accountId: string,
    readonly tenantId: string,
    readonly problem: TenantProblem,
  ) {
    super('unavailable', problem.message, { accountId, tenantId, code: problem.code });
    this.name = 'SignInRequiredError';
  }
}

/** A token request failed for another reason (network, configuration); the message says what to do. */
export class TokenRequestError extends AppError {
  constructor(
    readonly accountId: string,
    readonly tenantId: string,
    readonly problem: TenantProblem,
  ) {
    super('unavailable', problem.message, { accountId, tenantId, code: problem.code });
    this.name = 'TokenRequestError';
  }
}

/** The NetworkProblem in the error or its `cause` chain (msal wraps it, sometimes twice). */
export function findNetworkProblem(error: unknown): NetworkProblem | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && !seen.has(current)) {
    if (current instanceof NetworkProblem) return current;
    seen.add(current);
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

function firstLine(error: unknown): string {
  const text =
    error instanceof AuthError
      ? error.errorMessage || error.message
      : error instanceof Error
        ? error.message
        : String(error);
  const line = text.split(/\r?\n/)[0] ?? '';
  // Entra's descriptions end with trace and correlation ids the user does not need here.
  return line.replace(/\s*Trace ID:.*$/i, '').slice(0, 300);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
