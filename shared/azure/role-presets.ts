import type { PresetKey } from '../domain/roles';

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

/**
 * The grants a compute usually needs, on the workspace's own resources. Shared so the attach
 * wizard can offer them before the compute (and its principal) exists.
 */
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

/** The preset keys a compute of a workspace can be granted (its resource exists). */
export function availablePresets(
  workspace: Readonly<Record<PresetDefinition['resource'], string | null>>,
): PresetKey[] {
  return PRESETS.filter((preset) => workspace[preset.resource] !== null).map((p) => p.key);
}
