/**
 * A main-process host for the crash-safety test: composes the operations over one database
 * folder against an emulator the test runs, resumes whatever the journal holds unfinished,
 * optionally starts one operation (MOORING_COMMAND, JSON), and exits once nothing is running.
 * It prints `ready`, `started <id>` and `idle` lines; the test kills it with SIGKILL at random.
 */
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { contract } from '../../shared/ipc/contract';
import { composeOperations } from '../../electron/app/compose-operations';
import { DEFAULT_CLIENT_ID, type ConnectionRuntime } from '../../electron/connection/runtime';
import { createTrustedHosts } from '../../electron/network/trusted-hosts';
import { openDatabase } from '../../electron/store/database';
import { TrustingMsalNetworkClient } from '../emulator/trust';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const armUrl = env('MOORING_ARM_URL');
const caPem = fs.readFileSync(env('MOORING_CA_PATH'), 'utf8');
const tenantId = env('MOORING_TENANT');
const clientId = env('MOORING_CLIENT_ID');
const clientSecret = env('MOORING_CLIENT_SECRET');

/** client_credentials against the emulator's token endpoint (the service principal is Owner). */
const credential: TokenCredential = {
  getToken: (scopes) =>
    new Promise<AccessToken>((resolve, reject) => {
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
        scope: [scopes].flat().join(' '),
      }).toString();
      const request = https.request(`${armUrl}/${tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        ca: caPem,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => {
          const body = JSON.parse(text) as { access_token?: string; expires_in?: number };
          if (!body.access_token) return reject(new Error(`no token: ${text}`));
          resolve({
            token: body.access_token,
            expiresOnTimestamp: Date.now() + (body.expires_in ?? 60) * 1000,
          });
        });
      });
      request.on('error', reject);
      request.end(form);
    }),
};

/**
 * Answers to writes come back slowly (as over a poor link): the write is applied in Azure well
 * before the host hears of it, so kills often land between the two — the case that must never
 * lead to a second send.
 */
const slowAnswersMs = Number(process.env['MOORING_SLOW_ANSWERS_MS'] ?? '0');
const network = createDefaultHttpClient();
const httpClient: HttpClient = {
  async sendRequest(request) {
    const response = await network.sendRequest(request);
    if (request.method !== 'GET' && slowAnswersMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, slowAnswersMs));
    }
    return response;
  },
};

const runtime: ConnectionRuntime = {
  cloud: {
    id: 'Custom',
    displayName: 'Local Azure emulator',
    resourceManager: armUrl,
    authorityHost: armUrl,
    armScope: `${armUrl}/.default`,
  },
  clientId: DEFAULT_CLIENT_ID,
  msalNetworkClient: new TrustingMsalNetworkClient(caPem),
  trustedHosts: createTrustedHosts(armUrl),
  armClientOptions: () => ({
    endpoint: armUrl,
    $host: armUrl,
    tlsOptions: { ca: caPem },
    httpClient,
  }),
};

const database = openDatabase({ path: path.join(env('MOORING_DATA_DIR'), 'mooring.sqlite3') });
const { handlers, service } = composeOperations({
  database,
  events: { emit: () => {} },
  runtime: () => Promise.resolve(runtime),
  credentialFor: () => credential,
  subscriptionAccess: () => ({ accountId: 'automation', tenantId }),
  // This host is killed mid-operation; it never runs a preflight.
  preflight: () => Promise.reject(new Error('the crash host runs no preflight')),
  logger: { info: () => {}, warn: () => {}, error: (m) => process.stderr.write(`${m}\n`) },
  tuning: {
    limits: {
      pollIntervalMs: 30,
      maxPollIntervalMs: 100,
      maxRunningAgeMs: 120_000,
      sendAttempts: 4,
    },
    retry: { attempts: 5, baseDelayMs: 20, maxDelayMs: 100 },
    writeBudget: { reserve: 0, refillPerSecond: 10 },
  },
});
process.stdout.write('ready\n');

const context = { transport: 'test' as const };
async function main(): Promise<void> {
  const command = process.env['MOORING_COMMAND'];
  if (command) {
    const { name, input } = JSON.parse(command) as { name: string; input: unknown };
    let view;
    if (name === 'attach.start') {
      view = await handlers['attach.start'](
        contract.operations['attach.start'].input.parse(input),
        context,
      );
    } else if (name === 'computes.updateIdentity') {
      const parsed = contract.operations['computes.updateIdentity'].input.parse(input);
      view = await handlers['computes.updateIdentity'](parsed, context);
    } else {
      const parsed = contract.operations['computes.detach'].input.parse(input);
      view = await handlers['computes.detach'](parsed, context);
    }
    process.stdout.write(`started ${view.operationId}\n`);
  }
  await service.idle();
  database.close();
  process.stdout.write('idle\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
