import {
  ARM_TYPES,
  armResourceName,
  armResourceType,
  parseArmId,
  type ArmId,
} from '../../shared/azure/arm-id';
import type { ScopeCheck, ScopeKind, ScopeView } from '../../shared/domain/roles';

/** The subscription names Mooring knows, to show "Contoso ML Production" rather than a GUID. */
export type SubscriptionNames = (subscriptionId: string) => string | null;

const RESOURCE_KINDS: ReadonlyArray<{ type: string; kind: ScopeKind; label: string }> = [
  { type: ARM_TYPES.workspace, kind: 'workspace', label: 'Azure ML workspace' },
  { type: ARM_TYPES.storageAccount, kind: 'storage-account', label: 'storage account' },
  { type: ARM_TYPES.containerRegistry, kind: 'container-registry', label: 'container registry' },
  { type: ARM_TYPES.keyVault, kind: 'key-vault', label: 'key vault' },
];

/** A parsed scope as a person reads it. */
export function describeParsedScope(id: ArmId, names: SubscriptionNames): ScopeView {
  if (id.levels.length === 0 && id.resourceGroup === null) {
    const name = names(id.subscriptionId) ?? id.subscriptionId;
    return { id: id.id, name, kind: 'subscription', kindLabel: 'subscription' };
  }
  if (id.levels.length === 0) {
    return {
      id: id.id,
      name: id.resourceGroup ?? '',
      kind: 'resource-group',
      kindLabel: 'resource group',
    };
  }
  const type = armResourceType(id) ?? '';
  const known = RESOURCE_KINDS.find((entry) => entry.type.toLowerCase() === type.toLowerCase());
  return {
    id: id.id,
    name: armResourceName(id),
    kind: known?.kind ?? 'resource',
    kindLabel: known?.label ?? type,
  };
}

/**
 * Any scope Azure answers, for display only (it never becomes a URL here): management groups and
 * the root scope are not resource ids of a subscription, so they are named from their text.
 */
export function describeScope(scope: string, names: SubscriptionNames): ScopeView {
  const parsed = parseArmId(scope);
  if (parsed.ok) return describeParsedScope(parsed.value, names);
  if (scope === '/' || scope === '') {
    return { id: '/', name: 'All of the tenant', kind: 'root', kindLabel: 'root scope' };
  }
  const managementGroup = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(
    scope,
  );
  if (managementGroup) {
    return {
      id: scope,
      name: managementGroup[1] ?? scope,
      kind: 'management-group',
      kindLabel: 'management group',
    };
  }
  return {
    id: scope,
    name: scope.split('/').at(-1) ?? scope,
    kind: 'resource',
    kindLabel: 'resource',
  };
}

/** Assignments above a resource (resource group, subscription, management group, root) reach it by inheritance. */
export const isInheritedKind = (kind: ScopeKind): boolean =>
  kind === 'root' ||
  kind === 'management-group' ||
  kind === 'subscription' ||
  kind === 'resource-group';

/** True when an assignment at `outer` applies at `inner` (same scope or above it). */
export function scopeCovers(outer: string, inner: string): boolean {
  const a = outer.toLowerCase().replace(/\/+$/, '');
  const b = inner.toLowerCase().replace(/\/+$/, '');
  return a === '' || a === b || b.startsWith(`${a}/`);
}

export interface ScopeRules {
  readonly names: SubscriptionNames;
  /** True when a signed-in account sees the subscription. */
  readonly visible: (subscriptionId: string) => boolean;
  /** The tenant a subscription belongs to, as the subscriptions list says. */
  readonly tenantOf: (subscriptionId: string) => string | null;
}

/**
 * A pasted scope, checked before any call: a well-formed ARM id, in a subscription a signed-in
 * account sees, in the identity's own tenant (a managed identity is granted roles only there).
 */
export function checkPastedScope(
  input: string,
  principalTenantId: string,
  rules: ScopeRules,
): ScopeCheck & { parsed: ArmId | null } {
  const parsed = parseArmId(input.trim());
  if (!parsed.ok) {
    return {
      valid: false,
      scope: null,
      reason: `This is not a resource id Mooring can use. ${parsed.reason}`,
      parsed: null,
    };
  }
  const id = parsed.value;
  const scope = describeParsedScope(id, rules.names);
  if (!rules.visible(id.subscriptionId)) {
    return {
      valid: false,
      scope,
      reason: `No signed-in account sees subscription ${id.subscriptionId}: sign in with an account that does, or pick a scope in the compute's subscriptions.`,
      parsed: null,
    };
  }
  const tenant = rules.tenantOf(id.subscriptionId);
  if (tenant !== null && tenant.toLowerCase() !== principalTenantId.toLowerCase()) {
    return {
      valid: false,
      scope,
      reason: `Subscription ${rules.names(id.subscriptionId) ?? id.subscriptionId} belongs to another tenant than the compute's identity; a managed identity can only be granted roles in its own tenant.`,
      parsed: null,
    };
  }
  if (id.levels.at(-1)?.namespace.toLowerCase() === 'microsoft.authorization') {
    return {
      valid: false,
      scope,
      reason:
        'This is a role assignment or definition, not a scope: paste the id of the resource, resource group or subscription.',
      parsed: null,
    };
  }
  return { valid: true, scope, reason: null, parsed: id };
}
