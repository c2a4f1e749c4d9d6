import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, REPO_ROOT } from './host';
import type { BrowserHost } from './host';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/content-security-policy';
import { HandshakeRefused, connectIpc, rawGet, recordingLogger, secretOf } from './test-support';
import type { IpcTestClient } from './test-support';
import { scriptedConfirmer } from './system-stand-ins';
import { BRIDGE_SCRIPT_PATH } from './wire';

const packageVersion = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

// The renderer's real index.html (with its CSP) and two small assets, so these tests need no build.
let workDir: string;
let rendererDir: string;
let userDataDir: string;
let userDataDirs = 0;
const OUTSIDE_CONTENT = 'must never be served';

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'mooring-browser-host-'));
  rendererDir = path.join(workDir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  copyFileSync(
    path.join(REPO_ROOT, 'renderer', 'index.html'),
    path.join(rendererDir, 'index.html'),
  );
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app");\n');
  writeFileSync(path.join(rendererDir, 'assets', 'app.css'), 'body { margin: 0; }\n');
  writeFileSync(path.join(workDir, 'outside.txt'), OUTSIDE_CONTENT);
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const logger = recordingLogger();
let host: BrowserHost;
const clients: IpcTestClient[] = [];

/** Starts a host on a fresh user-data folder, or on the previous one to simulate a restart. */
const start = async ({ reuseUserData = false } = {}) => {
  if (!reuseUserData) userDataDir = path.join(workDir, `user-data-${++userDataDirs}`);
  host = await startBrowserHost({ userDataDir, rendererDir, logger });
  return host;
};

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await host?.close();
});

const connected = async (attempt?: Parameters<typeof connectIpc>[1]) => {
  const client = await connectIpc(host, attempt ?? { secret: secretOf(host) });
  clients.push(client);
  return client;
};

const refusalStatus = (attempt: Parameters<typeof connectIpc>[1]) =>
  connectIpc(host, attempt).then(
    (client) => {
      clients.push(client);
      return 'accepted';
    },
    (error: unknown) => (error instanceof HandshakeRefused ? error.status : error),
  );

describe('browser host: serving the renderer', () => {
  it('serves index.html with the stand-in before the app script and the CSP as a header', async () => {
    await start();
    const page = await rawGet(host, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const bridgeAt = page.body.indexOf(`<script src="${BRIDGE_SCRIPT_PATH}"></script>`);
    expect(bridgeAt).toBeGreaterThan(0);
    expect(bridgeAt).toBeLessThan(page.body.indexOf('<script type="module"'));
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#secret=[\w-]{43}$/);
  });

  it('serves files with their MIME types, the bundled stand-in, and 404 for the rest', async () => {
    await start();
    expect((await rawGet(host, '/assets/app.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await rawGet(host, '/assets/app.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    const standIn = await rawGet(host, BRIDGE_SCRIPT_PATH);
    expect(standIn.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(standIn.body).toContain('mooring-ipc.v1');
    expect((await rawGet(host, '/assets/missing.js')).status).toBe(404);
  });

  it.each([
    '/../outside.txt',
    '/assets/../../outside.txt',
    '/..%2foutside.txt',
    '/%2e%2e/outside.txt',
    '/..%5coutside.txt',
    '/%2e%2e%2f%2e%2e%2foutside.txt',
  ])('refuses the traversal %s', async (traversal) => {
    await start();
    const response = await rawGet(host, traversal);
    expect([400, 403]).toContain(response.status);
    expect(response.body).not.toContain(OUTSIDE_CONTENT);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    await start();
    const response = await rawGet(host, '/', { Host: 'attacker.example:80' });
    expect(response.status).toBe(403);
  });
});

describe('browser host: the IPC socket', () => {
  it('refuses a wrong or missing secret, and says so in its log without the secret', async () => {
    await start();
    expect(await refusalStatus({ secret: 'A'.repeat(43) })).toBe(401);
    expect(await refusalStatus({ secret: `${secretOf(host)}x` })).toBe(401);
    expect(await refusalStatus({})).toBe(401);
    expect(logger.lines.join('\n')).not.toContain(secretOf(host));
  });

  it('refuses any Origin but its own, even with the right secret', async () => {
    await start();
    const secret = secretOf(host);
    expect(await refusalStatus({ secret, origin: 'http://evil.example' })).toBe(403);
    expect(
      await refusalStatus({ secret, origin: host.origin.replace('127.0.0.1', 'localhost') }),
    ).toBe(403);
    expect(await refusalStatus({ secret, origin: null })).toBe(403);
  });

  it('answers a valid call through the same handler map as Electron', async () => {
    await start();
    const client = await connected();
    expect(client.socket.protocol).toBe('mooring-ipc.v1');
    expect(await client.invoke('app.getInfo', {})).toEqual({
      ok: true,
      value: {
        name: 'Mooring',
        version: packageVersion,
        databasePath: path.join(userDataDir, 'mooring.sqlite3'),
        platform: process.platform,
      },
    });
  });

  it('answers invalid input with invalid-input and unknown names with unknown-operation', async () => {
    await start();
    const client = await connected();
    const invalid = await client.invoke('settings.setTheme', { theme: 'purple' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const unknown = await client.invoke('cluster.delete', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
  });

  it('closes a socket that sends something other than a request', async () => {
    await start();
    const client = await connected();
    const closed = client.closed();
    client.socket.send('{"kind":"surprise"}');
    expect(await closed).toBe(1008);
  });

  it('pushes events to every connected page', async () => {
    await start();
    const [changer, watcher] = [await connected(), await connected()];
    expect(await changer.invoke('settings.setTheme', { theme: 'dark' })).toMatchObject({
      ok: true,
    });
    await watcher.eventsReceived(1);
    expect(watcher.events).toEqual([
      { kind: 'event', name: 'settings.changed', payload: { theme: 'dark' } },
    ]);
  });

  it('keeps settings in the user-data folder across a restart, with a new secret', async () => {
    await start();
    const firstSecret = secretOf(host);
    await (await connected()).invoke('settings.setTheme', { theme: 'high-contrast' });
    for (const client of clients.splice(0)) client.close();
    await host.close();

    await start({ reuseUserData: true });
    expect(secretOf(host)).not.toBe(firstSecret);
    expect(await refusalStatus({ secret: firstSecret })).toBe(401);
    expect(await (await connected()).invoke('settings.get', {})).toEqual({
      ok: true,
      value: { theme: 'high-contrast' },
    });
  });
});

describe('browser host: changes that weaken token protection', () => {
  it('are confirmed by the host’s stand-in for the native dialog, never by the page', async () => {
    const confirmer = scriptedConfirmer(false);
    userDataDir = path.join(workDir, `user-data-${++userDataDirs}`);
    host = await startBrowserHost({
      userDataDir,
      rendererDir,
      logger,
      confirmSecurityChange: confirmer,
    });
    const client = await connected();
    const refused = await client.invoke('connection.update', { proxy: { mode: 'none' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(confirmer.asked.map((request) => request.change)).toEqual([
      'Proxy: the system’s proxy settings → no proxy',
    ]);
    const view = await client.invoke('connection.get', {});
    expect(view).toMatchObject({ ok: true, value: { settings: { proxy: { mode: 'system' } } } });
  });

  it('show the token-storage switch as not applying: the host has no way to encrypt', async () => {
    const client = await (await start(), connected());
    const view = await client.invoke('connection.get', {});
    expect(view).toMatchObject({ ok: true, value: { tokenOptIn: 'unavailable' } });
  });
});
