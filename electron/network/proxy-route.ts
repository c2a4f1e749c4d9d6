import { NetworkProblem } from './network-errors';

/** How one request reaches its server: straight, or tunnelled through an HTTP(S) proxy. */
export type ProxyRoute =
  { readonly kind: 'direct' } | { readonly kind: 'proxy'; readonly url: URL };

export const DIRECT: ProxyRoute = { kind: 'direct' };

/**
 * Checks a proxy URL as a user or administrator typed it: `http://host:port` or
 * `https://host:port`, optionally with `user:password@`, nothing after the port. Answers the
 * parsed URL or what is wrong with it (never echoing the password).
 */
export function checkProxyUrl(input: string): { url: URL } | { problem: string } {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim())) {
    return { problem: 'it must start with http:// or https:// (as in http://host:port)' };
  }
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { problem: 'it is not a URL; enter it as http://host:port' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      problem: `${url.protocol.replace(/:$/, '')} proxies are not supported; use http://host:port or https://host:port`,
    };
  }
  if (!url.hostname) return { problem: 'it names no host; enter it as http://host:port' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return { problem: 'it must end after the port (no path, query or fragment)' };
  }
  return { url };
}

/** A proxy URL fit for logs and messages: scheme, host and port only, never the credentials. */
export function describeProxy(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/**
 * Reads the answer of a PAC-style resolver (Electron's `session.resolveProxy`):
 * `"PROXY host:port; HTTPS host:port; DIRECT"`. Takes the first entry Mooring can use; SOCKS
 * entries are skipped (tunnelling is done with HTTP CONNECT only). An answer with entries but
 * none usable is an error rather than a silent direct connection, which the network would refuse
 * anyway in an environment that mandates a SOCKS proxy.
 */
export function parsePacAnswer(answer: string): ProxyRoute {
  const entries = answer
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) return DIRECT;
  for (const entry of entries) {
    const [keyword = '', hostPort = ''] = entry.split(/\s+/);
    switch (keyword.toUpperCase()) {
      case 'DIRECT':
        return DIRECT;
      case 'PROXY':
        if (hostPort) return { kind: 'proxy', url: new URL(`http://${hostPort}`) };
        break;
      case 'HTTPS':
        if (hostPort) return { kind: 'proxy', url: new URL(`https://${hostPort}`) };
        break;
      default:
        break; // SOCKS, SOCKS4, SOCKS5, QUIC: not supported, try the next entry
    }
  }
  throw new NetworkProblem(
    'PROXY_UNSUPPORTED',
    `The system proxy configuration offers only proxies Mooring cannot use (${entries.join('; ')}). Set an HTTP proxy under Settings > Proxy, or ask your network administrator.`,
  );
}

/** The environment variables a command-line tool would honour, as a PAC-style resolver. */
export function environmentProxyResolver(
  env: NodeJS.ProcessEnv = process.env,
): (url: string) => Promise<string | null> {
  const pick = (...names: string[]) =>
    names.map((name) => env[name]).find((value) => value !== undefined && value.trim() !== '');
  return async (target) => {
    const url = new URL(target);
    const proxy =
      url.protocol === 'https:'
        ? pick('HTTPS_PROXY', 'https_proxy')
        : pick('HTTP_PROXY', 'http_proxy');
    if (!proxy || bypassedByNoProxy(url, pick('NO_PROXY', 'no_proxy') ?? '')) return 'DIRECT';
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
    const parsed = new URL(withScheme);
    // Credentials in the variable cannot be expressed in a PAC answer; keep the host only.
    return `${parsed.protocol === 'https:' ? 'HTTPS' : 'PROXY'} ${parsed.host}`;
  };
}

/** NO_PROXY as curl reads it: `*`, or host names / domain suffixes, each with an optional port. */
function bypassedByNoProxy(url: URL, noProxy: string): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[\s,]+/)
    .filter((entry) => entry.length > 0)
    .some((entry) => {
      if (entry === '*') return true;
      const lower = entry.toLowerCase();
      // A bare IPv6 address ("::1") has colons but no port; "[::1]:8443" and "host:8443" have one.
      const bareIpv6 = !lower.startsWith('[') && lower.split(':').length > 2;
      const match = bareIpv6 ? undefined : /^(.*?)(?::(\d+))?$/.exec(lower);
      const name = (match ? (match[1] ?? '') : lower).replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
      const entryPort = match?.[2];
      if (entryPort && entryPort !== port) return false;
      return host === name || host.endsWith(`.${name}`);
    });
}
