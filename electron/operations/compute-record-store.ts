import type { Database } from 'better-sqlite3';
import type { ComputeDriftChange, ComputeView } from '../../shared/domain/inventory';
import type { ComputeIdentityDetail, StateObservation } from '../../shared/domain/operations';
import type { ComputeRecord, WorkspaceRecord } from '../inventory/inventory-records';
import {
  toComputeView,
  type ComputeRow as InventoryComputeRow,
} from '../inventory/snapshot-reader';

/** The history's marker for "detached by Mooring" (not an Azure state: the compute is gone). */
export const DETACHED_STATE = 'Detached';

/** Identity fields Azure answers beside the compute that the inventory's table does not keep. */
export interface IdentityExtras {
  readonly principalId: string | null;
  readonly clientId: string | null;
  readonly tenantId: string | null;
}

/** The inventory's compute row, plus the identity fields only operations keep. */
interface ComputeRow extends InventoryComputeRow {
  compute_key: string;
  client_id: string | null;
  identity_tenant_id: string | null;
}

/**
 * What operations write into the local record of workspaces and computes (tables of migration 4,
 * kept by the inventory too): the workspace and compute as the operation's own GETs saw them, and
 * each state an operation observed, marked with the operation, in the compute's state history.
 */
export function createComputeRecordStore(db: Database) {
  const statements = {
    upsertWorkspace: db.prepare(`
      INSERT INTO workspaces (workspace_key, workspace_id, subscription_id, tenant_id, resource_group,
                              name, friendly_name, location, storage_account, container_registry,
                              key_vault, first_seen_at, last_synced_at, removed_at)
      VALUES (lower(@id), @id, lower(@subscriptionId), lower(@tenantId), @resourceGroup, @name,
              @friendlyName, @location, @storageAccount, @containerRegistry, @keyVault, @at, @at, NULL)
      ON CONFLICT (workspace_key) DO UPDATE SET
        location = excluded.location, friendly_name = excluded.friendly_name,
        storage_account = excluded.storage_account, container_registry = excluded.container_registry,
        key_vault = excluded.key_vault, last_synced_at = excluded.last_synced_at, removed_at = NULL`),
    lastOfOperation: db.prepare<
      { key: string; operationId: string },
      { provisioning_state: string; provisioning_errors_json: string }
    >(`
      SELECT provisioning_state, provisioning_errors_json FROM compute_state_history
       WHERE compute_key = lower(@key) AND operation_id = @operationId
       ORDER BY history_id DESC LIMIT 1`),
    upsertCompute: db.prepare(`
      INSERT INTO computes (compute_key, compute_id, workspace_key, name, compute_type,
                            provisioning_state, provisioning_errors_json, cluster_id, namespace,
                            identity_type, user_assigned_identity_id, principal_id, description,
                            first_seen_at, last_synced_at, removed_at)
      VALUES (lower(@id), @id, lower(@workspaceId), @name, @computeType, @provisioningState, @errors,
              @clusterId, @namespace, @identityType, @userAssignedIdentityId, @principalId,
              @description, @at, @at, NULL)
      ON CONFLICT (compute_key) DO UPDATE SET
        compute_id = excluded.compute_id, name = excluded.name, compute_type = excluded.compute_type,
        provisioning_state = excluded.provisioning_state,
        provisioning_errors_json = excluded.provisioning_errors_json,
        cluster_id = excluded.cluster_id, namespace = excluded.namespace,
        identity_type = excluded.identity_type,
        user_assigned_identity_id = excluded.user_assigned_identity_id,
        principal_id = excluded.principal_id, description = excluded.description,
        last_synced_at = excluded.last_synced_at, removed_at = NULL`),
    upsertIdentity: db.prepare(`
      INSERT INTO compute_identities (compute_key, principal_id, client_id, tenant_id, observed_at)
      VALUES (lower(@id), @principalId, @clientId, @tenantId, @at)
      ON CONFLICT (compute_key) DO UPDATE SET principal_id = excluded.principal_id,
        client_id = excluded.client_id, tenant_id = excluded.tenant_id, observed_at = excluded.observed_at`),
    workspaceExists: db.prepare<[string], { one: number }>(
      'SELECT 1 AS one FROM workspaces WHERE workspace_key = lower(?)',
    ),
    exists: db.prepare<[string], { removed_at: string | null }>(
      'SELECT removed_at FROM computes WHERE compute_key = lower(?)',
    ),
    remove: db.prepare(
      'UPDATE computes SET removed_at = @at, provisioning_state = @state WHERE compute_key = lower(@id)',
    ),
    setState: db.prepare(
      'UPDATE computes SET provisioning_state = @state, last_synced_at = @at WHERE compute_key = lower(@id)',
    ),
    addHistory: db.prepare(`
      INSERT INTO compute_state_history (compute_key, provisioning_state, provisioning_errors_json,
                                         seen_at, source, operation_id)
      VALUES (lower(@id), @state, @errors, @at, 'operation', @operationId)`),
    compute: db.prepare<[string], ComputeRow>(`
      SELECT c.*, w.workspace_id, w.name AS workspace_name, w.subscription_id,
             i.client_id, i.tenant_id AS identity_tenant_id
        FROM computes c JOIN workspaces w ON w.workspace_key = c.workspace_key
        LEFT JOIN compute_identities i ON i.compute_key = c.compute_key
       WHERE c.compute_key = lower(?)`),
  };

  // Prepared on first read: the column changes_json is migration 11's, and the writes above
  // also serve tests that seed databases of earlier versions.
  const historyStatement = lazy(() =>
    db.prepare<
      [string],
      {
        provisioning_state: string;
        seen_at: string;
        source: 'refresh' | 'operation';
        operation_id: string | null;
        changes_json: string | null;
      }
    >(`
      SELECT provisioning_state, seen_at, source, operation_id, changes_json
        FROM compute_state_history
       WHERE compute_key = lower(?) ORDER BY history_id`),
  );

  return {
    hasWorkspace: (workspaceId: string): boolean =>
      statements.workspaceExists.get(workspaceId) !== undefined,
    upsertWorkspace(
      workspace: WorkspaceRecord,
      subscriptionId: string,
      tenantId: string,
      at: string,
    ): void {
      statements.upsertWorkspace.run({ ...workspace, subscriptionId, tenantId, at });
    },
    /**
     * The compute as an operation's request or poll answered it. The state goes into the history
     * when this operation had not yet seen it (each state an operation observes, once).
     */
    recordCompute(
      workspaceId: string,
      compute: ComputeRecord,
      identity: IdentityExtras,
      at: string,
      operationId: string,
    ): void {
      const errors = JSON.stringify(compute.provisioningErrors);
      const last = statements.lastOfOperation.get({ key: compute.id, operationId });
      statements.upsertCompute.run({ ...compute, workspaceId, errors, at });
      statements.upsertIdentity.run({ id: compute.id, ...identity, at });
      if (
        !last ||
        last.provisioning_state !== compute.provisioningState ||
        last.provisioning_errors_json !== errors
      ) {
        statements.addHistory.run({
          id: compute.id,
          state: compute.provisioningState,
          errors,
          at,
          operationId,
        });
      }
    },
    /** A state the operation saw without the compute's body (a detach answered 202: Deleting). */
    markState(computeId: string, state: string, at: string, operationId: string): void {
      const row = statements.exists.get(computeId);
      if (!row || row.removed_at !== null) return;
      statements.setState.run({ id: computeId, state, at });
      const last = statements.lastOfOperation.get({ key: computeId, operationId });
      if (last?.provisioning_state !== state) {
        statements.addHistory.run({ id: computeId, state, errors: '[]', at, operationId });
      }
    },
    /** Detached: the row stays (with its history), marked removed. */
    markDetached(computeId: string, at: string, operationId: string): void {
      const row = statements.exists.get(computeId);
      if (!row) return;
      if (row.removed_at === null)
        statements.remove.run({ id: computeId, at, state: DETACHED_STATE });
      const last = statements.lastOfOperation.get({ key: computeId, operationId });
      if (last?.provisioning_state !== DETACHED_STATE) {
        statements.addHistory.run({
          id: computeId,
          state: DETACHED_STATE,
          errors: '[]',
          at,
          operationId,
        });
      }
    },
    compute(computeId: string): { view: ComputeView; identity: ComputeIdentityDetail } | null {
      const row = statements.compute.get(computeId);
      if (!row) return null;
      const view = toComputeView(row);
      const systemAssigned = row.identity_type.toLowerCase().includes('systemassigned');
      return {
        view,
        identity: {
          type: row.identity_type,
          principalId: row.principal_id,
          clientId: row.client_id,
          tenantId: row.identity_tenant_id,
          userAssignedIdentityId: row.user_assigned_identity_id,
          directoryName: systemAssigned ? `${row.workspace_name}/computes/${row.name}` : null,
        },
      };
    },
    history(computeId: string): StateObservation[] {
      return historyStatement()
        .all(computeId)
        .map((row) => ({
          state: row.provisioning_state,
          observedAt: row.seen_at,
          source: row.source,
          operationId: row.operation_id,
          changes:
            row.changes_json === null
              ? null
              : (JSON.parse(row.changes_json) as ComputeDriftChange[]),
        }));
    },
  };
}

function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

export type ComputeRecordStore = ReturnType<typeof createComputeRecordStore>;
