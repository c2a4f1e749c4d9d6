import type { TenantProblem } from '../../shared/domain/accounts';
import { classifyAzureFailure } from '../azure/azure-failure';

/** Who was listing, to name them in the message. */
export interface ListingWhere {
  readonly tenantName: string;
  readonly username: string;
}

/**
 * Turns whatever listing one tenant threw into the problem shown beside that tenant: the Azure or
 * AADSTS code kept verbatim, and one sentence saying what happened and what to do.
 */
export function describeListingFailure(error: unknown, where: ListingWhere): TenantProblem {
  const tenant = where.tenantName;
  const user = where.username;
  const failure = classifyAzureFailure(error);
  const { code } = failure;
  switch (failure.kind) {
    // The accounts service's own errors already say what to do; keep their words.
    case 'app':
      return { code, message: failure.message };
    case 'timed-out':
      return {
        code,
        message: `Listing the subscriptions of ${tenant} took too long and was stopped; check the network and proxy settings, then refresh.`,
      };
    case 'sign-in-again':
      return {
        code,
        message: `${tenant} needs ${user} to sign in again (${code}); choose Sign in beside this message (or beside the tenant in Accounts).`,
      };
    case 'token':
      return {
        code,
        message: `Getting a token for ${tenant} as ${user} failed (${code}); check the cloud, client id and proxy settings, then sign in to that tenant again.`,
      };
    case 'http':
      return { code, message: httpMessage(failure.status, code, tenant, user) };
    case 'network':
      // The proxy or a certificate, named as such: never blamed on Azure or the sign-in.
      return { code, message: `Listing the subscriptions of ${tenant} failed: ${failure.message}` };
    case 'unreachable':
      return {
        code,
        message: `Mooring could not reach Azure Resource Manager for ${tenant} (${code}); check the network and the proxy and extra CA certificate settings, then refresh.`,
      };
    case 'unexpected':
      return {
        code,
        message: `Listing the subscriptions of ${tenant} failed unexpectedly (${code}); refresh again, and see the log if it keeps failing.`,
      };
  }
}

function httpMessage(status: number, code: string, tenant: string, user: string): string {
  if (status === 407) {
    return `The proxy asked Mooring for a user name and password (${code}, HTTP 407); enter them with the proxy address in Settings › Connection to Azure, then refresh.`;
  }
  if (status === 401) {
    return `Azure Resource Manager refused the sign-in of ${user} for ${tenant} (${code}); sign in to that tenant again from Accounts, then refresh.`;
  }
  if (status === 403) {
    return `${user} may not list the subscriptions of ${tenant} (${code}); ask an administrator of that tenant for a role on its subscriptions, then refresh.`;
  }
  if (status === 429) {
    return `Azure is throttling the requests of ${user} in ${tenant} (${code}); wait a minute, then refresh.`;
  }
  if (status >= 500) {
    return `Azure Resource Manager failed while listing the subscriptions of ${tenant} (${code}, HTTP ${status}); refresh again in a few minutes.`;
  }
  return `Azure Resource Manager refused to list the subscriptions of ${tenant} (${code}, HTTP ${status}); refresh again, and see the log if it keeps failing.`;
}
