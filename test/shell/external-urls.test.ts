import { describe, expect, it, vi } from 'vitest';
import {
  isAllowedExternalUrl,
  openExternalIfAllowed,
  toAllowedExternalUrl,
} from '../../electron/security/external-urls';
import { DOCUMENTATION_URL } from '../../electron/shell/menu-template';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=x',
    'https://login.microsoftonline.us/common/oauth2/v2.0/devicecode',
    'https://login.chinacloudapi.cn/common',
    'https://microsoft.com/devicelogin',
    'https://microsoft.com/deviceloginus',
    'https://login.microsoft.com/device',
    'https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/0000/overview',
    'https://portal.azure.us/',
    'https://portal.azure.cn/',
    'https://ml.azure.com/compute/list?wsid=/subscriptions/x',
    'https://learn.microsoft.com/azure/machine-learning/how-to-attach-kubernetes-anywhere',
    'HTTPS://PORTAL.AZURE.COM/',
    DOCUMENTATION_URL,
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['plain http', 'http://portal.azure.com/'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['our own scheme', 'mooring://app/index.html'],
    ['an unknown host', 'https://evil.com/'],
    ['a lookalike suffix', 'https://login.microsoftonline.com.evil.com/'],
    ['a lookalike prefix', 'https://evil-login.microsoftonline.com/'],
    ['a subdomain of an allowed host', 'https://x.portal.azure.com/'],
    ['the allowed host in the path', 'https://evil.com/login.microsoftonline.com'],
    ['the allowed host in the query', 'https://evil.com/?next=https://portal.azure.com'],
    ['user-info pointing elsewhere', 'https://login.microsoftonline.com@evil.com/'],
    ['user-info on an allowed host', 'https://user:pass@portal.azure.com/'],
    ['a backslash trick', 'https://evil.com\\@login.microsoftonline.com/'],
    ['an odd port', 'https://portal.azure.com:8443/'],
    ['a trailing-dot host', 'https://portal.azure.com./'],
    ['microsoft.com outside the device-login paths', 'https://microsoft.com/en-us/store'],
    ['www.microsoft.com', 'https://www.microsoft.com/devicelogin'],
    ['aka.ms (a general redirector)', 'https://aka.ms/devicelogin'],
    ['an empty string', ''],
    ['not a URL', 'portal.azure.com'],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isAllowedExternalUrl(undefined)).toBe(false);
    expect(isAllowedExternalUrl({ href: 'https://portal.azure.com/' })).toBe(false);
  });

  it('answers the normalised URL, which is what gets opened', () => {
    expect(toAllowedExternalUrl('HTTPS://Portal.Azure.com:443/x')).toBe(
      'https://portal.azure.com/x',
    );
  });
});

describe("a custom cloud's sign-in host", () => {
  const hosts = ['login.stack.contoso.local', '127.0.0.1:8443'];

  it('is allowed exactly as configured, port included', () => {
    expect(isAllowedExternalUrl('https://login.stack.contoso.local/tenant/oauth2', hosts)).toBe(
      true,
    );
    expect(isAllowedExternalUrl('https://127.0.0.1:8443/tenant/oauth2/v2.0/authorize', hosts)).toBe(
      true,
    );
  });

  it('does not widen the rules for anything else', () => {
    expect(isAllowedExternalUrl('http://login.stack.contoso.local/', hosts)).toBe(false);
    expect(isAllowedExternalUrl('https://127.0.0.1:9999/', hosts)).toBe(false);
    expect(isAllowedExternalUrl('https://evil.stack.contoso.local/', hosts)).toBe(false);
    expect(isAllowedExternalUrl('https://user@login.stack.contoso.local/', hosts)).toBe(false);
    expect(isAllowedExternalUrl('https://login.stack.contoso.local/')).toBe(false);
  });
});

describe('openExternalIfAllowed', () => {
  it('hands allowlisted URLs to the opener and nothing else', () => {
    const open = vi.fn(() => Promise.resolve());
    expect(openExternalIfAllowed('https://portal.azure.com/', open)).toBe(true);
    expect(openExternalIfAllowed('http://portal.azure.com/', open)).toBe(false);
    expect(openExternalIfAllowed('https://evil.com/', open)).toBe(false);
    expect(open.mock.calls).toEqual([['https://portal.azure.com/']]);
  });

  it('reports an opener failure instead of throwing', async () => {
    const failure = new Error('no browser');
    const onFailed = vi.fn();
    openExternalIfAllowed('https://ml.azure.com/', () => Promise.reject(failure), onFailed);
    await vi.waitFor(() => expect(onFailed).toHaveBeenCalledWith(failure));
  });
});
