import type { Database } from 'better-sqlite3';
import { armResourceName, parseArmId } from '../../shared/azure/arm-id';
import type { RolePrincipal } from '../../shared/domain/roles';
import { AppError } from '../core/errors';
import { isGuid } from './role-catalog';

/** A compute from the local record with its workspace: everything a grant needs to know. */
export interface ComputeContext {
  readonly computeId: string;
  readonly computeName: string;
  readonly subscriptionId: string;
  readonly tenantId: string;
  readonly workspace: {
    readonly id: string;
    readonly name: string;
    readonly resourceGroup: string;
    readonly storageAccount: string | null;
    readonly containerRegistry: string | null;
    readonly keyVault: string | null;
  };
  readonly principal: RolePrincipal | null;
  readonly noPrincipalReason: string | null;
}

interface ContextRow {
  compute_id: string;
  compute_name: string;
  identity_type: string;
  user_assigned_identity_id: string | null;
  principal_id: string | null;
  workspace_id: string;
  workspace_name: string;
  resource_group: string;
  subscription_id: string;
  tenant_id: string;
  storage_account: string | null;
  container_registry: string | null;
  key_vault: string | null;
}

interface IdentityRow {
  identity_id: string;
  name: string;
  resource_group: string;
  tenant_id: string;
  client_id: string;
  principal_id: string;
}

export function createComputeContextReader(db: Database): (computeId: string) => ComputeContext {
  const computeQuery = db.prepare<[string], ContextRow>(`
    SELECT c.compute_id, c.name AS compute_name, c.identity_type, c.user_assigned_identity_id,
           c.principal_id, w.workspace_id, w.name AS workspace_name, w.resource_group,
           w.subscription_id, w.tenant_id, w.storage_account, w.container_registry, w.key_vault
      FROM computes c JOIN workspaces w ON w.workspace_key = c.workspace_key
     WHERE c.compute_key = lower(?) AND c.removed_at IS NULL
  `);
  const identityQuery = db.prepare<[string], IdentityRow>(`
    SELECT identity_id, name, resource_group, tenant_id, client_id, principal_id
      FROM user_assigned_identities
     WHERE identity_key = lower(?) AND removed_at IS NULL
  `);

  return (computeId) => {
    const row = computeQuery.get(computeId);
    if (!row) {
      throw new AppError(
        'not-found',
        'This compute is not in the local record (or was detached): refresh the inventory and try again.',
        { computeId },
      );
    }
    const base = {
      computeId: row.compute_id,
      computeName: row.compute_name,
      subscriptionId: row.subscription_id,
      tenantId: row.tenant_id,
      workspace: {
        id: row.workspace_id,
        name: row.workspace_name,
        resourceGroup: row.resource_group,
        storageAccount: row.storage_account,
        containerRegistry: row.container_registry,
        keyVault: row.key_vault,
      },
    };
    const found = principalOf(row, (id) => identityQuery.get(id));
    return 'reason' in found
      ? { ...base, principal: null, noPrincipalReason: found.reason }
      : { ...base, principal: found, noPrincipalReason: null };
  };
}

function principalOf(
  row: ContextRow,
  identity: (id: string) => IdentityRow | undefined,
): RolePrincipal | { reason: string } {
  const type = row.identity_type.toLowerCase();
  if (type === 'systemassigned') {
    if (!row.principal_id || !isGuid(row.principal_id)) {
      return {
        reason:
          'Azure has not reported the principal of this compute’s system-assigned identity yet: refresh the inventory once the compute has succeeded.',
      };
    }
    return {
      kind: 'system-assigned',
      principalId: row.principal_id.toLowerCase(),
      clientId: null,
      tenantId: row.tenant_id,
      // How Entra ID names a compute's system-assigned identity (AZURE.md).
      directoryName: `${row.workspace_name}/computes/${row.compute_name}`,
      identityId: null,
      identityName: null,
      resourceGroup: null,
    };
  }
  if (type === 'userassigned') {
    const id = row.user_assigned_identity_id;
    const parsed = parseArmId(id);
    if (!id || !parsed.ok) {
      return { reason: 'Azure reported no usable user-assigned identity id for this compute.' };
    }
    const found = identity(id);
    if (!found || !isGuid(found.principal_id)) {
      return {
        reason: `The identity ${armResourceName(parsed.value)} is not in the local record: refresh the inventory (its subscription must be selected) and try again.`,
      };
    }
    return {
      kind: 'user-assigned',
      principalId: found.principal_id.toLowerCase(),
      clientId: found.client_id,
      tenantId: found.tenant_id,
      directoryName: found.name,
      identityId: found.identity_id,
      identityName: found.name,
      resourceGroup: found.resource_group,
    };
  }
  return {
    reason:
      'This compute has no managed identity, so there is nothing to grant roles to: give it a system-assigned or user-assigned identity first.',
  };
}
