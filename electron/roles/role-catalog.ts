import type { PresetKey } from '../../shared/domain/roles';

/** The Microsoft.Authorization api-version Mooring speaks (AZURE.md). */
export const AUTHORIZATION_API_VERSION = '2022-04-01';

export const ROLE_ASSIGNMENT_WRITE = 'Microsoft.Authorization/roleAssignments/write';

/** Built-in role GUIDs are the same in every tenant. */
export const BUILT_IN_ROLES = {
  acrPull: { guid: '7f951dda-4ed3-4680-a7ca-43fe172d538d', name: 'AcrPull' },
  storageBlobDataReader: {
    guid: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
    name: 'Storage Blob Data Reader',
  },
  storageBlobDataContributor: {
    guid: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
    name: 'Storage Blob Data Contributor',
  },
  keyVaultSecretsUser: {
    guid: '4633458b-17de-408a-b874-0445c86b69e6',
    name: 'Key Vault Secrets User',
  },
} as const;

/** The built-in roles that carry `roleAssignments/write`: who can grant what the account cannot. */
export const ROLE_ADMIN_ROLES: readonly string[] = [
  'Owner',
  'User Access Administrator',
  'Role Based Access Control Administrator',
];

export interface PresetDefinition {
  readonly key: PresetKey;
  readonly role: { readonly guid: string; readonly name: string };
  /** Which of the workspace's resources it is granted on. */
  readonly resource: 'containerRegistry' | 'storageAccount' | 'keyVault';
  readonly purpose: string;
  /** Said, and nothing offered, when the workspace has no such resource. */
  readonly missing: string;
}

export const PRESETS: readonly PresetDefinition[] = [
  {
    key: 'acr-pull',
    role: BUILT_IN_ROLES.acrPull,
    resource: 'containerRegistry',
    purpose: "Pull the workspace's environment images from its container registry.",
    missing:
      'The workspace has no container registry yet (Azure ML creates one at its first image build), so there is nothing to grant AcrPull on.',
  },
  {
    key: 'storage-blob-data-reader',
    role: BUILT_IN_ROLES.storageBlobDataReader,
    resource: 'storageAccount',
    purpose: "Read training data and models from the workspace's storage account.",
    missing: 'The workspace names no storage account.',
  },
  {
    key: 'storage-blob-data-contributor',
    role: BUILT_IN_ROLES.storageBlobDataContributor,
    resource: 'storageAccount',
    purpose: "Read and write blobs (outputs, checkpoints) in the workspace's storage account.",
    missing: 'The workspace names no storage account.',
  },
  {
    key: 'key-vault-secrets-user',
    role: BUILT_IN_ROLES.keyVaultSecretsUser,
    resource: 'keyVault',
    purpose: "Read secrets from the workspace's key vault.",
    missing: 'The workspace names no key vault.',
  },
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isGuid = (value: string): boolean => GUID.test(value);

/** The role GUID at the end of a role definition id, lower-cased; null when it is not one. */
export function roleGuidOf(roleDefinitionId: string): string | null {
  const last = roleDefinitionId.split('/').at(-1) ?? '';
  return isGuid(last) ? last.toLowerCase() : null;
}

/** `409 RoleAssignmentExists` names the existing assignment as 32 hex digits; this is its GUID. */
export function existingAssignmentGuid(message: string | null): string | null {
  const match = /\b([0-9a-f]{32})\b/i.exec(message ?? '');
  const hex = match?.[1]?.toLowerCase();
  if (!hex) return null;
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}
