import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { composeServices } from '../../electron/app/composition';
import { scriptedConfirmer } from '../browser-host/system-stand-ins';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { testCompositionOptions } from '../support/compose';
import { testEncryptor } from '../support/test-encryptor';
import { connectionService, failureOf, temporaryFolder, type ServiceUnderTest } from './harness';

let folder: ReturnType<typeof temporaryFolder>;
const open: ServiceUnderTest[] = [];
const organisationApp = 'aaaaaaaa-1111-2222-3333-444444444444';

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

/** Closes the running instances, as quitting Mooring does. */
const quit = () => {
  for (const instance of open.splice(0)) instance.close();
};

/** Writes a setting straight into the database, as a program other than Mooring could. */
function writeBehindMooringsBack(key: string, value: unknown) {
  const database = new BetterSqlite3(path.join(folder.path, 'mooring.db'));
  database
    .prepare(
      `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, '2026-01-01')
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`,
    )
    .run(key, JSON.stringify(value));
  database.close();
}

describe('a change that could weaken token protection', () => {
  it('is put to the user by the main process, naming the change and what it means', async () => {
    const confirmer = scriptedConfirmer(true);
    const { service: connection } = service({ confirmer });
    const view = await connection.update({
      proxy: { mode: 'manual', url: 'http://alice:Secret-1@proxy.contoso.com:3128' },
    });
    expect(view.settings.proxy).toEqual({
      mode: 'manual',
      url: 'http://alice@proxy.contoso.com:3128',
    });
    expect(confirmer.asked).toEqual([
      {
        title: 'Change how Mooring connects to Azure?',
        change: 'Proxy: the system’s proxy settings → http://alice@proxy.contoso.com:3128',
        consequence:
          'Every sign-in and every Azure call, tokens included, will pass through that proxy.',
        confirmLabel: 'Change',
      },
    ]);
    expect(JSON.stringify(confirmer.asked)).not.toContain('Secret-1');
  });

  it('changes nothing when the user declines, and says so', async () => {
    const confirmer = scriptedConfirmer(false);
    const instance = service({ confirmer });
    const before = await instance.service.view();
    const runtime = await instance.service.runtime();
    const error = await failureOf(
      instance.service.update({ clientId: organisationApp, proxy: { mode: 'none' } }),
    );
    expect(error.code).toBe('cancelled');
    expect(error.message).toBe(
      'The change was not confirmed, so your connection settings stay as they were.',
    );
    expect(confirmer.asked[0]?.change).toBe(
      [
        'Application (client) id: Mooring’s default (the Azure CLI’s public client) → aaaaaaaa-1111-2222-3333-444444444444',
        'Proxy: the system’s proxy settings → no proxy',
      ].join('\n'),
    );
    await expect(instance.service.view()).resolves.toEqual(before);
    await expect(instance.service.runtime()).resolves.toBe(runtime);
    expect(instance.changes).toEqual([]);
    quit();
    await expect(service().service.view()).resolves.toEqual(before);
  });

  it.each([
    ['the cloud', { cloud: 'AzureUSGovernment' as const }, /^Cloud: Azure → Azure US Government/],
    ['the client id', { clientId: organisationApp }, /^Application \(client\) id: /],
    ['the proxy', { proxy: { mode: 'none' as const } }, /^Proxy: /],
    ['the token storage', { allowWeakTokenProtection: true }, /^Keep tokens on disk/],
  ])('asks before changing %s', async (_what, patch, change) => {
    const confirmer = scriptedConfirmer(true);
    await service({ confirmer, encryptor: testEncryptor('weak') }).service.update(patch);
    expect(confirmer.asked).toHaveLength(1);
    expect(confirmer.asked[0]?.change).toMatch(change);
  });

  it('asks before trusting an extra CA file, not before removing it', async () => {
    const confirmer = scriptedConfirmer(true);
    const { service: connection } = service({ confirmer });
    const { caPem } = await import('../emulator/tls/certificates').then((tls) =>
      tls.generateCertificates(),
    );
    const caFile = folder.file('corp-ca.pem', caPem);
    await connection.update({ extraCaFile: caFile });
    expect(confirmer.asked[0]?.change).toBe(`Extra CA certificates: none → ${caFile}`);
    expect(confirmer.asked[0]?.consequence).toMatch(/can read your tokens/);
    await connection.update({ extraCaFile: null });
    expect(confirmer.asked).toHaveLength(1);
  });

  it('does not ask for what only adds protection or changes nothing', async () => {
    const confirmer = scriptedConfirmer(true);
    const { service: connection } = service({ confirmer, encryptor: testEncryptor('weak') });
    await connection.update({ allowWeakTokenProtection: true });
    const view = await connection.update({ allowWeakTokenProtection: false });
    await connection.update(view.settings); // a form saving every field unchanged
    await connection.update({ customResourceManagerUrl: 'https://management.contoso.local' });
    expect(confirmer.asked.map((request) => request.change)).toEqual([
      'Keep tokens on disk without a secure store: off → on',
    ]);
  });
});

describe('token storage without any way to encrypt', () => {
  it('cannot be switched on, and the view says the switch cannot apply', async () => {
    const { service: connection } = service();
    expect((await connection.view()).tokenOptIn).toBe('unavailable');
    const error = await failureOf(connection.update({ allowWeakTokenProtection: true }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/^Tokens cannot be kept on disk here/);
    expect((await connection.view()).settings.allowWeakTokenProtection).toBe(false);
  });

  it('is a choice only where a key of Mooring’s own can encrypt, and not needed with an OS store', async () => {
    expect((await service({ encryptor: testEncryptor('weak') }).service.view()).tokenOptIn).toBe(
      'available',
    );
    quit();
    expect((await service({ encryptor: testEncryptor('os') }).service.view()).tokenOptIn).toBe(
      'not-needed',
    );
  });
});

describe('settings changed in the database outside Mooring', () => {
  const encryptor = testEncryptor('os');

  it('are not used until the user confirms them at the next start', async () => {
    await service({ encryptor }).service.update({ proxy: { mode: 'none' } });
    quit();
    writeBehindMooringsBack('connection.proxy', {
      mode: 'manual',
      url: 'http://evil.example:8080',
    });

    const confirmer = scriptedConfirmer(true);
    const restarted = service({ encryptor, confirmer });
    expect((await restarted.service.view()).settings.proxy).toEqual({ mode: 'none' });
    expect(restarted.service.effectiveSettings().proxy).toEqual({ mode: 'none' });

    await expect(restarted.service.reviewOutsideChanges()).resolves.toBe('accepted');
    expect(confirmer.asked).toEqual([
      expect.objectContaining({
        title: 'Use connection settings that were not set in Mooring?',
        change: 'Proxy: no proxy → http://evil.example:8080',
        confirmLabel: 'Use the new settings',
      }),
    ]);
    expect(confirmer.asked[0]?.consequence).toMatch(/^These settings were changed outside Mooring/);
    expect((await restarted.service.view()).settings.proxy).toEqual({
      mode: 'manual',
      url: 'http://evil.example:8080',
    });
    expect(restarted.changes).toHaveLength(1);
    quit();
    // Confirmed once, trusted from then on.
    const confirmedOnce = scriptedConfirmer(true);
    const again = service({ encryptor, confirmer: confirmedOnce });
    await expect(again.service.reviewOutsideChanges()).resolves.toBe('none');
    expect(confirmedOnce.asked).toEqual([]);
  });

  it('are replaced by the confirmed ones when the user declines', async () => {
    await service({ encryptor }).service.update({ clientId: organisationApp });
    quit();
    writeBehindMooringsBack('connection.clientId', 'bbbbbbbb-1111-2222-3333-444444444444');
    const restarted = service({ encryptor, confirmer: scriptedConfirmer(false) });
    await expect(restarted.service.reviewOutsideChanges()).resolves.toBe('declined');
    expect((await restarted.service.view()).settings.clientId).toBe(organisationApp);
    quit();
    const asked = scriptedConfirmer(true);
    const next = service({ encryptor, confirmer: asked });
    await expect(next.service.reviewOutsideChanges()).resolves.toBe('none');
    expect((await next.service.view()).settings.clientId).toBe(organisationApp);
  });

  it('fall back to the defaults when the confirmed copy itself was altered', async () => {
    await service({ encryptor }).service.update({ clientId: organisationApp });
    quit();
    const forged = {
      settings: {
        cloud: 'AzureCloud',
        customResourceManagerUrl: null,
        clientId: 'bbbbbbbb-1111-2222-3333-444444444444',
        proxy: { mode: 'system' },
        extraCaFile: null,
        allowWeakTokenProtection: false,
      },
      customCloud: null,
      // A plain hash anyone could compute; where the OS key store exists only a keyed seal counts.
      seal: 'sha256:forged',
    };
    writeBehindMooringsBack('connection.confirmed', forged);
    writeBehindMooringsBack('connection.clientId', 'bbbbbbbb-1111-2222-3333-444444444444');
    const restarted = service({ encryptor, confirmer: scriptedConfirmer(false) });
    expect((await restarted.service.view()).settings.clientId).toBeNull();
    await expect(restarted.service.reviewOutsideChanges()).resolves.toBe('declined');
    expect((await restarted.service.view()).settings.clientId).toBeNull();
  });

  it('that are not valid settings are not offered, and the confirmed ones come back', async () => {
    await service({ encryptor }).service.update({ proxy: { mode: 'none' } });
    quit();
    writeBehindMooringsBack('connection.proxy', { mode: 'manual', url: 'ftp://nowhere' });
    const confirmer = scriptedConfirmer(true);
    const restarted = service({ encryptor, confirmer });
    await expect(restarted.service.reviewOutsideChanges()).resolves.toBe('invalid');
    expect(confirmer.asked).toEqual([]);
    expect((await restarted.service.view()).settings.proxy).toEqual({ mode: 'none' });
  });

  it('an update made while they wait starts from the confirmed values', async () => {
    await service({ encryptor }).service.update({ proxy: { mode: 'none' } });
    quit();
    writeBehindMooringsBack('connection.clientId', 'bbbbbbbb-1111-2222-3333-444444444444');
    const restarted = service({ encryptor });
    const view = await restarted.service.update({ cloud: 'AzureChinaCloud' });
    expect(view.settings).toMatchObject({ cloud: 'AzureChinaCloud', clientId: null });
    await expect(restarted.service.reviewOutsideChanges()).resolves.toBe('none');
  });
});

describe('at start-up', () => {
  it('the app puts settings changed outside Mooring to the user before using them', async () => {
    const userData = path.join(folder.path, 'app');
    const first = composeServices(testCompositionOptions(userData));
    await first.dispatch('connection.update', { proxy: { mode: 'none' } }, { transport: 'test' });
    await first.close();
    const database = new BetterSqlite3(path.join(userData, 'mooring.sqlite3'));
    database
      .prepare("UPDATE settings SET value_json = ? WHERE key = 'connection.proxy'")
      .run(JSON.stringify({ mode: 'manual', url: 'http://evil.example:8080' }));
    database.close();

    const confirmer = scriptedConfirmer(false);
    const restarted = composeServices(
      testCompositionOptions(userData, { confirmSecurityChange: confirmer }),
    );
    try {
      await vi.waitFor(() => expect(confirmer.asked).toHaveLength(1));
      expect(confirmer.asked[0]?.change).toBe('Proxy: no proxy → http://evil.example:8080');
      const view = await restarted.dispatch('connection.get', {}, { transport: 'test' });
      expect(view).toMatchObject({ ok: true, value: { settings: { proxy: { mode: 'none' } } } });
    } finally {
      await restarted.close();
    }
  });
});

describe('a custom cloud', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('is confirmed naming the sign-in host its metadata describes', async () => {
    const caFile = folder.file('emulator-ca.pem', emu.caPem);
    const confirmer = scriptedConfirmer(true);
    await service({ confirmer }).service.update({
      cloud: 'Custom',
      customResourceManagerUrl: emu.armUrl,
      extraCaFile: caFile,
    });
    expect(confirmer.asked[0]?.change).toMatch(
      new RegExp(`^Cloud: Azure → a custom cloud at ${emu.armUrl}`),
    );
    expect(confirmer.asked[0]?.consequence).toContain(
      `Its description names ${emu.authorityHost} as the sign-in service.`,
    );
  });

  it('whose stored endpoints were changed outside Mooring is described afresh by its metadata', async () => {
    const caFile = folder.file('emulator-ca.pem', emu.caPem);
    const encryptor = testEncryptor('os');
    await service({ encryptor }).service.update({
      cloud: 'Custom',
      customResourceManagerUrl: emu.armUrl,
      extraCaFile: caFile,
    });
    quit();
    const database = new BetterSqlite3(path.join(folder.path, 'mooring.db'));
    const row = database
      .prepare<[], { value_json: string }>(
        "SELECT value_json FROM settings WHERE key = 'connection.resolvedCustomCloud'",
      )
      .get();
    database.close();
    const stored = JSON.parse(row?.value_json ?? '{}') as {
      endpoints: Record<string, string>;
    };
    stored.endpoints['authorityHost'] = 'https://login.evil.example';
    writeBehindMooringsBack('connection.resolvedCustomCloud', stored);

    emu.requestLog.clear();
    const restarted = service({ encryptor });
    expect((await restarted.service.runtime()).cloud.authorityHost).toBe(emu.authorityHost);
    expect(
      emu.requestLog.entries().filter((entry) => entry.path.startsWith('/metadata/endpoints')),
    ).toHaveLength(1);
  });
});
