import type { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import type { TokenCredential } from '@azure/core-auth';
import type { TenantProblem } from '../../shared/domain/accounts';
import { mapWithConcurrency } from '../concurrency/map-with-concurrency';
import type { ConnectionRuntime } from '../connection/runtime';
import type { Logger } from '../logging/logger';
import { listComputes, listWorkspaces, machineLearningClient } from './arm-inventory';
import { armListClient } from './arm-resource-lists';
import type { InventoryWhere } from './inventory-failure';
import type { WorkspaceRecord } from './inventory-records';
import type { ScopedSubscription } from './inventory-scope';
import type { ComputeListing, SubscriptionListing } from './inventory-store';
import { listDiscovery, type DiscoveryListing } from './list-discovery';
import { withReadPacing, type ReadPacer } from './read-pacer';

/** What Resource Graph already found for a subscription: only its computes are left to list. */
export interface FoundByGraph {
  readonly workspaces: readonly WorkspaceRecord[];
  readonly discovery: DiscoveryListing;
}

export interface SubscriptionListingContext {
  readonly runtime: ConnectionRuntime;
  readonly credentialFor: (accountId: string, tenantId: string) => TokenCredential;
  readonly pacer: ReadPacer;
  /** How many workspaces have their computes listed at once, and clusters their extensions. */
  readonly workspaces: number;
  readonly clusters: number;
  readonly subscriptionTimeoutMs: number;
  /** The refresh's cancel: a cancelled listing stops and is not recorded. */
  readonly cancel: AbortSignal;
  readonly report: (error: unknown, where: InventoryWhere, subscriptionId: string) => TenantProblem;
  readonly logger?: Logger;
}

/**
 * One subscription's workspaces, each workspace's computes, its clusters (with their Azure ML
 * extension) and user-assigned identities, every client on the connection's pipeline with the
 * read pacer. Discovery runs beside the workspaces and their computes. A failing list becomes a
 * problem on that subscription (or workspace); the rest goes on.
 */
export async function listSubscription(
  subscription: ScopedSubscription,
  context: SubscriptionListingContext,
  found?: FoundByGraph,
): Promise<SubscriptionListing> {
  const abortSignal = AbortSignal.any([
    AbortSignal.timeout(context.subscriptionTimeoutMs),
    context.cancel,
  ]);
  const where = { subscriptionName: subscription.subscriptionName };
  const report = (error: unknown, at: InventoryWhere) =>
    context.report(error, at, subscription.subscriptionId);
  const clientOptions = withReadPacing(context.runtime.armClientOptions(), context.pacer);
  let client: AzureMachineLearningWorkspaces;
  let credential: TokenCredential;
  try {
    credential = oneTokenRequestAtATime(
      context.credentialFor(subscription.accountId, subscription.tenantId),
    );
    client = machineLearningClient(credential, subscription.subscriptionId, clientOptions);
  } catch (error) {
    return { subscription, problem: report(error, where) };
  }
  // Clusters and identities do not depend on the workspaces: both chains start at once, so a
  // subscription takes the longer of its two chains of round trips, not their sum. The read
  // pacer bounds what one subscription has in flight.
  const discovering: Promise<DiscoveryListing> = found
    ? Promise.resolve(found.discovery)
    : listDiscovery({
        arm: armListClient(credential, clientOptions),
        subscriptionId: subscription.subscriptionId,
        extensionConcurrency: context.clusters,
        abortSignal,
        report: (error, listing) => report(error, { ...where, listing }),
        ...(context.logger ? { logger: context.logger } : {}),
      });
  // Awaited below; marked handled now so a failure before then is never an unhandled rejection.
  discovering.catch(() => undefined);
  let workspaces: readonly WorkspaceRecord[];
  try {
    workspaces = found ? found.workspaces : await listWorkspaces(client, abortSignal);
  } catch (error) {
    // The subscription keeps its last known record; the discovery already under way is let finish
    // (it fails on its own, or is cut off with the listing's signal) and dropped.
    await discovering.catch(() => undefined);
    return { subscription, problem: report(error, where) };
  }
  const listingClient = client;
  const [outcomes, discovery] = await Promise.all([
    mapWithConcurrency(
      workspaces,
      context.workspaces,
      async (workspace): Promise<ComputeListing> => {
        try {
          return { workspace, computes: await listComputes(listingClient, workspace, abortSignal) };
        } catch (error) {
          return { workspace, problem: report(error, { ...where, workspaceName: workspace.name }) };
        }
      },
    ),
    discovering,
  ]);
  // The work above never rejects; an outcome that did would be a bug worth failing loudly on.
  const computeListings = outcomes.map((outcome) => {
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  });
  return { subscription, workspaces: [...workspaces], computeListings, discovery };
}

/**
 * The subscription's two clients (Azure ML, and the lists of clusters and identities) start at
 * once and would each ask for a token: they share the one request in flight instead, so a tenant
 * whose sign-in is slow (or hangs) is asked once per subscription.
 */
function oneTokenRequestAtATime(credential: TokenCredential): TokenCredential {
  const pending = new Map<string, ReturnType<TokenCredential['getToken']>>();
  return {
    getToken(scopes, options) {
      const key = (Array.isArray(scopes) ? scopes : [scopes]).join(' ');
      let token = pending.get(key);
      if (!token) {
        token = credential.getToken(scopes, options).finally(() => pending.delete(key));
        pending.set(key, token);
      }
      return token;
    },
  };
}
