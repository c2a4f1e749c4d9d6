import { parseArmId } from '../../shared/azure/arm-id';
import type { GrantView } from '../../shared/domain/roles';
import type { SeenAssignment } from './access-store';
import { grantView } from './access-views';
import { putAssignment, roleDefinitionIdFor } from './assignment-requests';
import { grantCommands } from './commands';
import { describeFailure } from './grant-failures';
import { createGrantRunner, PRINCIPAL_WAIT_MS } from './grant-runner';
import type { GrantRecord } from './grant-store';
import type { RolesParts } from './roles-parts';
import { describeParsedScope } from './scopes';

/** Grants: checked, saved, then run to their end (through Entra ID's replication delay) by the runner. */
export function createGrantFlow(parts: RolesParts) {
  const { access, arm, clock, deps, grants, names, newGuid, nowIso, recorder, rules } = parts;
  const { emitGrant, roleOf, validScope, viewContext } = parts;
  const runner = createGrantRunner({
    store: grants,
    clock,
    describeFailure,
    changed: (record) => emitGrant(record, 'update'),
    async attempt(record) {
      const scope = parseArmId(record.scopeId);
      if (!scope.ok || !record.roleGuid || !record.assignmentName) {
        return {
          kind: 'failed',
          code: 'InvalidGrant',
          message: 'This grant’s saved scope could not be read; grant again.',
        };
      }
      const reader = await arm.readerFor(scope.value.subscriptionId);
      const view = describeParsedScope(scope.value, names);
      const cloud = await arm.cloud();
      return putAssignment(reader, {
        scope: scope.value,
        assignmentName: record.assignmentName,
        roleGuid: record.roleGuid,
        principalId: record.principalId,
        scopeName: `${view.name} (${view.kindLabel})`,
        command: grantCommands({
          principalId: record.principalId,
          roleName: record.roleName,
          scope: scope.value.id,
          tenantId: rules.tenantOf(scope.value.subscriptionId) ?? '',
          cloud,
        }).az,
      });
    },
    succeeded(record, outcome) {
      const scope = parseArmId(record.scopeId);
      if (!scope.ok || !record.roleGuid) return;
      const seen: SeenAssignment = outcome.assignment ?? {
        assignmentId: outcome.assignmentId,
        scope: scope.value.id,
        roleDefinitionId: roleDefinitionIdFor(scope.value.subscriptionId, record.roleGuid),
        roleGuid: record.roleGuid,
        principalType: 'ServicePrincipal',
        createdOn: null,
      };
      // Keyed on the assignment id: an existing assignment is the same row, never a second one.
      access.recordOne(record.principalId, scope.value.subscriptionId, seen, nowIso());
    },
  });

  const startGrant = async (
    computeId: string,
    roleGuid: string,
    scopeId: string,
  ): Promise<GrantView> => {
    // Everything is checked before anything is sent.
    const { context, principal, scope } = validScope(computeId, scopeId);
    const role = await roleOf(scope.subscriptionId, roleGuid.toLowerCase());
    const now = clock.now();
    const at = now.toISOString();
    const record: GrantRecord = {
      grantId: newGuid(),
      kind: 'grant',
      computeId: context.computeId,
      principalId: principal.principalId,
      scopeId: scope.id,
      roleGuid: role.roleDefinitionGuid.toLowerCase(),
      roleName: role.roleName,
      // A new GUID per assignment; its retries reuse it, so a lost answer never makes two.
      assignmentName: newGuid(),
      status: 'pending',
      attempts: 0,
      message: 'Waiting to be sent.',
      assignmentId: null,
      alreadyExisted: false,
      error: null,
      createdAt: at,
      updatedAt: at,
      nextAttemptAt: null,
      deadlineAt: new Date(now.getTime() + PRINCIPAL_WAIT_MS).toISOString(),
    };
    grants.save(record);
    const view = grantView(await viewContext(context), record);
    deps.events.emit('roles.grantChanged', view);
    recorder.record(view);
    runner.run(record);
    return view;
  };

  return {
    start: startGrant,
    /** Carries on every grant a previous run left unfinished (waiting for Entra ID, or cut off). */
    resume(): number {
      const unfinished = grants.unfinished();
      for (const record of unfinished) {
        if (record.kind === 'remove') {
          // A removal is one request: cut off, it is simply ended; the next refresh shows the truth.
          grants.save({
            ...record,
            status: 'failed',
            error: {
              code: 'Interrupted',
              message: 'Mooring stopped before Azure answered; refresh the access list.',
            },
            message: 'Mooring stopped before Azure answered; refresh the access list.',
            updatedAt: nowIso(),
          });
          continue;
        }
        emitGrant(record, 'resumed');
        runner.run(record);
      }
      return unfinished.length;
    },

    settled: (grantId: string) => runner.settled(grantId),
    close: () => runner.close(),
  };
}
