/** Built-in Azure role definitions the emulator knows (GUIDs are identical in every tenant). */
export interface RoleDefinition {
  guid: string;
  roleName: string;
  description: string;
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
  /** Custom roles only: where they can be assigned (built-in roles: everywhere, `/`). */
  assignableScopes?: string[];
}

export const builtInRoles: readonly RoleDefinition[] = [
  {
    guid: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    roleName: 'Owner',
    description:
      'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    actions: ['*'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  {
    guid: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    roleName: 'Contributor',
    description:
      'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.',
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
      'Microsoft.Blueprint/blueprintAssignments/write',
      'Microsoft.Blueprint/blueprintAssignments/delete',
      'Microsoft.Compute/galleries/share/action',
    ],
    dataActions: [],
    notDataActions: [],
  },
  {
    guid: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    roleName: 'Reader',
    description: 'View all resources, but does not allow you to make any changes.',
    actions: ['*/read'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  {
    guid: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    roleName: 'User Access Administrator',
    description: 'Lets you manage user access to Azure resources.',
    actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  {
    guid: 'f1a07417-d97a-45cb-824c-7a7467783830',
    roleName: 'Managed Identity Operator',
    description: 'Read and Assign User Assigned Identity',
    actions: [
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/read',
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action',
      'Microsoft.Authorization/*/read',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Support/*',
    ],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  {
    guid: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
    roleName: 'AcrPull',
    description: 'acr pull',
    actions: ['Microsoft.ContainerRegistry/registries/pull/read'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  {
    guid: '8311e382-0749-4cb8-b61a-304f252e45ec',
    roleName: 'AcrPush',
    description: 'acr push',
    actions: [
      'Microsoft.ContainerRegistry/registries/pull/read',
      'Microsoft.ContainerRegistry/registries/push/write',
    ],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  {
    guid: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
    roleName: 'Storage Blob Data Reader',
    description: 'Allows for read access to Azure Storage blob containers and data',
    actions: [
      'Microsoft.Storage/storageAccounts/blobServices/containers/read',
      'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action',
    ],
    notActions: [],
    dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'],
    notDataActions: [],
  },
  {
    guid: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
    roleName: 'Storage Blob Data Contributor',
    description:
      'Allows for read, write and delete access to Azure Storage blob containers and data',
    actions: [
      'Microsoft.Storage/storageAccounts/blobServices/containers/delete',
      'Microsoft.Storage/storageAccounts/blobServices/containers/read',
      'Microsoft.Storage/storageAccounts/blobServices/containers/write',
      'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action',
    ],
    notActions: [],
    dataActions: [
      'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete',
      'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
      'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
      'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action',
      'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action',
    ],
    notDataActions: [],
  },
  {
    guid: '4633458b-17de-408a-b874-0445c86b69e6',
    roleName: 'Key Vault Secrets User',
    description:
      "Read secret contents. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    actions: [],
    notActions: [],
    dataActions: [
      'Microsoft.KeyVault/vaults/secrets/getSecret/action',
      'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    ],
    notDataActions: [],
  },
  {
    guid: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
    roleName: 'Role Based Access Control Administrator',
    description:
      'Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.',
    actions: [
      'Microsoft.Authorization/roleAssignments/write',
      'Microsoft.Authorization/roleAssignments/delete',
      '*/read',
      'Microsoft.Support/*',
    ],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  {
    guid: '85cb6faf-e071-4c9b-8136-154b5a04f717',
    roleName: 'Kubernetes Extension Contributor',
    description:
      'Can create, update, get, list and delete Kubernetes Extensions, and get extension async operations',
    actions: [
      'Microsoft.Authorization/*/read',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.KubernetesConfiguration/extensions/write',
      'Microsoft.KubernetesConfiguration/extensions/read',
      'Microsoft.KubernetesConfiguration/extensions/delete',
      'Microsoft.KubernetesConfiguration/extensions/operations/read',
    ],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  {
    guid: '0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8',
    roleName: 'Azure Kubernetes Service Cluster Admin Role',
    description: 'List cluster admin credential action.',
    actions: [
      'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action',
      'Microsoft.ContainerService/managedClusters/accessProfiles/listCredential/action',
      'Microsoft.ContainerService/managedClusters/read',
      'Microsoft.ContainerService/managedClusters/runcommand/action',
    ],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
];

export function findRole(nameOrGuid: string): RoleDefinition | undefined {
  const key = nameOrGuid.toLowerCase();
  return builtInRoles.find((r) => r.guid === key || r.roleName.toLowerCase() === key);
}

/** The role GUID at the end of a roleDefinitionId (any scope prefix), if it is a GUID. */
export function roleGuidOf(roleDefinitionId: string): string | undefined {
  const last = roleDefinitionId.split('/').pop() ?? '';
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(last)
    ? last.toLowerCase()
    : undefined;
}

/**
 * Azure action wildcards: `*` matches any run of characters; comparison ignores case. A whole
 * `/*\/` segment also matches no segment, as ARM grants Managed Identity Operator's
 * `userAssignedIdentities/*\/assign/action` for `userAssignedIdentities/assign/action`.
 */
export function actionMatches(pattern: string, action: string): boolean {
  const source = pattern
    .split(/(\/\*\/|\*)/)
    .map((part) => (part === '/*/' ? '(?:/.*/|/)' : part === '*' ? '.*' : escapeRegex(part)))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(action);
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

export function roleAllows(role: RoleDefinition, action: string): boolean {
  return (
    role.actions.some((a) => actionMatches(a, action)) &&
    !role.notActions.some((n) => actionMatches(n, action))
  );
}
