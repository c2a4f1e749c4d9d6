import type { CompositionOptions } from '../../electron/app/composition';
import { memoryOnlyEncryptor, scriptedConfirmer } from '../browser-host/system-stand-ins';

export const silentLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** Composition options for tests that need no sign-in: memory-only tokens, no browser, no policy. */
export function testCompositionOptions(
  userDataDir: string,
  overrides: Partial<CompositionOptions> = {},
): CompositionOptions {
  return {
    userDataDir,
    appName: 'Mooring',
    appVersion: '0.0.0-test',
    platform: process.platform,
    logger: silentLogger,
    encryptor: memoryOnlyEncryptor,
    openSignInPage: () => Promise.reject(new Error('this test opens no browser')),
    policyFile: null,
    // Tests of other services change connection settings as a confirming user would.
    confirmSecurityChange: scriptedConfirmer(true),
    ...overrides,
  };
}
