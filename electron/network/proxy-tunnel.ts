import type { ClientRequestArgs } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { NetworkProblem } from './network-errors';
import { describeProxy } from './proxy-route';

export interface TunnelOptions {
  /** The proxy, with optional `user:password@` credentials. */
  readonly proxy: URL;
  /** CAs trusted for an https:// proxy's own certificate and for the servers behind it. */
  readonly ca: string[] | undefined;
  /** How long the proxy may take to establish a tunnel. */
  readonly connectTimeoutMs: number;
}

const bareHost = (host: string) => host.replace(/^\[|\]$/g, '');
const authority = (host: string, port: number) =>
  `${net.isIPv6(bareHost(host)) ? `[${bareHost(host)}]` : host}:${port}`;

function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username && !proxy.password) return undefined;
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
}

/** Connects to the proxy itself: plain TCP for http://, TLS for https:// proxies. */
function connectToProxy(options: TunnelOptions): { socket: net.Socket; ready: string } {
  const { proxy } = options;
  const host = bareHost(proxy.hostname);
  if (proxy.protocol === 'https:') {
    const port = Number(proxy.port || 443);
    const socket = tls.connect({
      host,
      port,
      ...(net.isIP(host) ? {} : { servername: host }),
      ...(options.ca ? { ca: options.ca } : {}),
    });
    return { socket, ready: 'secureConnect' };
  }
  return { socket: net.connect({ host, port: Number(proxy.port || 80) }), ready: 'connect' };
}

/**
 * Opens an HTTP CONNECT tunnel to `host:port` through the proxy. Resolves with the raw socket
 * once the proxy answers 200; any other answer, a timeout or a connection failure rejects with a
 * NetworkProblem saying which proxy failed and what to do (credentials are never in it).
 */
export function openTunnel(
  options: TunnelOptions,
  host: string,
  port: number,
): Promise<net.Socket> {
  const where = describeProxy(options.proxy);
  const target = authority(host, port);
  return new Promise((resolve, reject) => {
    const { socket, ready } = connectToProxy(options);
    let received = Buffer.alloc(0);
    const fail = (error: NetworkProblem) => {
      cleanUp();
      socket.destroy();
      reject(error);
    };
    const onError = (error: Error) =>
      fail(
        new NetworkProblem(
          'PROXY_UNREACHABLE',
          `The proxy ${where} could not be reached (${(error as NodeJS.ErrnoException).code ?? error.message}). Check the proxy under Settings > Proxy, or ask your network administrator.`,
          { cause: error },
        ),
      );
    const onClose = () =>
      fail(
        new NetworkProblem(
          'PROXY_REFUSED',
          `The proxy ${where} closed the connection instead of opening a tunnel to ${target}. Check the proxy under Settings > Proxy, or ask your network administrator.`,
        ),
      );
    const onTimeout = () =>
      fail(
        new NetworkProblem(
          'PROXY_TIMEOUT',
          `The proxy ${where} did not open a tunnel to ${target} within ${Math.round(options.connectTimeoutMs / 1000)} s. Check the proxy under Settings > Proxy, or try again later.`,
        ),
      );
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) {
        if (received.length > 64 * 1024) onClose();
        return;
      }
      const statusLine = received.subarray(0, received.indexOf('\r\n')).toString('latin1');
      const status = /^HTTP\/\d(?:\.\d)? (\d{3})\s*(.*)$/.exec(statusLine);
      const code = Number(status?.[1] ?? 0);
      if (code === 200) {
        cleanUp();
        socket.setTimeout(0);
        const rest = received.subarray(end + 4);
        if (rest.length > 0) socket.unshift(rest);
        resolve(socket);
        return;
      }
      const answer = status
        ? `HTTP ${code} ${status[2] ?? ''}`.trim()
        : 'an answer that is not HTTP';
      fail(
        code === 407
          ? new NetworkProblem(
              'PROXY_AUTH_REQUIRED',
              `The proxy ${where} asks for credentials (${answer}). Enter the proxy URL with user name and password (http://user:password@host:port) under Settings > Proxy.`,
            )
          : new NetworkProblem(
              'PROXY_REFUSED',
              `The proxy ${where} refused to connect to ${target} (${answer}). Check the proxy under Settings > Proxy, or ask your network administrator to allow ${target}.`,
            ),
      );
    };
    const cleanUp = () => {
      socket.off('error', onError);
      socket.off('close', onClose);
      socket.off('timeout', onTimeout);
      socket.off('data', onData);
    };
    socket.on('error', onError);
    socket.on('close', onClose);
    socket.on('timeout', onTimeout);
    socket.setTimeout(options.connectTimeoutMs);
    socket.once(ready, () => {
      const auth = proxyAuthorization(options.proxy);
      socket.on('data', onData);
      socket.write(
        `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n` +
          (auth ? `Proxy-Authorization: ${auth}\r\n` : '') +
          '\r\n',
      );
    });
  });
}

/**
 * An https Agent whose connections run through a CONNECT tunnel. TLS to the target server is
 * negotiated inside the tunnel with the request's own options (so `ca`, `servername` and the
 * host-name check apply to the target, not the proxy). Keep-alive pools tunnels per target.
 */
export class ProxyTunnelAgent extends https.Agent {
  constructor(
    private readonly tunnel: TunnelOptions,
    agentOptions: https.AgentOptions,
  ) {
    super(agentOptions);
  }

  override createConnection(
    options: ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    // Node hands an https Agent the merged TLS connection options of the request (host, port,
    // servername, ca...); the declared type is the narrower ClientRequestArgs.
    const connection = options as tls.ConnectionOptions & { host?: string; port?: number };
    const host = connection.host ?? 'localhost';
    const port = Number(connection.port ?? 443);
    openTunnel(this.tunnel, host, port).then(
      (socket) => callback?.(null, tls.connect({ ...connection, socket })),
      // Node's agent expects no stream with an error; the declared callback type has no such case.
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}
