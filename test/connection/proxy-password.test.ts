import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../shared/domain/connection';
import { openDatabase } from '../../electron/store/database';
import { testEncryptor } from '../support/test-encryptor';
import { connectionService, failureOf, temporaryFolder, type ServiceUnderTest } from './harness';

let folder: ReturnType<typeof temporaryFolder>;
const open: ServiceUnderTest[] = [];

beforeEach(() => {
  folder = temporaryFolder();
});
afterEach(() => {
  for (const instance of open.splice(0)) instance.close();
  folder.remove();
});

function service(options?: Parameters<typeof connectionService>[1]) {
  const instance = connectionService(folder.path, options);
  open.push(instance);
  return instance;
}

function restart(instance: ServiceUnderTest, options?: Parameters<typeof connectionService>[1]) {
  instance.close();
  open.splice(open.indexOf(instance), 1);
  return service(options);
}

const PASSWORD = 'Pa55-w0rd-xyzzy';
const withPassword = `http://alice:${PASSWORD}@proxy.contoso.com:3128`;
const withoutPassword = 'http://alice@proxy.contoso.com:3128';
const manual = (url: string) => ({ proxy: { mode: 'manual' as const, url } });

/** Every byte Mooring's database keeps on disk (the file and its write-ahead log). */
function databaseBytes(): string {
  return fs
    .readdirSync(folder.path)
    .filter((name) => name.startsWith('mooring.db'))
    .map((name) => fs.readFileSync(path.join(folder.path, name)).toString('latin1'))
    .join('\n');
}

/** The settings table as text, read with a connection of its own. */
function settingsRows(): string {
  const database = openDatabase({ path: path.join(folder.path, 'mooring.db') });
  try {
    return JSON.stringify(database.prepare('SELECT key, value_json FROM settings').all());
  } finally {
    database.close();
  }
}

const expectNoPassword = (views: ConnectionView[]) => {
  for (const view of views) {
    expect(JSON.stringify(view)).not.toContain(PASSWORD);
    expect(JSON.stringify(view)).not.toContain(encodeURIComponent(PASSWORD));
  }
};

describe('a manual proxy password', () => {
  it('is kept encrypted where the OS protects it, never in the settings or the view', async () => {
    const instance = service({ encryptor: testEncryptor('os') });
    const view = await instance.service.update(manual(withPassword));

    expect(view.settings.proxy).toEqual({ mode: 'manual', url: withoutPassword });
    expect(view.proxyPassword).toBe('encrypted');
    expect((await instance.service.view()).proxyPassword).toBe('encrypted');
    expectNoPassword([view, await instance.service.view(), ...instance.changes]);
    expect(instance.service.effectiveSettings().proxy).toEqual({
      mode: 'manual',
      url: withoutPassword,
    });
    expect(settingsRows()).toContain('connection.proxyPassword');
    expect(settingsRows()).not.toContain(PASSWORD);
    expect(databaseBytes()).not.toContain(PASSWORD);
    expect(instance.logText()).not.toContain(PASSWORD);
  });

  it('survives a restart with the same encryptor', async () => {
    const encryptor = testEncryptor('os');
    const first = service({ encryptor });
    await first.service.update(manual(withPassword));
    const second = restart(first, { encryptor });

    const view = await second.service.view();
    expect(view.proxyPassword).toBe('encrypted');
    expect(view.settings.proxy).toEqual({ mode: 'manual', url: withoutPassword });
  });

  it('is kept in memory only where nothing protects it, and the view says so', async () => {
    for (const options of [{}, { encryptor: testEncryptor('none') }]) {
      const instance = service(options);
      const view = await instance.service.update(manual(withPassword));
      expect(view.proxyPassword).toBe('memory');
      expectNoPassword([view, ...instance.changes]);
      expect(settingsRows()).not.toContain(PASSWORD);
      expect(databaseBytes()).not.toContain(PASSWORD);

      // After a restart it is gone: the user name stays, the password must be entered again.
      const restarted = restart(instance, options);
      const after = await restarted.service.view();
      expect(after.proxyPassword).toBeNull();
      expect(after.settings.proxy).toEqual({ mode: 'manual', url: withoutPassword });
      await restarted.service.update({ proxy: { mode: 'system' } });
      restarted.close();
      open.splice(open.indexOf(restarted), 1);
    }
  });

  it('is encrypted without OS protection only when the user opted in, and moves when that changes', async () => {
    const encryptor = testEncryptor('weak');
    const instance = service({ encryptor });
    expect((await instance.service.update(manual(withPassword))).proxyPassword).toBe('memory');
    expect(settingsRows()).not.toMatch(/"connection\.proxyPassword","value_json":"\{/);

    const optedIn = await instance.service.update({ allowWeakTokenProtection: true });
    expect(optedIn.proxyPassword).toBe('weak-encrypted');
    expect(settingsRows()).toMatch(/"connection\.proxyPassword","value_json":"\{/);
    const again = restart(instance, { encryptor });
    expect((await again.service.view()).proxyPassword).toBe('weak-encrypted');

    const optedOut = await again.service.update({ allowWeakTokenProtection: false });
    expect(optedOut.proxyPassword).toBe('memory');
    expect(settingsRows()).not.toMatch(/"connection\.proxyPassword","value_json":"\{/);
    expect(databaseBytes()).not.toContain(PASSWORD);
  });

  it('is kept in memory when the OS key store fails to encrypt it', async () => {
    const failing = {
      ...testEncryptor('os'),
      encrypt: () => {
        throw new Error('The keychain is locked');
      },
    };
    const instance = service({ encryptor: failing });
    expect((await instance.service.update(manual(withPassword))).proxyPassword).toBe('memory');
    expect(databaseBytes()).not.toContain(PASSWORD);
  });

  it('is kept when the same user and host are saved without a password', async () => {
    const { service: connection } = service({ encryptor: testEncryptor('os') });
    await connection.update(manual(withPassword));
    expect((await connection.update(manual(withoutPassword))).proxyPassword).toBe('encrypted');
    expect(
      (await connection.update(manual('http://alice@PROXY.contoso.com:3128'))).proxyPassword,
    ).toBe('encrypted');
  });

  it('is replaced by a new one', async () => {
    const encryptor = testEncryptor('os');
    const first = service({ encryptor });
    await first.service.update(manual(withPassword));
    await first.service.update(manual('http://alice:n3w-Secret@proxy.contoso.com:3128'));
    const second = restart(first, { encryptor });
    expect((await second.service.view()).proxyPassword).toBe('encrypted');
    expect(databaseBytes()).not.toContain('n3w-Secret');
  });

  it.each([
    ['another proxy mode', { proxy: { mode: 'none' as const } }],
    ['no user name', manual('http://proxy.contoso.com:3128')],
    ['another user name', manual('http://bob@proxy.contoso.com:3128')],
    ['another host', manual('http://alice@proxy2.contoso.com:3128')],
  ])('is removed by %s', async (_case, patch) => {
    const encryptor = testEncryptor('os');
    const first = service({ encryptor });
    await first.service.update(manual(withPassword));
    expect((await first.service.update(patch)).proxyPassword).toBeNull();
    expect(settingsRows()).not.toMatch(/"connection\.proxyPassword","value_json":"\{/);

    // Not back when the first user and host are chosen again, in this run or the next.
    expect((await first.service.update(manual(withoutPassword))).proxyPassword).toBeNull();
    const second = restart(first, { encryptor });
    expect((await second.service.view()).proxyPassword).toBeNull();
  });

  it('needs a user name', async () => {
    const { service: connection } = service();
    const error = await failureOf(
      connection.update(manual(`http://:${PASSWORD}@proxy.contoso.com:3128`)),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.message).not.toContain(PASSWORD);
    expect(error.details).toEqual({ field: 'proxy' });
  });

  it('set by a policy file is used but never shown nor stored', async () => {
    const file = folder.file(
      'policy.json',
      JSON.stringify({ proxy: { mode: 'manual', url: withPassword } }),
    );
    const instance = service({ policyFile: file, encryptor: testEncryptor('os') });
    const view = await instance.service.view();
    expect(view.settings.proxy).toEqual({ mode: 'manual', url: withoutPassword });
    expect(view.proxyPassword).toBe('policy');
    expect(view.lockedByPolicy).toEqual(['proxy']);
    // The form may send the policy's proxy back as it was shown.
    const saved = await instance.service.update({
      ...manual(withoutPassword),
      clientId: 'aaaaaaaa-1111-2222-3333-444444444444',
    });
    expectNoPassword([view, saved, ...instance.changes]);
    expect(databaseBytes()).not.toContain(PASSWORD);
  });

  it('saved in plain text by an earlier version moves out of the settings', async () => {
    const encryptor = testEncryptor('os');
    const database = openDatabase({ path: path.join(folder.path, 'mooring.db') });
    database
      .prepare("INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, '2026-01-01')")
      .run('connection.proxy', JSON.stringify({ mode: 'manual', url: withPassword }));
    database.close();

    const instance = service({ encryptor });
    // Settings an earlier version left, never sealed, are put to the user before they are used.
    expect(settingsRows()).not.toContain(PASSWORD);
    await expect(instance.service.reviewOutsideChanges()).resolves.toBe('accepted');
    const view = await instance.service.view();
    expect(view.settings.proxy).toEqual({ mode: 'manual', url: withoutPassword });
    expect(view.proxyPassword).toBe('encrypted');
    expect(settingsRows()).not.toContain(PASSWORD);
    expect(databaseBytes()).not.toContain(PASSWORD);
  });
});
