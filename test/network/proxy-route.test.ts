import { describe, expect, it } from 'vitest';
import {
  checkProxyUrl,
  describeProxy,
  environmentProxyResolver,
  parsePacAnswer,
} from '../../electron/network/proxy-route';

describe('reading a PAC-style system proxy answer', () => {
  it('takes the first proxy of "PROXY host:port; DIRECT"', () => {
    const route = parsePacAnswer('PROXY proxy.contoso.com:8080; DIRECT');
    expect(route.kind === 'proxy' && route.url.href).toBe('http://proxy.contoso.com:8080/');
  });

  it('answers a direct connection for DIRECT or an empty answer', () => {
    expect(parsePacAnswer('DIRECT')).toEqual({ kind: 'direct' });
    expect(parsePacAnswer('')).toEqual({ kind: 'direct' });
  });

  it('reads an HTTPS entry as a TLS proxy', () => {
    const route = parsePacAnswer('HTTPS secure-proxy.contoso.com:443');
    expect(route.kind === 'proxy' && route.url.protocol).toBe('https:');
  });

  it('skips SOCKS entries it cannot use and takes the next one', () => {
    const route = parsePacAnswer('SOCKS5 socks.contoso.com:1080; PROXY proxy.contoso.com:3128');
    expect(route.kind === 'proxy' && route.url.host).toBe('proxy.contoso.com:3128');
  });

  it('refuses, with what to do, an answer that offers only SOCKS proxies', () => {
    expect(() => parsePacAnswer('SOCKS5 socks.contoso.com:1080')).toThrow(
      /only proxies Mooring cannot use.*Settings > Proxy/,
    );
  });
});

describe('checking a manual proxy URL', () => {
  it('accepts http(s)://host:port with optional credentials', () => {
    expect('url' in checkProxyUrl('http://proxy.contoso.com:8080')).toBe(true);
    expect('url' in checkProxyUrl('https://user:p%40ss@proxy.contoso.com:443')).toBe(true);
  });

  it.each([
    ['proxy.contoso.com:8080', /must start with http:\/\/ or https:\/\//],
    ['socks5://proxy.contoso.com:1080', /socks5 proxies are not supported/],
    ['http://proxy.contoso.com:8080/path', /must end after the port/],
  ])('refuses %s saying why', (input, reason) => {
    const checked = checkProxyUrl(input);
    expect('problem' in checked && checked.problem).toMatch(reason);
  });

  it('describes a proxy for logs without its credentials', () => {
    expect(describeProxy(new URL('http://alice:s3cret@proxy.contoso.com:8080'))).toBe(
      'http://proxy.contoso.com:8080',
    );
  });
});

describe('the environment as the system proxy (no Electron session)', () => {
  it('answers HTTPS_PROXY for https URLs', async () => {
    const resolve = environmentProxyResolver({ HTTPS_PROXY: 'http://proxy.contoso.com:3128' });
    expect(await resolve('https://management.azure.com/tenants')).toBe(
      'PROXY proxy.contoso.com:3128',
    );
  });

  it('goes direct for hosts listed in NO_PROXY, by suffix and port', async () => {
    const resolve = environmentProxyResolver({
      HTTPS_PROXY: 'proxy.contoso.com:3128',
      NO_PROXY: '.contoso.local, 127.0.0.1, example.org:8443',
    });
    expect(await resolve('https://arm.contoso.local/')).toBe('DIRECT');
    expect(await resolve('https://127.0.0.1:9443/')).toBe('DIRECT');
    expect(await resolve('https://example.org:8443/')).toBe('DIRECT');
    expect(await resolve('https://example.org/')).toBe('PROXY proxy.contoso.com:3128');
  });

  it('matches IPv6 entries of NO_PROXY, bare or with a port', async () => {
    const resolve = environmentProxyResolver({
      HTTPS_PROXY: 'http://proxy.contoso.com:3128',
      NO_PROXY: '::1,[fd00::5]:8443',
    });
    expect(await resolve('https://[::1]:9443/')).toBe('DIRECT');
    expect(await resolve('https://[fd00::5]:8443/')).toBe('DIRECT');
    expect(await resolve('https://[fd00::5]/')).toBe('PROXY proxy.contoso.com:3128');
  });

  it('goes direct when no proxy variable is set', async () => {
    expect(await environmentProxyResolver({})('https://management.azure.com/')).toBe('DIRECT');
  });
});
