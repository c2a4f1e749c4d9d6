import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import type { ConnectionRuntime } from '../../electron/connection/runtime';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { emulatorRuntime } from '../support/emulator-runtime';
import { startHarness, type Harness } from './accounts-harness';
import { readTokenCache } from './token-cache-file';

let emu: RunningEmulator;
let harness: Harness;

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  await harness.dispose();
});

/** The account ids the decrypted cache file holds anything for. */
function cacheOwners(): Set<string> {
  const cache = readTokenCache(harness);
  return new Set(
    [cache.Account, cache.RefreshToken, cache.AccessToken, cache.IdToken]
      .flatMap((entries) => Object.values(entries ?? {}))
      .map((entry) => entry.home_account_id),
  );
}

const recordedAccountIds = () =>
  harness.database
    .prepare<[], { account_id: string }>('SELECT account_id FROM accounts')
    .all()
    .map((row) => row.account_id);

describe('signing out', () => {
  it('forgets the account even when the connection settings are unusable', async () => {
    let runtime: () => Promise<ConnectionRuntime> = async () => emulatorRuntime(emu);
    harness = startHarness(emu, { runtime: () => runtime() });
    const admin = (await harness.signInWithBrowser('admin@contoso.com')).account!;
    const ops = (await harness.signInWithBrowser('ops@fabrikam.com')).account!;
    runtime = () =>
      Promise.reject(new AppError('invalid-input', 'The extra CA file could not be read.'));

    const remaining = await harness.service.signOut(admin.accountId);

    expect(remaining.map((a) => a.accountId)).toEqual([ops.accountId]);
    expect(harness.events.of('accounts.changed').at(-1)).toEqual(remaining);
    expect(recordedAccountIds()).toEqual([ops.accountId]);
    expect(cacheOwners()).toEqual(new Set([ops.accountId]));
  });

  it('forgets an account recorded under another cloud than the one in force', async () => {
    const emulator = emulatorRuntime(emu);
    let runtime = emulator;
    harness = startHarness(emu, { runtime: async () => runtime });
    const admin = (await harness.signInWithBrowser('admin@contoso.com')).account!;
    runtime = {
      ...emulator,
      cloud: { ...emulator.cloud, resourceManager: 'https://management.other-cloud.example' },
    };
    expect(await harness.service.list()).toEqual([]); // not listed under this cloud

    await harness.service.signOut(admin.accountId);

    expect(recordedAccountIds()).toEqual([]);
    expect(cacheOwners()).toEqual(new Set());
    runtime = emulator;
    expect(await harness.service.list()).toEqual([]);
  });
});
