import type { TokenCredential } from '@azure/core-auth';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { ConnectionRuntime } from '../connection/runtime';
import type { TenantFacts } from './accounts-repository';

/**
 * The tenants an account belongs to (home and guest), as ARM's `GET /tenants` lists them. Any token
 * of the account works for this call; the home tenant's is used. `abortSignal` stops every page
 * request: without it an ARM that accepts the connection and never answers would hold the
 * sign-in (and the app's shutdown, which waits for sign-ins) forever.
 */
export async function listTenants(
  runtime: ConnectionRuntime,
  credential: TokenCredential,
  abortSignal: AbortSignal,
): Promise<TenantFacts[]> {
  const client = new SubscriptionClient(credential, runtime.armClientOptions());
  const tenants: TenantFacts[] = [];
  const seen = new Set<string>();
  for await (const tenant of client.tenants.list({ abortSignal })) {
    const tenantId = tenant.tenantId?.toLowerCase();
    if (!tenantId || seen.has(tenantId)) continue;
    seen.add(tenantId);
    const defaultDomain = tenant.defaultDomain ?? tenant.domains?.[0] ?? null;
    tenants.push({
      tenantId,
      // ARM omits the name for some tenants (old api-versions, B2C); the domain or id still identifies it.
      displayName: tenant.displayName ?? defaultDomain ?? tenantId,
      defaultDomain,
    });
  }
  return tenants;
}
