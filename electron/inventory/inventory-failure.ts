import type { TenantProblem } from '../../shared/domain/accounts';
import { classifyAzureFailure } from '../azure/azure-failure';

/** What was being listed, to name it in the message. */
export interface InventoryWhere {
  readonly subscriptionName: string;
  /** Set when only this workspace's computes failed. */
  readonly workspaceName?: string;
  /** Set when the subscription's clusters or user-assigned identities failed. */
  readonly listing?: 'clusters' | 'identities';
}

function whatOf(where: InventoryWhere): string {
  if (where.workspaceName) {
    return `the computes of workspace ${where.workspaceName} in ${where.subscriptionName}`;
  }
  if (where.listing === 'clusters') return `the AKS and Arc clusters of ${where.subscriptionName}`;
  if (where.listing === 'identities') {
    return `the user-assigned identities of ${where.subscriptionName}`;
  }
  return `the workspaces of ${where.subscriptionName}`;
}

/**
 * Turns whatever listing a subscription's workspaces (or one workspace's computes) threw into the
 * problem shown beside it: the Azure or AADSTS code kept verbatim, and one sentence saying what
 * happened and what to do.
 */
export function describeInventoryFailure(error: unknown, where: InventoryWhere): TenantProblem {
  const what = whatOf(where);
  const failure = classifyAzureFailure(error);
  const { code } = failure;
  switch (failure.kind) {
    case 'app':
      return { code, message: failure.message };
    case 'timed-out':
      return {
        code,
        message: `Listing ${what} took too long and was stopped; check the network and proxy settings, then refresh.`,
      };
    case 'sign-in-again':
      return {
        code,
        message: `Listing ${what} needs you to sign in to its tenant again (${code}); choose Sign in beside this message (or beside the tenant in Accounts).`,
      };
    case 'token':
      return {
        code,
        message: `Getting a token to list ${what} failed (${code}); check the cloud, client id and proxy settings, then sign in to that tenant again.`,
      };
    case 'http':
      return { code, message: httpMessage(failure.status, code, what) };
    case 'network':
      // The proxy or a certificate, named as such: never blamed on Azure or the sign-in.
      return { code, message: `Listing ${what} failed: ${failure.message}` };
    case 'unreachable':
      return {
        code,
        message: `Mooring could not reach Azure to list ${what} (${code}); check the network and the proxy and extra CA certificate settings, then refresh.`,
      };
    case 'unexpected':
      return {
        code,
        message: `Listing ${what} failed unexpectedly (${code}); refresh again, and see the log if it keeps failing.`,
      };
  }
}

function httpMessage(status: number, code: string, what: string): string {
  if (status === 407) {
    return `The proxy asked Mooring for a user name and password (${code}, HTTP 407); enter them with the proxy address in Settings › Connection to Azure, then refresh.`;
  }
  if (status === 401) {
    return `Azure Resource Manager refused the sign-in used to list ${what} (${code}); sign in to that tenant again from Accounts, then refresh.`;
  }
  if (status === 403) {
    return `You may not list ${what} (${code}); ask an owner of that subscription for the Reader role or higher, then refresh.`;
  }
  if (status === 404) {
    return `Azure did not find ${what} (${code}); it may have just been deleted — refresh to update the list.`;
  }
  if (status === 429) {
    return `Azure is throttling the requests listing ${what} (${code}); wait a minute, then refresh.`;
  }
  if (status >= 500) {
    return `Azure failed while listing ${what} (${code}, HTTP ${status}); refresh again in a few minutes.`;
  }
  return `Azure refused to list ${what} (${code}, HTTP ${status}); refresh again, and see the log if it keeps failing.`;
}
