import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAppRequestHandler,
  mimeTypeFor,
  resolveAppPath,
} from '../../electron/security/app-protocol';
import {
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
} from '../../electron/security/content-security-policy';

let base: string;
let root: string;
let handle: (request: Request) => Promise<Response>;

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-protocol-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Mooring</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1);');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'assets', 'font.woff2'), Buffer.from([1, 2, 3]));
  fs.writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  fs.writeFileSync(path.join(root, 'assets', 'data.bin'), 'x');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'outside the renderer');
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  handle = createAppRequestHandler({ rootDir: root });
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe('the mooring:// protocol handler', () => {
  it('serves index.html for the root with our CSP header and the HTML type', async () => {
    for (const url of ['mooring://app/', 'mooring://app/index.html']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<title>Mooring</title>');
    }
  });

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1);'],
    ['assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
    ['assets/logo.svg', 'image/svg+xml', '<svg/>'],
    ['assets/data.bin', 'application/octet-stream', 'x'],
  ])('serves %s as %s', async (file, type, body) => {
    const response = await get(`mooring://app/${file}?v=1#x`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe(body);
  });

  it('knows the font and image types', () => {
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a.PNG')).toBe('image/png');
    expect(mimeTypeFor('a.json')).toBe('application/json; charset=utf-8');
  });

  it.each([
    'mooring://app/../secret.txt',
    'mooring://app/assets/../../secret.txt',
    'mooring://app/%2e%2e/secret.txt',
    'mooring://app/..%2fsecret.txt',
    'mooring://app/assets%2f..%2f..%2fsecret.txt',
    'mooring://app/..%5csecret.txt',
    'mooring://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
  ])('never serves a file outside the renderer folder: %s', async (url) => {
    const response = await get(url);
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain('outside the renderer');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('does not follow a symbolic link out of the folder', async () => {
    const response = await get('mooring://app/assets/link.txt');
    expect(response.status).toBe(404);
  });

  it('refuses decoded traversal before touching the disk', () => {
    expect(resolveAppPath(root, 'mooring://app/..%2f..%2fetc%2fpasswd')).toEqual({
      kind: 'refused',
      status: 403,
    });
    expect(resolveAppPath(root, 'mooring://app/a%00.js')).toEqual({ kind: 'refused', status: 403 });
  });

  it('answers 404 for missing files, folders and other hosts', async () => {
    expect((await get('mooring://app/missing.js')).status).toBe(404);
    expect((await get('mooring://app/assets')).status).toBe(404);
    expect((await get('mooring://evil/index.html')).status).toBe(404);
  });

  it('is read-only', async () => {
    expect((await get('mooring://app/index.html', 'POST')).status).toBe(405);
    const head = await get('mooring://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('the Content-Security-Policy', () => {
  it('is the policy of the meta tag in renderer/index.html, plus header-only directives', () => {
    const html = fs.readFileSync(
      path.resolve(import.meta.dirname, '../../renderer/index.html'),
      'utf8',
    );
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY);
  });

  it('allows no remote code, frames, plugins or form posts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
