/**
 * The only places Mooring hands to the system browser. Each entry is an exact host (no
 * subdomains: `login.microsoftonline.com.evil.com` must not pass) and, where the host serves far
 * more than we need, the exact paths allowed on it.
 */
interface AllowedDestination {
  readonly host: string;
  /** When present, the URL's path must equal one of these (case-insensitive). */
  readonly paths?: readonly string[];
}

export const ALLOWED_EXTERNAL_DESTINATIONS: readonly AllowedDestination[] = [
  // Microsoft Entra ID sign-in: public cloud, US Government, China (21Vianet).
  { host: 'login.microsoftonline.com' },
  { host: 'login.microsoftonline.us' },
  { host: 'login.chinacloudapi.cn' },
  // The device-code pages Entra ID names in its sign-in prompt. microsoft.com serves everything
  // else too, so only these paths. (aka.ms is a general redirector and is deliberately absent.)
  { host: 'microsoft.com', paths: ['/devicelogin', '/deviceloginus', '/deviceloginchina'] },
  { host: 'login.microsoft.com', paths: ['/device'] },
  // The Azure portals and Azure ML studio.
  { host: 'portal.azure.com' },
  { host: 'portal.azure.us' },
  { host: 'portal.azure.cn' },
  { host: 'ml.azure.com' },
  // Documentation.
  { host: 'learn.microsoft.com' },
];

/**
 * Normalises `url` and answers it if the system browser may open it, otherwise null.
 * Rules: https only, no user-info (`https://login.microsoftonline.com@evil.com` has host
 * evil.com anyway, but `https://user@portal.azure.com` is refused too), default port only,
 * exact host match. The normalised string is what callers must open, so that what was checked
 * is exactly what is opened.
 */
export function toAllowedExternalUrl(
  url: unknown,
  extraSignInHosts: readonly string[] = [],
): string | null {
  if (typeof url !== 'string' || url.length > 8192) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  // A custom cloud's sign-in host (Azure Stack, a private cloud), exactly as its metadata named
  // it — port included, since such hosts may not listen on 443.
  if (extraSignInHosts.includes(parsed.host)) return parsed.href;
  if (parsed.port !== '') return null;
  const destination = ALLOWED_EXTERNAL_DESTINATIONS.find((d) => d.host === parsed.hostname);
  if (!destination) return null;
  if (destination.paths) {
    const pathname = parsed.pathname.replace(/\/$/, '').toLowerCase();
    if (!destination.paths.includes(pathname)) return null;
  }
  return parsed.href;
}

export function isAllowedExternalUrl(
  url: unknown,
  extraSignInHosts: readonly string[] = [],
): boolean {
  return toAllowedExternalUrl(url, extraSignInHosts) !== null;
}

/** What the shell gives us to reach the system browser (Electron's `shell.openExternal`). */
export type ExternalOpener = (url: string) => Promise<void>;

/**
 * The one road to the system browser. Answers whether the URL was handed over; a refused URL is
 * never passed to `open`.
 */
export function openExternalIfAllowed(
  url: unknown,
  open: ExternalOpener,
  onOpenFailed: (error: unknown) => void = () => {},
): boolean {
  const allowed = toAllowedExternalUrl(url);
  if (allowed === null) return false;
  // The OS may fail to start a browser; nothing in the app waits on it, so it is only reported.
  open(allowed).catch(onOpenFailed);
  return true;
}
