import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { composeServices } from '../../electron/app/composition';
import type { SecretEncryptor } from '../../electron/auth/secret-store';
import { pointAtDevelopmentAzure } from '../../electron/app/dev-azure';
import type { DevelopmentAzure } from '../../electron/app/dev-azure';
import type { Logger } from '../../electron/logging/logger';
import { consoleLogger } from '../../electron/logging/logger';
import { bundleStandIn } from './bundle-stand-in';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/content-security-policy';
import { injectBridgeScript } from './index-html';
import { attachIpcSocket } from './ipc-socket';
import { APP_ORIGIN } from '../../electron/security/app-origin';
import { createAppRequestHandler, mimeTypeFor } from '../../electron/security/app-protocol';
import type { SecurityConfirmer } from '../../electron/connection/security-change';
import {
  browserSaveFileChooser,
  memoryOnlyEncryptor,
  openInSystemBrowser,
  terminalConfirmer,
} from './system-stand-ins';
import { BRIDGE_SCRIPT_PATH, SECRET_FRAGMENT_KEY } from './wire';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const LOOPBACK = '127.0.0.1';
const APP_ICON_PATH = path.join(REPO_ROOT, 'build', 'icon.png');

export interface BrowserHostOptions {
  /** The user-data folder: the database lives in it, so settings survive a host restart. */
  readonly userDataDir: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** The built renderer; defaults to out/renderer of this repository. */
  readonly rendererDir?: string;
  /** Default: package.json's productName and version, as the packaged app reports them. */
  readonly appName?: string;
  readonly appVersion?: string;
  readonly logger?: Logger;
  /**
   * Opens a sign-in page, as Electron's shell.openExternal does in the app. Default: the
   * operating system's browser, with the address also printed. Tests script the sign-in instead.
   */
  readonly openSignInPage?: (url: string) => Promise<{ readonly opened: boolean } | void>;
  /** Protects the sign-in cache. Default: nothing can encrypt, so tokens stay in memory. */
  readonly encryptor?: SecretEncryptor;
  /**
   * A custom cloud to point Mooring at on start (the local Azure emulator), set through the
   * contract exactly as a user would in Settings.
   */
  readonly azure?: DevelopmentAzure;
  /** An administrator's policy file to apply, as the app reads one at its platform path. */
  readonly policyFile?: string;
  /**
   * The app's own refresh at start-up and on its interval. Default off, so a test's emulator
   * sees only the requests the test causes; the demo and the command-line host turn it on.
   */
  readonly automaticRefresh?: boolean;
  /**
   * Stands in for the app's native confirmation dialog. Default: the question is asked in the
   * terminal that started the host (no terminal: the answer is no).
   */
  readonly confirmSecurityChange?: SecurityConfirmer;
}

export interface BrowserHost {
  /** The page address, carrying the per-launch secret in its fragment. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`, the only origin allowed to open the IPC socket. */
  readonly origin: string;
  readonly databasePath: string;
  close(): Promise<void>;
}

function readPackageIdentity(): { name: string; version: string } {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    name: string;
    productName?: string;
    version: string;
  };
  return { name: manifest.productName ?? manifest.name, version: manifest.version };
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Serves the built renderer to an ordinary browser on 127.0.0.1 and carries the same handler map
 * as the Electron shell over a WebSocket. For development and tests only; never packaged.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const rendererDir = path.resolve(options.rendererDir ?? path.join(REPO_ROOT, 'out', 'renderer'));
  const indexPath = path.join(rendererDir, 'index.html');
  if (!existsSync(indexPath)) {
    throw new Error(
      `The renderer is not built (${indexPath} is missing): run npx electron-vite build.`,
    );
  }
  const logger = options.logger ?? consoleLogger;
  const identity = readPackageIdentity();
  // The header the Electron protocol handler sends: the meta tag's policy plus header-only directives.
  const contentSecurityPolicy = CONTENT_SECURITY_POLICY;
  const standInScript = await bundleStandIn();
  const serveAppFile = createAppRequestHandler({ rootDir: rendererDir });

  mkdirSync(options.userDataDir, { recursive: true });
  const confirmer = options.confirmSecurityChange ?? terminalConfirmer(logger);
  // Pointing at the emulator named on the host's command line is the developer's own choice.
  let pointingAtEmulator = false;
  const services = composeServices({
    userDataDir: options.userDataDir,
    appName: options.appName ?? identity.name,
    appVersion: options.appVersion ?? identity.version,
    platform: process.platform,
    logger,
    encryptor: options.encryptor ?? memoryOnlyEncryptor,
    openSignInPage:
      options.openSignInPage ?? openInSystemBrowser(logger, () => services.signInHosts()),
    // The browser host is a developer tool: no machine policy applies unless a test names one.
    policyFile: options.policyFile ?? null,
    saveFileChooser: browserSaveFileChooser(logger),
    automaticRefresh: options.automaticRefresh ?? false,
    confirmSecurityChange: {
      confirm(request) {
        if (!pointingAtEmulator) return confirmer.confirm(request);
        logger.info(`Confirmed, as the host was started for this emulator: ${request.change}`);
        return Promise.resolve(true);
      },
    },
  });
  if (options.azure) {
    try {
      pointingAtEmulator = true;
      await pointAtDevelopmentAzure(services.dispatch, options.azure, {
        transport: 'browser-host',
      });
      pointingAtEmulator = false;
    } catch (error) {
      await services.close();
      throw error;
    }
  }

  const secret = randomBytes(32).toString('base64url');
  let origin = '';

  const send = (
    response: ServerResponse,
    status: number,
    body: string | Buffer,
    headers: OutgoingHttpHeaders = {},
  ) => {
    response.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Resource-Policy': 'same-origin',
      // A rebuilt renderer must show on the next reload.
      'Cache-Control': 'no-store',
      ...headers,
    });
    response.end(response.req.method === 'HEAD' ? undefined : body);
  };

  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.headers.host !== new URL(origin).host) {
      return send(response, 403, `Open the address the browser host printed (${origin}/).\n`);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, 'Only GET and HEAD are served.\n', { Allow: 'GET, HEAD' });
    }
    // Kept raw (not run through URL, which would quietly resolve `..`) so traversal is refused.
    const pathname = (request.url ?? '').split('?')[0] ?? '';
    if (!pathname.startsWith('/')) return send(response, 400, 'The request path is not valid.\n');
    if (pathname === '/' || pathname === '/index.html') {
      const html = injectBridgeScript(await readFile(indexPath, 'utf8'));
      return send(response, 200, html, { 'Content-Type': mimeTypeFor(indexPath) });
    }
    if (pathname === '/favicon.ico') {
      // Browsers ask for it on their own; Electron never does, so the renderer does not ship one.
      if (!existsSync(APP_ICON_PATH)) return send(response, 204, '');
      return send(response, 200, await readFile(APP_ICON_PATH), {
        'Content-Type': mimeTypeFor(APP_ICON_PATH),
      });
    }
    if (pathname === BRIDGE_SCRIPT_PATH) {
      return send(response, 200, standInScript, {
        'Content-Type': mimeTypeFor(BRIDGE_SCRIPT_PATH),
      });
    }
    // A URL parser would fold `..` (or `%2e%2e`) away; refuse it outright, as the probe it is.
    if (/(^|\/)(\.|%2e){2}(\/|$)/i.test(pathname)) return send(response, 403, 'Refused.\n');
    // The rest is served exactly as the Electron shell's mooring:// handler serves it.
    const answer = await serveAppFile(
      new Request(`${APP_ORIGIN}${pathname}`, { method: request.method ?? 'GET' }),
    );
    return send(response, answer.status, Buffer.from(await answer.arrayBuffer()), {
      'Content-Type': answer.headers.get('Content-Type') ?? 'text/plain; charset=utf-8',
    });
  };

  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      logger.error('Browser host failed to serve a request', error);
      if (!response.headersSent) send(response, 500, 'The browser host failed.\n');
      else response.destroy();
    });
  });

  let port: number;
  try {
    port = await listen(server, options.port ?? 0);
  } catch (error) {
    await services.close();
    throw error;
  }
  origin = `http://${LOOPBACK}:${port}`;
  const ipcSocket = attachIpcSocket({
    server,
    origin,
    secret,
    dispatch: services.dispatch,
    events: services.events,
    logger,
  });

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/#${SECRET_FRAGMENT_KEY}=${secret}`,
    origin,
    databasePath: services.databasePath,
    close: () => {
      closing ??= (async () => {
        await ipcSocket.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await services.close();
      })();
      return closing;
    },
  };
}
