import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { handleArm } from './arm/router';
import { EmulatorControl } from './control/client';
import { controlPrefix, handleControl } from './control/routes';
import type { EmulatorContext } from './core/context';
import { newGuid } from './core/ids';
import { normalizePath, type EmulatorRequest } from './core/request';
import { RequestLog, type RequestLogEntry } from './core/requestLog';
import type { Reply } from './core/reply';
import { TokenSigner } from './entra/jwt';
import { handleEntra, isEntraPath } from './entra/routes';
import { SignInStore } from './entra/signInStore';
import { FaultInjector } from './faults/faultInjector';
import { startKubernetesApi, type KubernetesApi } from './kubernetes/apiServer';
import { loadScenarioFile, parseScenario } from './scenario/load';
import type { EmulatorSettings, Scenario, ScenarioInput } from './scenario/schema';
import { caPathIn, generateCertificates, loadOrCreateCertificates } from './tls/certificates';
import { World } from './world/world';

export interface StartEmulatorOptions {
  /** A scenario object (validated here), or the path of a scenario JSON file. */
  scenario: Scenario | ScenarioInput | string;
  /**
   * false: use `scenario` as an already valid, parsed Scenario (e.g. from `generateScenario`, valid by construction)
   * and skip validation, which dominates start-up for millions of records. Default true.
   */
  validate?: boolean;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Folder to reuse certificates from (or write new ones to); default: fresh ones in a temporary folder. */
  certsDir?: string;
  /** Overrides of the scenario's settings (page size, delays...), e.g. short delays for tests. */
  settings?: Partial<EmulatorSettings>;
  /** The control secret; default: random. */
  controlSecret?: string;
}

/** A running emulator. ARM and the Entra ID authority share one HTTPS origin. */
export interface RunningEmulator {
  /** `https://127.0.0.1:{port}`: pass as `endpoint` and `$host` to the ARM SDK clients. */
  armUrl: string;
  /** `https://127.0.0.1:{port}`: the authority host; a tenant's authority is `${authorityHost}/${tenantId}`. */
  authorityHost: string;
  /** `127.0.0.1:{port}`: the value for msal's `knownAuthorities`. */
  knownAuthority: string;
  controlUrl: string;
  controlSecret: string;
  /** The CA certificate that signed the server certificate (PEM), and a file holding it (for NODE_EXTRA_CA_CERTS). */
  caPem: string;
  caPath: string;
  port: number;
  control: EmulatorControl;
  requestLog: RequestLog;
  /** The clusters' Kubernetes API servers: another origin, with the clusters' own CA. */
  kubernetes: KubernetesApi;
  /** The live state, for assertions that have no HTTP equivalent. */
  world: World;
  scenario: Scenario;
  authorityUrl(tenant: string): string;
  /** Every refresh token issued so far: tests check that none leaks where it must not go. */
  issuedRefreshTokens(): string[];
  /**
   * Takes the local Azure off the network without losing its state: the listener closes and
   * open connections are cut, so Mooring meets a real refused connection (ECONNREFUSED).
   */
  stopListening(): Promise<void>;
  /** Listens again on the same port, with the same world, sign-ins and certificates. */
  listenAgain(): Promise<void>;
  /** Whether the listener is open. */
  isListening(): boolean;
  close(): Promise<void>;
}

async function resolveScenario(
  input: StartEmulatorOptions['scenario'],
  validate: boolean,
): Promise<Scenario> {
  if (typeof input === 'string') return loadScenarioFile(input);
  // The caller vouches for the shape when it turns validation off (the option's documented contract).
  return validate ? parseScenario(input) : (input as Scenario);
}

export async function startEmulator(options: StartEmulatorOptions): Promise<RunningEmulator> {
  const scenario = await resolveScenario(options.scenario, options.validate ?? true);
  const settings: EmulatorSettings = {
    ...scenario.settings,
    ...stripUndefined(options.settings ?? {}),
  };
  // The state first: a scenario whose references fail throws before any port or file is taken.
  const world = new World(scenario, settings);
  const tempDir = options.certsDir
    ? undefined
    : await mkdtemp(path.join(os.tmpdir(), 'mooring-emulator-'));
  const certificates = options.certsDir
    ? await loadOrCreateCertificates(options.certsDir)
    : await generateCertificates();
  const caPath = options.certsDir ? caPathIn(options.certsDir) : path.join(tempDir ?? '', 'ca.pem');
  if (tempDir) await writeFile(caPath, certificates.caPem);
  const controlSecret = options.controlSecret ?? randomBytes(24).toString('base64url');
  const requestLog = new RequestLog();
  const sockets = new Set<Socket>();
  const server = https.createServer({
    key: certificates.serverKeyPem,
    cert: certificates.serverCertPem,
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (at: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(at, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  // Closes the listener and cuts open connections; the world and sign-ins stay.
  const stopListening = async () => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  try {
    await listen(options.port ?? 0);
  } catch (error) {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `https://127.0.0.1:${port}`;
  const signer = new TokenSigner();
  const kubernetes = await startKubernetesApi({ world, signer });
  const ctx: EmulatorContext = {
    world,
    signIns: new SignInStore(),
    signer,
    kubernetes,
    faults: new FaultInjector(scenario.faults),
    baseUrl,
    urlSigningKey: randomBytes(32).toString('hex'),
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void serve(ctx, req, res, controlSecret, requestLog).catch((error: unknown) => {
      if (!res.headersSent)
        writeReply(
          res,
          {
            status: 500,
            body: {
              error: { code: 'InternalServerError', message: `Emulator failure: ${String(error)}` },
            },
          },
          newGuid(),
        );
    });
  });
  const controlUrl = `${baseUrl}${controlPrefix}`;
  return {
    armUrl: baseUrl,
    authorityHost: baseUrl,
    knownAuthority: `127.0.0.1:${port}`,
    controlUrl,
    controlSecret,
    caPem: certificates.caPem,
    caPath,
    port,
    control: new EmulatorControl(controlUrl, controlSecret, certificates.caPem),
    requestLog,
    kubernetes,
    world,
    scenario,
    authorityUrl: (tenant) => `${baseUrl}/${tenant}`,
    issuedRefreshTokens: () => [...ctx.signIns.refreshTokens.keys()],
    stopListening,
    listenAgain: async () => {
      if (!server.listening) await listen(port);
    },
    isListening: () => server.listening,
    close: async () => {
      await stopListening();
      await kubernetes.close();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 4 * 1024 * 1024) throw new Error('request body larger than 4 MiB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function serve(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  secret: string,
  log: RequestLog,
): Promise<void> {
  const started = Date.now();
  // Concatenate rather than resolve: a path like `//subscriptions/...` (SDK scope with a leading slash) must stay a path.
  const url = new URL(`${ctx.baseUrl}${req.url ?? '/'}`);
  const request: EmulatorRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    url,
    path: normalizePath(url.pathname),
    headers: req.headers,
    body: await readBody(req),
    requestId: newGuid(),
    receivedAt: started,
  };
  const kind: RequestLogEntry['kind'] = request.path.startsWith(controlPrefix)
    ? 'control'
    : isEntraPath(request.path)
      ? 'entra'
      : 'arm';
  const record = (status: number, account?: string, fault?: string) =>
    log.add({
      time: new Date(started).toISOString(),
      method: request.method,
      path: `${url.pathname}${url.search}`,
      query: Object.fromEntries(url.searchParams),
      hasAuthorization: typeof req.headers.authorization === 'string',
      ...(kind === 'arm' && request.body.trim() !== '' ? { body: jsonOrText(request.body) } : {}),
      status,
      durationMs: Date.now() - started,
      kind,
      requestId: request.requestId,
      ...(account ? { account } : {}),
      ...(fault ? { fault } : {}),
    });
  if (kind === 'control') {
    const reply = await handleControl(ctx, request, secret, log);
    writeReply(res, reply, request.requestId);
    return;
  }
  const delay = ctx.faults.delayMs();
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const decision = ctx.faults.decide(request.method, request.path);
  if (decision.action === 'drop') {
    record(0, undefined, 'dropped');
    req.socket.destroy();
    return;
  }
  if (decision.action === 'reply') {
    writeReply(res, decision.reply, request.requestId);
    record(decision.reply.status, undefined, 'burst');
    return;
  }
  if (kind === 'entra') {
    const reply = await handleEntra(ctx, request);
    writeReply(res, reply, request.requestId);
    record(reply.status);
    return;
  }
  const outcome = await handleArm(ctx, request);
  writeReply(res, outcome.reply, request.requestId);
  record(outcome.reply.status, outcome.caller?.label);
}

function jsonOrText(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

function writeReply(res: ServerResponse, reply: Reply, requestId: string): void {
  const headers: Record<string, string> = {
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id': requestId,
    ...reply.headers,
  };
  let payload: string | undefined;
  if (typeof reply.body === 'string') payload = reply.body;
  else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}
