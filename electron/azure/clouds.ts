import { z } from 'zod';
import { AppError } from '../core/errors';

/** The endpoints Mooring needs from a cloud: where ARM lives and where to sign in. */
export interface CloudEndpoints {
  readonly id: 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud' | 'Custom';
  readonly displayName: string;
  /** ARM base URL, no trailing slash. */
  readonly resourceManager: string;
  /** Entra ID authority host, no trailing slash (the tenant is appended). */
  readonly authorityHost: string;
  /** The scope ARM tokens are requested for. */
  readonly armScope: string;
  readonly portal?: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** The shape of CloudEndpoints, for values read back from storage (the resolved custom cloud). */
export const CloudEndpointsSchema = z.object({
  id: z.enum(['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud', 'Custom']),
  displayName: z.string(),
  resourceManager: z.string(),
  authorityHost: z.string(),
  armScope: z.string(),
  portal: z.string().optional(),
});

const known = (
  id: CloudEndpoints['id'],
  displayName: string,
  resourceManager: string,
  authorityHost: string,
  portal: string,
): CloudEndpoints => ({
  id,
  displayName,
  resourceManager,
  authorityHost,
  armScope: `${resourceManager}/.default`,
  portal,
});

export const knownClouds = {
  AzureCloud: known(
    'AzureCloud',
    'Azure',
    'https://management.azure.com',
    'https://login.microsoftonline.com',
    'https://portal.azure.com',
  ),
  AzureUSGovernment: known(
    'AzureUSGovernment',
    'Azure US Government',
    'https://management.usgovcloudapi.net',
    'https://login.microsoftonline.us',
    'https://portal.azure.us',
  ),
  AzureChinaCloud: known(
    'AzureChinaCloud',
    'Azure operated by 21Vianet (China)',
    'https://management.chinacloudapi.cn',
    'https://login.chinacloudapi.cn',
    'https://portal.azure.cn',
  ),
} as const satisfies Record<string, CloudEndpoints>;

export type KnownCloudId = keyof typeof knownClouds;

/** One cloud as `{arm}/metadata/endpoints` describes it (2022-09-01 answers a list of these). */
const MetadataCloud = z.object({
  name: z.string().optional(),
  resourceManager: z.string().url().optional(),
  portal: z.string().optional(),
  authentication: z.object({
    loginEndpoint: z.string().url(),
    audiences: z.array(z.string()).min(1),
  }),
});
const MetadataAnswer = z.union([z.array(MetadataCloud).min(1), MetadataCloud]);

export const METADATA_API_VERSION = '2022-09-01';

export const metadataUrl = (armUrl: string) =>
  `${trimSlash(armUrl)}/metadata/endpoints?api-version=${METADATA_API_VERSION}`;

/**
 * Reads a custom cloud (Azure Stack, a private cloud, the local emulator) from what its ARM
 * endpoint publishes. Picks the entry whose `resourceManager` is the URL the user gave.
 */
export function cloudFromMetadata(armUrl: string, answer: unknown): CloudEndpoints {
  const parsed = MetadataAnswer.safeParse(answer);
  if (!parsed.success) {
    throw new AppError(
      'invalid-input',
      `${metadataUrl(armUrl)} did not describe a cloud (no authentication.loginEndpoint). Check the Resource Manager URL.`,
    );
  }
  const resourceManager = trimSlash(armUrl);
  const entries = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const entry =
    entries.find((e) => e.resourceManager && trimSlash(e.resourceManager) === resourceManager) ??
    entries[0];
  if (!entry) throw new AppError('invalid-input', 'The cloud metadata listed no cloud.');
  const audience = trimSlash(entry.authentication.audiences[0] ?? resourceManager);
  if (!entry.authentication.loginEndpoint.startsWith('https://')) {
    throw new AppError(
      'invalid-input',
      `${metadataUrl(armUrl)} names a sign-in endpoint that is not https (${entry.authentication.loginEndpoint}); Mooring will not send credentials there. Check the Resource Manager URL.`,
    );
  }
  return {
    id: 'Custom',
    displayName: entry.name ? `${entry.name} (custom)` : `Custom cloud at ${new URL(armUrl).host}`,
    resourceManager,
    authorityHost: trimSlash(entry.authentication.loginEndpoint),
    armScope: `${audience}/.default`,
    ...(entry.portal ? { portal: trimSlash(entry.portal) } : {}),
  };
}

/** A Resource Manager URL the user typed: https only, no credentials, no query or fragment. */
export function parseResourceManagerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new AppError(
      'invalid-input',
      `"${input}" is not a URL. Enter the Resource Manager URL, such as https://management.contoso.local.`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new AppError('invalid-input', 'The Resource Manager URL must start with https://.');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new AppError(
      'invalid-input',
      'The Resource Manager URL must not contain credentials, a query or a fragment.',
    );
  }
  return trimSlash(url.toString());
}
