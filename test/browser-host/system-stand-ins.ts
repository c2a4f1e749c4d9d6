import { spawn } from 'node:child_process';
import type { SecretEncryptor } from '../../electron/auth/secret-store';
import type { Logger } from '../../electron/logging/logger';

/**
 * What the browser host offers where the app has Electron: no OS key store (so sign-in state
 * stays in memory, exactly as the app behaves on a machine without one), and the operating
 * system's browser for sign-in pages.
 */
export const memoryOnlyEncryptor: SecretEncryptor = {
  protection: 'none',
  encrypt: () => {
    throw new Error('The browser host has no secure store; tokens stay in memory.');
  },
  decrypt: () => {
    throw new Error('The browser host has no secure store; tokens stay in memory.');
  },
};

const openerFor = (platform: NodeJS.Platform, url: string): [string, string[]] => {
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
};

/**
 * Hands a sign-in page to the OS browser, and always prints its address too: on a machine with
 * no desktop (or no xdg-open) the developer opens it by hand.
 */
export function openInSystemBrowser(logger: Logger, platform = process.platform) {
  return async (url: string): Promise<void> => {
    logger.info(`Open this address to finish signing in: ${url}`);
    const [command, args] = openerFor(platform, url);
    await new Promise<void>((resolve) => {
      const child = spawn(command, args, { stdio: 'ignore', detached: true });
      child.on('error', () => resolve()); // no opener here: the printed address is the way
      child.on('spawn', () => {
        child.unref();
        resolve();
      });
    });
  };
}
