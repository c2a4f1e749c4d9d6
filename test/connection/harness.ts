import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ConnectionView, TokenStorageStatus } from '../../shared/domain/connection';
import {
  createConnectionService,
  type ConnectionService,
  type ConnectionServiceOptions,
} from '../../electron/connection/connection-service';
import { createEventHub } from '../../electron/ipc/handlers';
import type { Logger } from '../../electron/logging/logger';
import { createSettingsRepository } from '../../electron/settings/settings-repository';
import { openDatabase } from '../../electron/store/database';
import { scriptedConfirmer } from '../browser-host/system-stand-ins';
import { generateCertificates } from '../emulator/tls/certificates';

export const memoryTokenStorage: TokenStorageStatus = {
  mode: 'memory',
  osKeyStoreAvailable: false,
};

/** A temporary folder for one test's database, CA and policy files. */
export function temporaryFolder(): {
  path: string;
  file(name: string, content: string): string;
  remove(): void;
} {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-connection-'));
  return {
    path: folder,
    file(name, content) {
      const file = path.join(folder, name);
      fs.writeFileSync(file, content);
      return file;
    },
    remove: () => fs.rmSync(folder, { recursive: true, force: true }),
  };
}

export interface ServiceUnderTest {
  readonly service: ConnectionService;
  /** `connection.changed` payloads, in order. */
  readonly changes: ConnectionView[];
  /** Everything logged, as JSON text, to check what never reaches the log. */
  readonly logText: () => string;
  close(): void;
}

/** A connection service over a database file in `folder` (a second call reopens the same database). */
export function connectionService(
  folder: string,
  options: Partial<Omit<ConnectionServiceOptions, 'settings' | 'events' | 'logger'>> = {},
): ServiceUnderTest {
  const database = openDatabase({ path: path.join(folder, 'mooring.db') });
  const events = createEventHub();
  const changes: ConnectionView[] = [];
  events.subscribe((name, payload) => {
    if (name === 'connection.changed') changes.push(payload as ConnectionView);
  });
  const lines: string[] = [];
  const record = (message: string, detail?: unknown) =>
    lines.push(JSON.stringify({ message, detail: detail ?? null }));
  const logger: Logger = { info: record, warn: record, error: record };
  const service = createConnectionService({
    settings: createSettingsRepository(database),
    events,
    logger,
    policyFile: null,
    tokenStorage: () => memoryTokenStorage,
    confirmer: scriptedConfirmer(true),
    resolveSystemProxy: async () => null,
    metadataTimeoutMs: 10_000,
    proxyConnectTimeoutMs: 10_000,
    ...options,
  });
  return { service, changes, logText: () => lines.join('\n'), close: () => database.close() };
}

/** An https server on 127.0.0.1 (its own CA) that answers every request with this JSON. */
export async function startJsonServer(
  body: unknown,
): Promise<{ url: string; caPem: string; close(): Promise<void> }> {
  const certificates = await generateCertificates();
  const server = https.createServer(
    { cert: certificates.serverCertPem, key: certificates.serverKeyPem },
    (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caPem: certificates.caPem,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The AppError (or other failure) a promise rejects with. */
export async function failureOf(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; details?: unknown };
  }
  throw new Error('expected a failure');
}
