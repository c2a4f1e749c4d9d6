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
 * read pacer. A failing list becomes a problem on that subscription (or workspace); the rest goes on.
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
  let workspaces: readonly WorkspaceRecord[];
  try {
    credential = context.credentialFor(subscription.accountId, subscription.tenantId);
    client = machineLearningClient(credential, subscription.subscriptionId, clientOptions);
    workspaces = found ? found.workspaces : await listWorkspaces(client, abortSignal);
  } catch (error) {
    return { subscription, problem: report(error, where) };
  }
  const listingClient = client;
  const outcomes = await mapWithConcurrency(
    workspaces,
    context.workspaces,
    async (workspace): Promise<ComputeListing> => {
      try {
        return { workspace, computes: await listComputes(listingClient, workspace, abortSignal) };
      } catch (error) {
        return { workspace, problem: report(error, { ...where, workspaceName: workspace.name }) };
      }
    },
  );
  // The work above never rejects; an outcome that did would be a bug worth failing loudly on.
  const computeListings = outcomes.map((outcome) => {
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  });
  // Clusters and identities once the computes are in: the subscription's requests stay bounded.
  const discovery =
    found?.discovery ??
    (await listDiscovery({
      arm: armListClient(credential, clientOptions),
      subscriptionId: subscription.subscriptionId,
      extensionConcurrency: context.clusters,
      abortSignal,
      report: (error, listing) => report(error, { ...where, listing }),
      ...(context.logger ? { logger: context.logger } : {}),
    }));
  return { subscription, workspaces: [...workspaces], computeListings, discovery };
}
