import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SignInRequiredError } from '../../electron/auth/auth-errors';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { startHarness, tenantIdOf, tenantNamed, type Harness } from './accounts-harness';
import { readTokenCache, tokenCacheHeader, tokenSecrets } from './token-cache-file';
import { testEncryptor } from '../support/test-encryptor';

let emu: RunningEmulator;
const harnesses: Harness[] = [];
const armScope = () => `${emu.armUrl}/.default`;

/** A harness cleaned up after the test; `dir` reuses a folder (a restart of the app). */
function start(options: Parameters<typeof startHarness>[1] = {}): Harness {
  const harness = startHarness(emu, options);
  harnesses.push(harness);
  return harness;
}

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  for (const harness of harnesses.splice(0)) {
    await harness.stop().catch(() => undefined); // a restarted harness was stopped already
    fs.rmSync(harness.dir, { recursive: true, force: true });
  }
});

describe('the token cache file', () => {
  it.skipIf(process.platform === 'win32')(
    'is readable and writable by the user alone (0600), whatever the umask, after every write',
    async () => {
      // A umask that would leave a file world-readable unless Mooring asks for 0600 itself.
      const previousUmask = process.umask(0o000);
      try {
        const harness = start();
        await harness.signInWithBrowser('admin@contoso.com');
        expect(fs.statSync(harness.cacheFile).mode & 0o777).toBe(0o600);
        // A second account rewrites the file: still 0600.
        await harness.signInWithBrowser('ops@fabrikam.com');
        expect(fs.statSync(harness.cacheFile).mode & 0o777).toBe(0o600);
      } finally {
        process.umask(previousUmask);
      }
    },
  );

  it('never holds an access, refresh or id token in plain text', async () => {
    const harness = start();
    const { account } = await harness.signInWithBrowser('admin@contoso.com');
    const accessToken = await harness.service
      .credentialFor(account!.accountId, tenantIdOf(emu, 'Fabrikam Inc'))
      .getToken(armScope());

    const secrets = tokenSecrets(readTokenCache(harness));
    expect(secrets.length).toBeGreaterThanOrEqual(4); // id token, refresh token, two access tokens
    expect(secrets).toContain(accessToken!.token);
    const raw = fs.readFileSync(harness.cacheFile);
    for (const secret of secrets) {
      expect(raw.includes(secret)).toBe(false);
      expect(raw.includes(secret.slice(0, 40))).toBe(false);
    }
    expect(raw.includes('"secret"')).toBe(false);
    expect(raw.includes('admin@contoso.com')).toBe(false);
    expect(tokenCacheHeader(harness.cacheFile)).toBe('MOORING-TOKEN-CACHE 2 os');
  });

  it('keeps no token in the database', async () => {
    const harness = start();
    const { account } = await harness.signInWithBrowser('admin@contoso.com');
    await harness.service
      .credentialFor(account!.accountId, account!.homeTenantId)
      .getToken(armScope());
    const secrets = tokenSecrets(readTokenCache(harness));
    await harness.stop();

    const database = fs.readFileSync(path.join(harness.dir, 'mooring.sqlite3'));
    for (const secret of secrets) expect(database.includes(secret.slice(0, 40))).toBe(false);
  });

  it('sets an unreadable file aside, and the user simply signs in again', async () => {
    const first = start();
    fs.writeFileSync(first.cacheFile, 'MOORING-TOKEN-CACHE 2 os\nnot what the encryptor wrote');

    const finished = await first.signInWithBrowser('reader@contoso.com');

    expect(finished.outcome).toBe('signed-in');
    const asides = fs
      .readdirSync(first.dir)
      .filter((f) => f.startsWith(`${path.basename(first.cacheFile)}.unreadable-`));
    expect(asides).toHaveLength(1);
    expect(fs.readFileSync(path.join(first.dir, asides[0] ?? ''), 'utf8')).toContain(
      'not what the encryptor wrote',
    );
    expect(first.logger.lines.join('\n')).toMatch(/could not be read .*moved to .*Sign in again/);
    expect(readTokenCache(first).RefreshToken).toBeDefined();
  });
});

describe('restarting the app', () => {
  it('keeps accounts signed in when tokens are encrypted with the OS key store', async () => {
    const encryptor = testEncryptor('os');
    const first = start({ encryptor });
    const { account } = await first.signInWithBrowser('admin@contoso.com');
    await first.stop();

    const second = start({ dir: first.dir, encryptor });
    const accounts = await second.service.list();

    expect(accounts).toEqual([account]);
    const fabrikam = tenantIdOf(emu, 'Fabrikam Inc');
    await expect(
      second.service.credentialFor(account!.accountId, fabrikam).getToken(armScope()),
    ).resolves.toBeTruthy();
    expect(second.openedUrls).toEqual([]);
    expect(second.service.tokenStorage()).toEqual({ mode: 'encrypted', osKeyStoreAvailable: true });
  });

  it('writes nothing at sign-out either with memory-only storage', async () => {
    const harness = start({ encryptor: testEncryptor('none') });
    const { account } = await harness.signInWithBrowser('admin@contoso.com');
    await expect(harness.service.signOut(account!.accountId)).resolves.toEqual([]);
    expect(fs.existsSync(harness.cacheFile)).toBe(false);
  });

  it('writes nothing with memory-only storage, and after a restart the account needs sign-in', async () => {
    const encryptor = testEncryptor('none');
    const first = start({ encryptor });
    const { account } = await first.signInWithBrowser('admin@contoso.com');
    expect(first.service.tokenStorage()).toEqual({ mode: 'memory', osKeyStoreAvailable: false });
    expect(fs.existsSync(first.cacheFile)).toBe(false);
    await first.stop();

    const second = start({ dir: first.dir, encryptor });
    const [listed] = await second.service.list();

    expect(listed?.username).toBe('admin@contoso.com');
    expect(listed?.tenants.map((t) => t.status)).toEqual([
      'needs-sign-in',
      'needs-sign-in',
      'needs-sign-in',
    ]);
    expect(tenantNamed(listed, 'Contoso Ltd').problem).toEqual({
      code: 'no_cached_sign_in',
      message:
        'admin@contoso.com must sign in again: this computer offers no secure key store, so Mooring keeps tokens in memory only.',
    });
    await expect(
      second.service.credentialFor(account!.accountId, account!.homeTenantId).getToken(armScope()),
    ).rejects.toBeInstanceOf(SignInRequiredError);
  });

  it('signing the account in again after a restart makes its tenants ready again', async () => {
    const encryptor = testEncryptor('none');
    const first = start({ encryptor });
    await first.signInWithBrowser('admin@contoso.com');
    await first.stop();

    const second = start({ dir: first.dir, encryptor });
    const again = await second.signInWithBrowser('admin@contoso.com');

    expect(tenantNamed(again.account, 'Contoso Ltd').status).toBe('ready');
    expect(tenantNamed(again.account, 'Fabrikam Inc').status).toBe('ready');
    expect(await second.service.list()).toEqual([again.account]);
  });
});

describe('weakly protected storage', () => {
  it('keeps tokens in memory where the key is not OS-protected, unless the user opts in', async () => {
    const harness = start({ encryptor: testEncryptor('weak') });
    await harness.signInWithBrowser('reader@contoso.com');

    expect(fs.existsSync(harness.cacheFile)).toBe(false);
    expect(harness.service.tokenStorage().mode).toBe('memory');
  });

  it('writes a weakly protected file on opt-in and removes it when the user opts out', async () => {
    let optedIn = true;
    const harness = start({ encryptor: testEncryptor('weak'), allowWeakProtection: () => optedIn });
    const { account } = await harness.signInWithBrowser('reader@contoso.com');
    expect(tokenCacheHeader(harness.cacheFile)).toBe('MOORING-TOKEN-CACHE 2 weak');

    optedIn = false;
    await harness.service.list(); // any cache access applies the new choice

    expect(fs.existsSync(harness.cacheFile)).toBe(false);
    expect(harness.service.tokenStorage().mode).toBe('memory');
    // The tokens of this run stay usable in memory.
    await expect(
      harness.service.credentialFor(account!.accountId, account!.homeTenantId).getToken(armScope()),
    ).resolves.toBeTruthy();
  });

  it('never removes an OS-protected file when this run keeps tokens in memory only', async () => {
    const first = start({ encryptor: testEncryptor('os') });
    await first.signInWithBrowser('reader@contoso.com');
    await first.stop();
    const before = fs.readFileSync(first.cacheFile);

    const second = start({ dir: first.dir, encryptor: testEncryptor('weak') });
    await second.signInWithBrowser('reader@contoso.com');

    expect(fs.readFileSync(first.cacheFile).equals(before)).toBe(true);
  });
});
