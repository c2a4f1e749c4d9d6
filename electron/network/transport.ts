import https from 'node:https';
import tls from 'node:tls';
import type { ProxySetting } from '../../shared/domain/connection';
import { trustedCertificates } from './ca-certificates';
import { NetworkProblem } from './network-errors';
import { checkProxyUrl, DIRECT, parsePacAnswer, type ProxyRoute } from './proxy-route';
import { ProxyTunnelAgent } from './proxy-tunnel';

/** Answers the system's proxy for a URL in PAC form (`PROXY host:port; DIRECT`), or null for none. */
export type SystemProxyResolver = (url: string) => Promise<string | null>;

export interface NetworkTransportOptions {
  readonly proxy: ProxySetting;
  /** Extra CA certificates (PEM) trusted beside Node's own. */
  readonly extraCaPems: readonly string[];
  readonly resolveSystemProxy: SystemProxyResolver;
  /** How long a proxy may take to open a tunnel; default 30 s. */
  readonly proxyConnectTimeoutMs?: number;
}

/**
 * The one place that decides how Mooring reaches a server: which agent (direct or through which
 * proxy) and which CAs to trust. Both sign-in (msal) and ARM clients take their agents here, so
 * they can never disagree about the proxy or the trusted certificates.
 */
export interface NetworkTransport {
  /** The agent for a request to this https URL, honouring the proxy setting. */
  agentFor(url: string): Promise<https.Agent>;
  /** The route a request to this URL takes (for logs and tests). */
  routeFor(url: string): Promise<ProxyRoute>;
}

/**
 * Connections kept open to one server (Resource Manager, say). HTTP/1.1 carries one request per
 * connection at a time, so this is how many requests are in flight at once: enough for a refresh
 * of many subscriptions, each a few reads wide, without a new TLS handshake for each burst; more
 * requests wait in the pool's queue for a connection, never for a new one.
 */
export const SOCKETS_PER_SERVER = 64;

export function createNetworkTransport(options: NetworkTransportOptions): NetworkTransport {
  const ca = trustedCertificates(options.extraCaPems);
  // One TLS context for every connection, given as `secureContext` and not as `ca`: with `ca`
  // Node builds a new context (parsing every trusted certificate) for each connection it opens,
  // and writes the whole bundle into the pool's key for each request it sends.
  const agentOptions: https.AgentOptions = {
    keepAlive: true,
    maxSockets: SOCKETS_PER_SERVER,
    ...(ca ? { secureContext: tls.createSecureContext({ ca }) } : {}),
  };
  const direct = new https.Agent(agentOptions);
  // Keyed by the full proxy URL (credentials included): held in memory only, never logged.
  const proxied = new Map<string, https.Agent>();
  const manual = manualProxy(options.proxy);

  const routeFor = async (url: string): Promise<ProxyRoute> => {
    switch (options.proxy.mode) {
      case 'none':
        return DIRECT;
      case 'manual':
        return manual ?? DIRECT;
      case 'system':
        return parsePacAnswer((await options.resolveSystemProxy(url)) ?? 'DIRECT');
    }
  };

  return {
    routeFor,
    async agentFor(url) {
      const route = await routeFor(url);
      if (route.kind === 'direct') return direct;
      let agent = proxied.get(route.url.href);
      if (!agent) {
        agent = new ProxyTunnelAgent(
          { proxy: route.url, ca, connectTimeoutMs: options.proxyConnectTimeoutMs ?? 30_000 },
          agentOptions,
        );
        proxied.set(route.url.href, agent);
      }
      return agent;
    },
  };
}

function manualProxy(proxy: ProxySetting): ProxyRoute | undefined {
  if (proxy.mode !== 'manual') return undefined;
  const checked = checkProxyUrl(proxy.url);
  // Settings are validated before they are saved; a value that still fails here came from an
  // older version or a hand-edited database, and must not silently become a direct connection.
  if ('problem' in checked) {
    throw new NetworkProblem(
      'PROXY_UNSUPPORTED',
      `The proxy URL in the settings cannot be used: ${checked.problem}. Correct it under Settings > Proxy.`,
    );
  }
  return { kind: 'proxy', url: checked.url };
}
