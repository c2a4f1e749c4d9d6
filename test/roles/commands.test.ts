import { describe, expect, it } from 'vitest';
import { knownClouds } from '../../electron/azure/clouds';
import {
  accessControlUrl,
  grantCommands,
  removeCommands,
  shellArg,
} from '../../electron/roles/commands';
import { existingAssignmentGuid } from '../../electron/roles/role-catalog';

const tenant = '44444444-4444-4444-8444-444444444444';
const scope =
  '/subscriptions/55555555-5555-4555-8555-555555555555/resourceGroups/rg-(ml)/providers/Microsoft.Storage/storageAccounts/stmain';
const principalId = '77777777-7777-4777-8777-777777777777';

describe('equivalent commands', () => {
  it('gives az and PowerShell forms of a grant, quoting what a shell would change', () => {
    const commands = grantCommands({
      principalId,
      roleName: "Bob's Reader",
      scope,
      tenantId: tenant,
      cloud: knownClouds.AzureCloud,
    });
    expect(commands.az).toBe(
      `az role assignment create --assignee-object-id ${principalId} --assignee-principal-type ServicePrincipal --role 'Bob'\\''s Reader' --scope '${scope}'`,
    );
    expect(commands.powershell).toBe(
      `New-AzRoleAssignment -ObjectId '${principalId}' -RoleDefinitionName 'Bob''s Reader' -Scope '${scope}'`,
    );
  });

  it('gives az and PowerShell forms of a removal', () => {
    const commands = removeCommands({
      principalId,
      roleName: 'AcrPull',
      scope,
      tenantId: tenant,
      cloud: knownClouds.AzureCloud,
    });
    expect(commands.az).toBe(
      `az role assignment delete --assignee-object-id ${principalId} --role AcrPull --scope '${scope}'`,
    );
    expect(commands.powershell).toBe(
      `Remove-AzRoleAssignment -ObjectId '${principalId}' -RoleDefinitionName 'AcrPull' -Scope '${scope}'`,
    );
  });

  it("links the scope's Access control (IAM) page in the portal of the account's cloud and tenant", () => {
    expect(accessControlUrl(knownClouds.AzureCloud, tenant, scope)).toBe(
      `https://portal.azure.com/#@${tenant}/resource${scope}/users`,
    );
    expect(accessControlUrl(knownClouds.AzureUSGovernment, tenant, scope)).toBe(
      `https://portal.azure.us/#@${tenant}/resource${scope}/users`,
    );
    expect(accessControlUrl(knownClouds.AzureChinaCloud, tenant, scope)).toBe(
      `https://portal.azure.cn/#@${tenant}/resource${scope}/users`,
    );
    expect(accessControlUrl({ id: 'Custom' }, tenant, scope)).toBeNull();
  });

  it('leaves plain words bare', () => {
    expect(shellArg('/subscriptions/x/resourceGroups/rg-ml')).toBe(
      '/subscriptions/x/resourceGroups/rg-ml',
    );
    expect(shellArg('a b')).toBe("'a b'");
  });
});

describe('409 RoleAssignmentExists', () => {
  it('names the existing assignment as 32 hex digits, read back as its GUID', () => {
    expect(
      existingAssignmentGuid(
        'The role assignment already exists. The ID of the existing role assignment is 0b8a6d3e11114111811111111111111a.',
      ),
    ).toBe('0b8a6d3e-1111-4111-8111-11111111111a');
    expect(existingAssignmentGuid('The role assignment already exists.')).toBeNull();
  });
});
