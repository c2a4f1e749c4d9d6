import type { RoleCommands } from '../../shared/domain/roles';
import type { CloudEndpoints } from '../azure/clouds';

/** What a grant or removal does, as another admin would type it. */
export interface AssignmentCommandInput {
  readonly principalId: string;
  readonly roleName: string;
  /** A scope id parsed by shared/azure/arm-id.ts (its canonical text). */
  readonly scope: string;
  readonly tenantId: string;
  readonly cloud: Pick<CloudEndpoints, 'id' | 'portal'>;
}

/** A POSIX shell word: left bare when it is plain, otherwise single-quoted. */
export function shellArg(value: string): string {
  return /^[A-Za-z0-9._/:-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A PowerShell literal string: single quotes, inner ones doubled (nothing inside is expanded). */
export const powershellArg = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/**
 * The scope's Access control (IAM) blade in the portal of the account's cloud and tenant; none
 * for a custom cloud, whose portal Mooring does not know.
 */
export function accessControlUrl(
  cloud: Pick<CloudEndpoints, 'id' | 'portal'>,
  tenantId: string,
  scope: string,
): string | null {
  if (cloud.id === 'Custom' || !cloud.portal) return null;
  // The scope is a canonical id (segments already encoded by armIdPath); the tenant a GUID.
  return `${cloud.portal}/#@${encodeURIComponent(tenantId)}/resource${scope}/users`;
}

export function grantCommands(input: AssignmentCommandInput): RoleCommands {
  return {
    az: [
      'az role assignment create',
      `--assignee-object-id ${input.principalId}`,
      // Skips the directory lookup that fails while a new identity replicates.
      '--assignee-principal-type ServicePrincipal',
      `--role ${shellArg(input.roleName)}`,
      `--scope ${shellArg(input.scope)}`,
    ].join(' '),
    powershell: [
      'New-AzRoleAssignment',
      `-ObjectId ${powershellArg(input.principalId)}`,
      `-RoleDefinitionName ${powershellArg(input.roleName)}`,
      `-Scope ${powershellArg(input.scope)}`,
    ].join(' '),
    portalUrl: accessControlUrl(input.cloud, input.tenantId, input.scope),
  };
}

export function removeCommands(input: AssignmentCommandInput): RoleCommands {
  return {
    // `delete` has no principal-type option: it looks the assignment up by object id, role and scope.
    az: [
      'az role assignment delete',
      `--assignee-object-id ${input.principalId}`,
      `--role ${shellArg(input.roleName)}`,
      `--scope ${shellArg(input.scope)}`,
    ].join(' '),
    powershell: [
      'Remove-AzRoleAssignment',
      `-ObjectId ${powershellArg(input.principalId)}`,
      `-RoleDefinitionName ${powershellArg(input.roleName)}`,
      `-Scope ${powershellArg(input.scope)}`,
    ].join(' '),
    portalUrl: accessControlUrl(input.cloud, input.tenantId, input.scope),
  };
}
