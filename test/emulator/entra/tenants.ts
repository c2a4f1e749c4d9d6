import type { EmulatorContext } from '../core/context';
import type { Reply } from '../core/reply';
import type { Account } from '../world/directory';
import { oauthError } from './oauthErrors';
import type { AccountChoice } from './pages';

const multiTenantSegments = new Set(['common', 'organizations']);

/** A tenant path segment resolved: a scenario tenant, or a multi-tenant alias (`common`, `organizations`). */
export type TenantTarget =
  { kind: 'tenant'; tenantId: string; displayName: string } | { kind: 'multi'; segment: string };
export function resolveTenant(ctx: EmulatorContext, segment: string): TenantTarget | undefined {
  if (multiTenantSegments.has(segment.toLowerCase())) return { kind: 'multi', segment };
  const tenant = ctx.world.directory.findTenant(segment);
  return tenant
    ? { kind: 'tenant', tenantId: tenant.id.toLowerCase(), displayName: tenant.displayName }
    : undefined;
}

/** The tenant an account signs in to through `target`, or why it cannot. */
export function tenantForAccount(
  target: TenantTarget,
  account: Account,
): { tenantId: string } | { error: Reply } {
  if (target.kind === 'multi') return { tenantId: account.homeTenantId };
  if (account.tenantIds.includes(target.tenantId)) return { tenantId: target.tenantId };
  return {
    error: oauthError(
      400,
      'invalid_grant',
      50020,
      `User account '${account.username}' from identity provider 'https://sts.windows.net/${account.homeTenantId}/' does not exist in tenant '${target.displayName}' and cannot access the application in that tenant. The account needs to be added as an external user in the tenant first.`,
    ),
  };
}

export function accountsFor(ctx: EmulatorContext, target: TenantTarget): AccountChoice[] {
  return [...ctx.world.directory.accounts.values()]
    .filter((a) => target.kind === 'multi' || a.tenantIds.includes(target.tenantId))
    .map((a) => ({ username: a.username, name: a.name }));
}
