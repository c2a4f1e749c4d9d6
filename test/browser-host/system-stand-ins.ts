import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { SecretEncryptor } from '../../electron/auth/secret-store';
import type {
  SecurityChangeRequest,
  SecurityConfirmer,
} from '../../electron/connection/security-change';
import type { SaveFileChooser } from '../../electron/export/save-file-chooser';
import type { Logger } from '../../electron/logging/logger';
import { toAllowedExternalUrl } from '../../electron/security/external-urls';

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
 * How long an opener may run before it counts as having opened a browser: some (xdg-open with a
 * browser that stays in the foreground) only exit when the browser does.
 */
const STILL_RUNNING_MEANS_OPENED_MS = 5_000;

/**
 * Starts the operating system's URL opener; answers whether it opened something. No opener
 * (xdg-open missing) or one that gave up (no desktop: xdg-open exits non-zero) means not.
 */
export function launchSystemOpener(url: string, platform = process.platform): Promise<boolean> {
  const [command, args] = openerFor(platform, url);
  return new Promise<boolean>((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    const timer = setTimeout(() => {
      child.unref();
      resolve(true);
    }, STILL_RUNNING_MEANS_OPENED_MS);
    const settle = (opened: boolean) => {
      clearTimeout(timer);
      resolve(opened);
    };
    child.on('error', () => settle(false));
    child.on('exit', (code) => settle(code === 0));
  });
}

/**
 * Hands a sign-in page to the OS browser, and always prints its address too. On a machine with
 * no desktop (or no xdg-open) it answers `opened: false`, and the sign-in dialog shows the
 * address to open by hand. Like the app, it opens only https sign-in pages: Microsoft's, or
 * those of the cloud Mooring is pointed at (`signInHosts`).
 */
export function openInSystemBrowser(
  logger: Logger,
  signInHosts: () => Promise<readonly string[]>,
  launch: (url: string) => Promise<boolean> = launchSystemOpener,
) {
  return async (requested: string): Promise<{ opened: boolean }> => {
    const url = toAllowedExternalUrl(requested, await signInHosts());
    if (!url) throw new Error('Refused to open a page that is not a sign-in page.');
    logger.info(`Open this address to finish signing in: ${url}`);
    return { opened: await launch(url) };
  };
}

/** A confirmer tests script: answers as told and keeps every question asked. */
export function scriptedConfirmer(
  answer: boolean | ((request: SecurityChangeRequest) => boolean | Promise<boolean>) = true,
): SecurityConfirmer & { readonly asked: SecurityChangeRequest[] } {
  const asked: SecurityChangeRequest[] = [];
  return {
    asked,
    confirm: async (request) => {
      asked.push(request);
      return typeof answer === 'function' ? answer(request) : answer;
    },
  };
}

/**
 * The browser host's stand-in for the app's native dialog: the question is asked in the terminal
 * that started the host — like the dialog, outside the page, which must never be able to answer
 * it. Anything but "y" or "yes" is a no (as Cancel is the dialog's default); so is having no
 * terminal at all, which is said in the log.
 */
export function terminalConfirmer(
  logger: Logger,
  terminal: { input: Readable & { isTTY?: boolean }; output: Writable } = {
    input: process.stdin,
    output: process.stdout,
  },
): SecurityConfirmer {
  return {
    confirm(request) {
      if (!terminal.input.isTTY) {
        logger.warn(
          `Not confirmed (no terminal to ask in): ${request.title} ${request.change.replace(/\n/g, '; ')}`,
        );
        return Promise.resolve(false);
      }
      const lines = createInterface({ input: terminal.input, output: terminal.output });
      return new Promise<boolean>((resolve) => {
        lines.on('SIGINT', () => {
          lines.close();
          resolve(false);
          process.kill(process.pid, 'SIGINT'); // Ctrl+C still stops the host
        });
        lines.question(
          `\n${request.title}\n${request.change}\n${request.consequence}\n${request.confirmLabel}? [y/N] `,
          (reply) => {
            lines.close();
            resolve(/^\s*y(es)?\s*$/i.test(reply));
          },
        );
      });
    },
  };
}

/**
 * The browser host's stand-in for the app's save dialog. A page in an ordinary browser cannot be
 * given a path on the user's disk, and the host may run elsewhere than the browser, so every
 * export goes back to the page, which offers it as a download; the log says which file went.
 */
export function browserSaveFileChooser(logger: Logger): SaveFileChooser {
  return {
    choose({ fileName }) {
      logger.info(`Export ${fileName} handed to the page as a download`);
      return Promise.resolve({ kind: 'download' });
    },
  };
}
