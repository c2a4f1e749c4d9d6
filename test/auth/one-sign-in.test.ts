import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { startHarness, tenantIdOf, type Harness } from './accounts-harness';

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

const BUSY =
  'Another sign-in is still in progress; finish it in the browser or with its device code, or cancel it, then try again.';

function refusalOf(start: () => unknown): AppError {
  try {
    start();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('the second sign-in was started');
}

describe('one interactive sign-in at a time', () => {
  it('refuses a second sign-in of any kind while a device code waits for the user', async () => {
    harness = startHarness(emu);
    const admin = (await harness.signInWithBrowser('admin@contoso.com')).account!;
    const { signInId } = harness.service.startSignIn('device-code');
    await harness.events.waitFor('signIn.deviceCode', (e) => e.signInId === signInId);

    for (const second of [
      () => harness.service.startSignIn('browser'),
      () => harness.service.startSignIn('device-code'),
      () =>
        harness.service.startTenantSignIn(
          admin.accountId,
          tenantIdOf(emu, 'Northwind Traders'),
          'browser',
        ),
    ]) {
      const refused = refusalOf(second);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused.code).toBe('conflict');
      expect(refused.message).toBe(BUSY);
    }
    // Only the running sign-in ever reached the sign-in service's device-code endpoint.
    expect(harness.events.of('signIn.deviceCode')).toHaveLength(1);
  });

  it('accepts the next sign-in as soon as the first has finished', async () => {
    harness = startHarness(emu);
    const { signInId } = harness.service.startSignIn('device-code');
    await harness.events.waitFor('signIn.deviceCode', (e) => e.signInId === signInId);
    // Whoever hears the first one end may start the next at once.
    const next = new Promise<string>((resolve, reject) => {
      void harness.events
        .waitFor('signIn.finished', (e) => e.signInId === signInId)
        .then(() => {
          try {
            harness.browserUser = 'reader@contoso.com';
            resolve(harness.service.startSignIn('browser').signInId);
          } catch (error) {
            reject(error as Error);
          }
        });
    });
    expect(harness.service.cancelSignIn(signInId)).toBe(true);

    const secondId = await next;
    const finished = await harness.events.waitFor(
      'signIn.finished',
      (e) => e.signInId === secondId,
    );
    expect(finished.outcome).toBe('signed-in');
  });
});
