import { protocol } from 'electron';
import { APP_SCHEME } from '../security/app-origin';
import { createAppRequestHandler } from '../security/app-protocol';

/**
 * Must run before the app is ready. `standard` gives mooring:// real origins and relative URL
 * resolution, `secure` makes it a secure context like https, `supportFetchAPI` lets the page
 * fetch its own assets. No `bypassCSP`, no `corsEnabled`, no service workers.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

/** Serves the built renderer on mooring://app/ (after ready). */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler({ rootDir: rendererDir }));
}
