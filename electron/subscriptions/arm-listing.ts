import type { TokenCredential } from '@azure/core-auth';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { Subscription } from '@azure/arm-resources-subscriptions';
import type { ConnectionRuntime } from '../connection/runtime';
import type { Logger } from '../logging/logger';

/** A subscription as one listing reported it. */
export interface ListedSubscription {
  /** Lower-case GUID. */
  readonly subscriptionId: string;
  readonly displayName: string;
  readonly state: string;
  /** Lower-case GUID of the subscription's home tenant. */
  readonly tenantId: string;
}

export type ArmClientOptions = ReturnType<ConnectionRuntime['armClientOptions']>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;

/**
 * The fields Mooring keeps, or undefined (logged, without the entry's values) for an entry ARM
 * sent without a GUID subscription id and tenant id. Read as plain data: an entry may be anything
 * (null, a string) whatever the SDK's type says, and one bad entry must not break its page.
 */
export function toListedSubscription(
  subscription: Subscription | null | undefined,
  logger?: Logger,
): ListedSubscription | undefined {
  const entry: Record<string, unknown> =
    typeof subscription === 'object' && subscription !== null ? { ...subscription } : {};
  const subscriptionId = text(entry['subscriptionId'], 36)?.toLowerCase();
  const tenantId = text(entry['tenantId'], 36)?.toLowerCase();
  const invalid = [
    ...(subscriptionId && GUID.test(subscriptionId) ? [] : ['subscriptionId']),
    ...(tenantId && GUID.test(tenantId) ? [] : ['tenantId']),
  ];
  if (!subscriptionId || !tenantId || invalid.length > 0) {
    logger?.warn('Ignored a subscription ARM listed that is not a valid subscription', {
      fields: invalid,
    });
    return undefined;
  }
  return {
    subscriptionId,
    displayName: text(entry['displayName'], 256) ?? subscriptionId,
    state: text(entry['state'], 64) ?? 'Unknown',
    tenantId,
  };
}

/**
 * Keeps the subscriptions whose home tenant is the one listed. A token for one tenant can list
 * subscriptions homed elsewhere (Azure Lighthouse, older api-versions); those are listed again,
 * with the right token, under their own tenant, and every later call for them must use that one.
 */
export function homedIn(
  tenantId: string,
  subscriptions: readonly ListedSubscription[],
): ListedSubscription[] {
  const tenant = tenantId.toLowerCase();
  return subscriptions.filter((subscription) => subscription.tenantId === tenant);
}

/**
 * Lists every subscription one (account, tenant) can see, following `nextLink` page after page
 * (pages of one tenant come one after another). The SDK's retry policy handles 429 (honouring
 * Retry-After) and transient 5xx before an error reaches the caller.
 */
export async function listTenantSubscriptions(request: {
  readonly credential: TokenCredential;
  readonly clientOptions: ArmClientOptions;
  readonly tenantId: string;
  readonly abortSignal?: AbortSignal;
  /** Where entries that fail their schema are reported (they are dropped, the page kept). */
  readonly logger?: Logger;
}): Promise<ListedSubscription[]> {
  // The generated client takes request URLs from `$host` and the token scope from `endpoint`:
  // both must name the configured cloud's ARM.
  const client = new SubscriptionClient(request.credential, {
    ...request.clientOptions,
    $host: request.clientOptions.endpoint,
  });
  const listed: ListedSubscription[] = [];
  const pages = client.subscriptions.list(
    request.abortSignal ? { abortSignal: request.abortSignal } : {},
  );
  for await (const subscription of pages) {
    const kept = toListedSubscription(subscription, request.logger);
    if (kept) listed.push(kept);
  }
  return homedIn(request.tenantId, listed);
}
