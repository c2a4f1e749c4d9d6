import type { AccountInfo } from '@azure/msal-node';
import type { TenantProblem } from '../../shared/domain/accounts';
import type { AccountsRepository } from './accounts-repository';
import {
  SignInRequiredError,
  TokenRequestError,
  describeAuthFailure,
  type AuthFailure,
} from './auth-errors';
import type { MsalClient } from './msal-clients';
import type { SecretEncryptor } from './secret-store';
import type { TokenStorageMode } from './token-cache-plugin';

/** A sign-in that ended with a problem already worded for the user. */
export class SignInProblem extends Error {
  constructor(readonly problem: TenantProblem) {
    super(problem.message);
  }
}

/** msal's home account id is `<object id>.<home tenant id>`. */
export const homeTenantOf = (account: AccountInfo) =>
  (account.homeAccountId.split('.')[1] ?? account.tenantId).toLowerCase();

/** The code worth showing for a failed ARM listing: the token problem's, ARM's, or a generic one. */
export function listingErrorCode(error: unknown): string {
  if (error instanceof SignInRequiredError || error instanceof TokenRequestError)
    return error.problem.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length > 0 ? code : 'TenantListFailed';
}

/** The problem of an account signed in to another cloud than the one in force. */
export const otherCloudProblem = (username: string): TenantProblem => ({
  code: 'other_cloud',
  message: `${username} is signed in to another cloud than the one chosen in Settings; sign in again to use it with this cloud.`,
});

export interface ProblemWording {
  /** The account has no sign-in in this cloud's token cache (memory-only storage, or a new cloud). */
  notInCache(username: string): TenantProblem;
  /** What a failed token request means, worded with the names Mooring knows. */
  failureOf(
    error: unknown,
    client: MsalClient | undefined,
    username: string | undefined,
    tenantId: string | undefined,
  ): AuthFailure;
}

export function createProblemWording(parts: {
  readonly repository: AccountsRepository;
  readonly encryptor: SecretEncryptor;
  readonly storageMode: () => TokenStorageMode;
}): ProblemWording {
  const notInCache = (username: string): TenantProblem => {
    const memoryOnly = `${username} must sign in again: this computer offers no secure key store, so Mooring keeps tokens in memory only`;
    return {
      code: 'no_cached_sign_in',
      message:
        parts.storageMode() !== 'memory'
          ? `The saved sign-in of ${username} is no longer available; sign in again.`
          : parts.encryptor.protection === 'weak'
            ? `${memoryOnly} unless you allow storing them in Settings.`
            : `${memoryOnly}.`,
    };
  };

  return {
    notInCache,
    failureOf(error, client, username, tenantId) {
      if (error instanceof SignInProblem)
        return { kind: 'needs-sign-in', accountWide: true, problem: error.problem };
      const tenantName = tenantId
        ? (parts.repository.tenant(tenantId)?.displayName ?? tenantId)
        : undefined;
      return describeAuthFailure(error, {
        ...(username ? { username } : {}),
        ...(tenantName ? { tenantName } : {}),
        ...(client ? { authorityHost: client.runtime.cloud.authorityHost } : {}),
      });
    },
  };
}
