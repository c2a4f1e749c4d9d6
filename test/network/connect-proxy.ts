import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import net from 'node:net';

/** What the test proxy saw: one entry per CONNECT request. */
export interface TunnelRecord {
  readonly target: string;
  readonly proxyAuthorization: string | undefined;
}

export interface TestProxy {
  /** `http://127.0.0.1:{port}`, or https:// for a TLS proxy */
  readonly url: string;
  readonly port: number;
  readonly tunnels: TunnelRecord[];
  close(): Promise<void>;
}

/**
 * A small HTTP CONNECT proxy on 127.0.0.1 for tests (plain, or over TLS). It tunnels only to 127.0.0.1 (anything else
 * is refused, so a test can never reach out), or answers every CONNECT with `refuseWith`.
 */
export async function startConnectProxy(
  options: {
    refuseWith?: { status: number; reason: string };
    /** Serve the proxy itself over TLS (an https:// proxy) with this certificate. */
    tls?: { cert: string; key: string };
  } = {},
): Promise<TestProxy> {
  const tunnels: TunnelRecord[] = [];
  const sockets = new Set<Socket>();
  const notAProxyRequest = (_request: http.IncomingMessage, response: http.ServerResponse) => {
    response.writeHead(405).end();
  };
  const server = options.tls
    ? https.createServer(options.tls, notAProxyRequest)
    : http.createServer(notAProxyRequest);
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (request: http.IncomingMessage, client: Socket, head: Buffer) => {
    const target = request.url ?? '';
    tunnels.push({ target, proxyAuthorization: request.headers['proxy-authorization'] });
    const match = /^(.+):(\d+)$/.exec(target);
    const refusal =
      options.refuseWith ??
      (match?.[1] !== '127.0.0.1' ? { status: 403, reason: 'Forbidden' } : undefined);
    if (refusal || !match) {
      const { status, reason } = refusal ?? { status: 400, reason: 'Bad Request' };
      client.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    const upstream = net.connect(Number(match[2]), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
