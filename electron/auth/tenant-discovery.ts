import type { TokenCredential } from '@azure/core-auth';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { z } from 'zod';
import { Guid } from '../../shared/domain/accounts';
import type { ConnectionRuntime } from '../connection/runtime';
import type { Logger } from '../logging/logger';
import type { TenantFacts } from './accounts-repository';

/**
 * The fields Mooring reads from one listed tenant. Text fields are bounded: a name or domain is
 * shown in the UI and kept in the database, and ARM never sends one longer than this.
 */
const ListedTenant = z.object({
  tenantId: Guid,
  displayName: z.string().max(256).nullish(),
  defaultDomain: z.string().max(256).nullish(),
  domains: z.array(z.string().max(256)).nullish(),
});

/** One listed tenant as Mooring keeps it, or undefined (logged) when it fails the schema. */
export function toTenantFacts(item: unknown, logger?: Logger): TenantFacts | undefined {
  const parsed = ListedTenant.safeParse(item);
  if (!parsed.success) {
    // The entry itself may hold anything: log which fields failed, never their values.
    logger?.warn('Ignored a tenant ARM listed that is not a valid tenant', {
      fields: [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(entry)'))],
    });
    return undefined;
  }
  const tenant = parsed.data;
  const tenantId = tenant.tenantId.toLowerCase();
  const defaultDomain = tenant.defaultDomain ?? tenant.domains?.[0] ?? null;
  return {
    tenantId,
    // ARM omits the name for some tenants (old api-versions, B2C); the domain or id still identifies it.
    displayName: tenant.displayName ?? defaultDomain ?? tenantId,
    defaultDomain,
  };
}

/**
 * The tenants an account belongs to (home and guest), as ARM's `GET /tenants` lists them. Any token
 * of the account works for this call; the home tenant's is used. `abortSignal` stops every page
 * request: without it an ARM that accepts the connection and never answers would hold the
 * sign-in (and the app's shutdown, which waits for sign-ins) forever. An entry that fails its
 * schema (a tenant id that is not a GUID, say) is dropped and logged; the rest of the page counts.
 */
export async function listTenants(
  runtime: ConnectionRuntime,
  credential: TokenCredential,
  abortSignal: AbortSignal,
  logger?: Logger,
): Promise<TenantFacts[]> {
  const client = new SubscriptionClient(credential, runtime.armClientOptions());
  const tenants: TenantFacts[] = [];
  const seen = new Set<string>();
  for await (const item of client.tenants.list({ abortSignal })) {
    const tenant = toTenantFacts(item, logger);
    if (!tenant || seen.has(tenant.tenantId)) continue;
    seen.add(tenant.tenantId);
    tenants.push(tenant);
  }
  return tenants;
}
