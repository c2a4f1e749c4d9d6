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

/**
 * Sign-in hosts of Microsoft's own clouds (public, US Government, China, and the retired
 * Germany cloud). A custom cloud naming one of them would have the user sign in to Microsoft and
 * receive tokens valid for Microsoft's Resource Manager, which Mooring would then hand to the
 * custom host: refused.
 */
export const PUBLIC_SIGN_IN_HOSTS: readonly string[] = [
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login.usgovcloudapi.net',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
  'login.microsoftonline.de',
];

/** Token audiences (and Resource Manager hosts) of Microsoft's own clouds; a custom cloud may not claim them. */
export const PUBLIC_ARM_AUDIENCE_HOSTS: readonly string[] = [
  'management.azure.com',
  'management.core.windows.net',
  'management.usgovcloudapi.net',
  'management.core.usgovcloudapi.net',
  'management.chinacloudapi.cn',
  'management.core.chinacloudapi.cn',
  'management.microsoftazure.de',
  'management.core.cloudapi.de',
];

/** True for a host that is, or is under, one of the names listed. */
function isOrUnder(host: string, names: readonly string[]): boolean {
  const bare = host.toLowerCase().replace(/\.$/, '');
  return names.some((name) => bare === name || bare.endsWith(`.${name}`));
}

/**
 * The identity a cloud's tokens are bound to: its Resource Manager host (and path, if any), lower
 * case, e.g. `management.azure.com`. Token caches, msal clients and account records are kept per
 * identity, so accounts signed in to one cloud are never used with another.
 */
export function cloudIdentity(cloud: Pick<CloudEndpoints, 'resourceManager'>): string {
  const url = new URL(cloud.resourceManager);
  return `${url.host}${url.pathname.replace(/\/+$/, '')}`.toLowerCase();
}

/**
 * Whether a sign-in request or page at this URL belongs to the cloud: Microsoft's clouds sign in
 * at any of Microsoft's sign-in hosts (msal moves between their aliases); a custom cloud only at
 * the sign-in host its own description named. https only.
 */
export function isSignInUrlOf(
  cloud: Pick<CloudEndpoints, 'id' | 'authorityHost'>,
  url: string,
): boolean {
  let target: URL;
  let own: URL;
  try {
    target = new URL(url);
    own = new URL(cloud.authorityHost);
  } catch {
    return false;
  }
  if (target.protocol !== 'https:' || target.username || target.password) return false;
  if (target.origin.toLowerCase() === own.origin.toLowerCase()) return true;
  return (
    cloud.id !== 'Custom' &&
    target.port === '' &&
    PUBLIC_SIGN_IN_HOSTS.includes(target.hostname.toLowerCase())
  );
}

/** One cloud as `{arm}/metadata/endpoints` describes it (2022-09-01 answers a list of these). */
const MetadataCloud = z.object({
  name: z.string().max(200).optional(),
  resourceManager: z.string().optional(),
  portal: z.string().optional(),
  authentication: z.object({
    loginEndpoint: z.string(),
    audiences: z.array(z.string()).min(1),
  }),
});
const MetadataAnswer = z.union([z.array(MetadataCloud).min(1), MetadataCloud]);

export const METADATA_API_VERSION = '2022-09-01';

export const metadataUrl = (armUrl: string) =>
  `${trimSlash(armUrl)}/metadata/endpoints?api-version=${METADATA_API_VERSION}`;

/** An https URL without credentials, query or fragment; undefined otherwise. */
function plainHttpsUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash)
      return undefined;
    return url;
  } catch {
    return undefined;
  }
}

/** What a refused description means, worded for the user; never repeats what the host sent. */
const refused = (armUrl: string, reason: string) =>
  new AppError(
    'invalid-input',
    `The cloud at ${new URL(armUrl).host} cannot be used: ${reason}. Check the Resource Manager URL, or choose Azure, Azure US Government or Azure China if you meant one of them.`,
  );

/**
 * Reads a custom cloud (Azure Stack, a private cloud, the local emulator) from what its ARM
 * endpoint publishes, and refuses a description that would send tokens where they do not
 * belong: an entry for another Resource Manager, a sign-in host or token audience of Microsoft's
 * own clouds, or anything not https. Error messages name the host the user chose, never the
 * answer's content.
 */
export function cloudFromMetadata(armUrl: string, answer: unknown): CloudEndpoints {
  const parsed = MetadataAnswer.safeParse(answer);
  if (!parsed.success) {
    throw refused(armUrl, 'its /metadata/endpoints answer does not describe a cloud');
  }
  const resourceManager = trimSlash(armUrl);
  const entries = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  // An entry that names no Resource Manager is taken as describing the one asked.
  const entry = entries.find(
    (e) =>
      e.resourceManager === undefined ||
      trimSlash(e.resourceManager).toLowerCase() === resourceManager.toLowerCase(),
  );
  if (!entry) {
    throw refused(armUrl, 'its description is for another Resource Manager');
  }
  const login = plainHttpsUrl(entry.authentication.loginEndpoint);
  if (!login) {
    throw refused(armUrl, 'its sign-in endpoint is not a plain https URL');
  }
  if (isOrUnder(login.hostname, PUBLIC_SIGN_IN_HOSTS)) {
    throw refused(
      armUrl,
      "it names Microsoft's own sign-in service, so your Azure tokens would be handed to it",
    );
  }
  const audienceText = entry.authentication.audiences[0] ?? resourceManager;
  const audience = plainHttpsUrl(audienceText);
  if (!audience) {
    throw refused(armUrl, 'its token audience is not a plain https URL');
  }
  if (isOrUnder(audience.hostname, PUBLIC_ARM_AUDIENCE_HOSTS)) {
    throw refused(
      armUrl,
      "it asks for tokens meant for Microsoft's own Resource Manager, which must never be sent to another host",
    );
  }
  const portal = entry.portal ? plainHttpsUrl(entry.portal) : undefined;
  return {
    id: 'Custom',
    displayName: entry.name ? `${entry.name} (custom)` : `Custom cloud at ${new URL(armUrl).host}`,
    resourceManager,
    authorityHost: trimSlash(login.toString()),
    armScope: `${trimSlash(audienceText)}/.default`,
    ...(portal ? { portal: trimSlash(portal.toString()) } : {}),
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
  if (isOrUnder(url.hostname, PUBLIC_ARM_AUDIENCE_HOSTS)) {
    throw new AppError(
      'invalid-input',
      `${url.host} is the Resource Manager of one of Microsoft's clouds, not a custom cloud; choose Azure, Azure US Government or Azure China as the cloud instead.`,
    );
  }
  return trimSlash(url.toString());
}
