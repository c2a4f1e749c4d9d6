import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createKubernetesClientFactory } from '../../electron/preflight/kubernetes-client';
import { createTrustedHosts } from '../../electron/network/trusted-hosts';

/** A TCP listener that records whether anything connected: proof that no request left. */
async function listener(): Promise<{ port: number; connections: () => number; close: () => void }> {
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, connections: () => connections, close: () => server.close() };
}

describe('a Kubernetes API server gets a token only where the bearer-host rule allows', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it('refuses to send a token to a server the configured cloud did not name, before connecting', async () => {
    const server = await listener();
    close = server.close;
    const trusted = createTrustedHosts('https://management.azure.com');
    const client = createKubernetesClientFactory({ mayCarryToken: (url) => trusted.allows(url) })({
      server: new URL(`https://127.0.0.1:${server.port}`),
      caPem: '',
      clientCertificate: null,
    });
    await expect(client.getNamespace('default', 'token-value')).rejects.toMatchObject({
      code: 'unavailable',
      details: { code: 'TokenHostRefused' },
    });
    expect(server.connections()).toBe(0);
  });

  it('sends nothing with a token when no rule is given at all', async () => {
    const server = await listener();
    close = server.close;
    const client = createKubernetesClientFactory()({
      server: new URL(`https://127.0.0.1:${server.port}`),
      caPem: '',
      clientCertificate: null,
    });
    await expect(client.getNamespace('default', 'token-value')).rejects.toMatchObject({
      details: { code: 'TokenHostRefused' },
    });
    expect(server.connections()).toBe(0);
  });
});
