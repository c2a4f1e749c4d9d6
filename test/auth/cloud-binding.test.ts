import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignInRequiredError } from '../../electron/auth/auth-errors';
import { cloudCacheFile } from '../../electron/auth/cloud-token-caches';
import { cloudIdentity } from '../../electron/azure/clouds';
import type { ConnectionRuntime } from '../../electron/connection/runtime';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { emulatorRuntime } from '../support/emulator-runtime';
import { startHarness, tenantIdOf, type Harness } from './accounts-harness';
import { readTokenCache, tokenSecrets } from './token-cache-file';

/** Two clouds: `first` the user signed in to, `second` chosen afterwards (a new custom cloud). */
let first: RunningEmulator;
let second: RunningEmulator;
let harness: Harness;
let runtime: ConnectionRuntime;

beforeAll(async () => {
  [first, second] = await Promise.all([
    startEmulator({ scenario: demoScenarioPath, settings: fastSettings }),
    startEmulator({ scenario: demoScenarioPath, settings: fastSettings }),
  ]);
});
afterAll(async () => {
  await Promise.all([first.close(), second.close()]);
});
beforeEach(() => {
  runtime = emulatorRuntime(first);
  harness = startHarness(first, { runtime: async () => runtime });
});
afterEach(async () => {
  await harness.dispose();
});

const tokensSentTo = (emulator: RunningEmulator) =>
  emulator.requestLog.entries().filter((entry) => entry.hasAuthorization || entry.kind === 'entra');

describe('tokens bound to their cloud', () => {
  it('a newly chosen cloud starts with no accounts, and no token of the first reaches it', async () => {
    const admin = (await harness.signInWithBrowser('admin@contoso.com')).account!;
    const contoso = tenantIdOf(first, 'Contoso Ltd');
    first.requestLog.clear();
    second.requestLog.clear();

    runtime = emulatorRuntime(second);

    expect(await harness.service.list()).toEqual([]);
    const refused = await harness.service
      .credentialFor(admin.accountId, contoso)
      .getToken(`${second.armUrl}/.default`)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SignInRequiredError);
    expect((refused as SignInRequiredError).problem.code).toBe('other_cloud');
    expect(tokensSentTo(second)).toEqual([]);
    expect(tokensSentTo(first)).toEqual([]);
  });

  it('keeps each cloud in its own cache file, and the first cloud finds its account again', async () => {
    const admin = (await harness.signInWithBrowser('admin@contoso.com')).account!;
    const firstSecrets = tokenSecrets(readTokenCache(harness));

    runtime = emulatorRuntime(second);
    const { signInId } = harness.service.startSignIn('device-code');
    const prompt = await harness.events.waitFor(
      'signIn.deviceCode',
      (e) => e.signInId === signInId,
    );
    await second.control.approveDeviceCode(prompt.userCode, 'ops@fabrikam.com');
    const ops = await harness.events.waitFor('signIn.finished', (e) => e.signInId === signInId);
    expect(ops.outcome).toBe('signed-in');
    expect((await harness.service.list()).map((a) => a.username)).toEqual(['ops@fabrikam.com']);

    const secondFile = cloudCacheFile(
      harness.baseCacheFile,
      cloudIdentity({ resourceManager: second.armUrl }),
    );
    const secondSecrets = tokenSecrets(
      readTokenCache({ cacheFile: secondFile, encryptor: harness.encryptor }),
    );
    expect(secondSecrets.length).toBeGreaterThan(0);
    for (const secret of firstSecrets) expect(secondSecrets).not.toContain(secret);

    runtime = emulatorRuntime(first);
    expect((await harness.service.list()).map((a) => a.accountId)).toEqual([admin.accountId]);
    const token = await harness.service
      .credentialFor(admin.accountId, admin.homeTenantId)
      .getToken(`${first.armUrl}/.default`);
    expect(token?.token).toBeTruthy();
  });

  it("refuses a cloud whose token audience is another cloud's Resource Manager", async () => {
    const admin = (await harness.signInWithBrowser('admin@contoso.com')).account!;
    first.requestLog.clear();
    second.requestLog.clear();
    const openedBefore = harness.openedUrls.length;
    // Its own Resource Manager, but the first cloud's sign-in host and audience.
    const base = emulatorRuntime(second);
    runtime = {
      ...base,
      cloud: {
        ...base.cloud,
        authorityHost: first.authorityHost,
        armScope: `${first.armUrl}/.default`,
      },
    };

    const { signInId } = harness.service.startSignIn('browser');
    const finished = await harness.events.waitFor(
      'signIn.finished',
      (e) => e.signInId === signInId,
    );
    const token = await harness.service
      .credentialFor(admin.accountId, admin.homeTenantId)
      .getToken(`${first.armUrl}/.default`)
      .catch((error: unknown) => error);

    expect(finished.outcome).toBe('failed');
    expect(finished.problem?.code).toBe('audience_of_another_cloud');
    expect((token as SignInRequiredError).problem.code).toBe('audience_of_another_cloud');
    expect(harness.openedUrls.length).toBe(openedBefore);
    expect(tokensSentTo(first)).toEqual([]);
    expect(tokensSentTo(second)).toEqual([]);
  });

  it('removes the cache that earlier versions shared between clouds', async () => {
    await harness.stop();
    fs.writeFileSync(harness.baseCacheFile, 'MOORING-TOKEN-CACHE 2 os\nshared by every cloud');
    harness = startHarness(first, { dir: harness.dir, runtime: async () => runtime });
    expect(fs.existsSync(harness.baseCacheFile)).toBe(false);
    expect(
      harness.logger.lines.some((line) => line.includes('shared by every cloud was removed')),
    ).toBe(true);
  });
});
