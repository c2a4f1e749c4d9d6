import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import {
  createAccountsService,
  type AccountsServiceHandle,
  type AccountsServiceOptions,
} from '../../electron/auth/create-accounts-service';
import { cloudCacheFile } from '../../electron/auth/cloud-token-caches';
import type { SecretEncryptor } from '../../electron/auth/secret-store';
import { cloudIdentity } from '../../electron/azure/clouds';
import type { ConnectionRuntime } from '../../electron/connection/runtime';
import { createEventHub } from '../../electron/ipc/handlers';
import type { Logger } from '../../electron/logging/logger';
import { openDatabase } from '../../electron/store/database';
import { contract } from '../../shared/ipc/contract';
import type { EventName, PayloadOf } from '../../shared/ipc/contract';
import type { AccountView, TenantView } from '../../shared/domain/accounts';
import type { RunningEmulator } from '../emulator/emulator';
import { emulatorRuntime } from '../support/emulator-runtime';
import { testEncryptor } from '../support/test-encryptor';

/** Every event the service emitted, in order, and a way to wait for the next matching one. */
export class RecordedEvents {
  readonly all: { name: EventName; payload: unknown }[] = [];
  private readonly waiters = new Set<() => void>();

  /** Events whose payload does not match the IPC contract, with zod's complaint. */
  readonly violations: string[] = [];

  record(name: EventName, payload: unknown): void {
    const checked = contract.events[name].payload.safeParse(payload);
    if (!checked.success) this.violations.push(`${name}: ${checked.error.message}`);
    this.all.push({ name, payload });
    for (const wake of this.waiters) wake();
  }

  of<E extends EventName>(name: E): PayloadOf<E>[] {
    return this.all.filter((e) => e.name === name).map((e) => e.payload as PayloadOf<E>);
  }

  /** The first event (past or future) with that name matching the predicate. */
  waitFor<E extends EventName>(
    name: E,
    matches: (payload: PayloadOf<E>) => boolean = () => true,
  ): Promise<PayloadOf<E>> {
    return new Promise((resolve) => {
      const check = () => {
        const found = this.of(name).find(matches);
        if (found === undefined) return false;
        this.waiters.delete(wake);
        resolve(found);
        return true;
      };
      const wake = () => void check();
      if (!check()) this.waiters.add(wake);
    });
  }
}

/** A logger that keeps messages for assertions (and shows none). */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string, detail?: unknown) =>
    void lines.push(`${level} ${message} ${detail === undefined ? '' : JSON.stringify(detail)}`);
  return { lines, info: keep('info'), warn: keep('warn'), error: keep('error') };
}

export interface HarnessOptions {
  /** Reuse a folder (a restart); a fresh temp folder otherwise. */
  readonly dir?: string;
  /** Reuse an encryptor (its key stands for the OS key store of one machine). */
  readonly encryptor?: SecretEncryptor;
  readonly allowWeakProtection?: () => boolean;
  /** The connection runtime in force; the emulator's by default. */
  readonly runtime?: () => Promise<ConnectionRuntime>;
  /** Shorter waits for tests that stall a server (the product keeps the defaults). */
  readonly limits?: Pick<AccountsServiceOptions, 'tenantListingTimeoutMs' | 'closeTimeoutMs'>;
}

export interface Harness {
  readonly dir: string;
  /** The token cache file of the emulator's cloud (each cloud has its own). */
  readonly cacheFile: string;
  /** The name the service derives each cloud's cache file from. */
  readonly baseCacheFile: string;
  readonly database: Database;
  readonly encryptor: SecretEncryptor;
  readonly service: AccountsServiceHandle;
  readonly events: RecordedEvents;
  readonly logger: Logger & { lines: string[] };
  /** The URLs the service asked the system browser to open. */
  readonly openedUrls: string[];
  /** Who the scripted browser signs in as; `null` leaves the browser open (no one signs in). */
  browserUser: string | null;
  signInWithBrowser(username: string): Promise<PayloadOf<'signIn.finished'>>;
  signInWithDeviceCode(username: string): Promise<PayloadOf<'signIn.finished'>>;
  /** Stops the service and closes the database; the folder stays for a restart. */
  stop(): Promise<void>;
  /** Stops and removes the folder. */
  dispose(): Promise<void>;
}

/** An accounts service wired to the emulator, a temp folder, a database and a recorded event hub. */
export function startHarness(emu: RunningEmulator, options: HarnessOptions = {}): Harness {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-auth-'));
  const baseCacheFile = path.join(dir, 'token-cache.bin');
  const cacheFile = cloudCacheFile(baseCacheFile, cloudIdentity({ resourceManager: emu.armUrl }));
  const database = openDatabase({ path: path.join(dir, 'mooring.sqlite3') });
  const encryptor = options.encryptor ?? testEncryptor('os');
  const events = new RecordedEvents();
  const hub = createEventHub();
  hub.subscribe((name, payload) => events.record(name, payload));
  const logger = recordingLogger();
  const defaultRuntime = emulatorRuntime(emu);
  const openedUrls: string[] = [];

  const harness: Harness = {
    dir,
    cacheFile,
    baseCacheFile,
    database,
    encryptor,
    events,
    logger,
    openedUrls,
    browserUser: null,
    service: createAccountsService({
      database,
      events: hub,
      runtime: options.runtime ?? (async () => defaultRuntime),
      encryptor,
      tokenStorage: { allowWeakProtection: options.allowWeakProtection ?? (() => false) },
      cacheFile: baseCacheFile,
      openSignInPage: async (url) => {
        openedUrls.push(url);
        if (harness.browserUser) await emu.control.completeBrowserSignIn(url, harness.browserUser);
      },
      logger,
      ...options.limits,
    }),
    async signInWithBrowser(username) {
      harness.browserUser = username;
      const { signInId } = harness.service.startSignIn('browser');
      return events.waitFor('signIn.finished', (e) => e.signInId === signInId);
    },
    async signInWithDeviceCode(username) {
      const { signInId } = harness.service.startSignIn('device-code');
      const prompt = await events.waitFor('signIn.deviceCode', (e) => e.signInId === signInId);
      await emu.control.approveDeviceCode(prompt.userCode, username);
      return events.waitFor('signIn.finished', (e) => e.signInId === signInId);
    },
    async stop() {
      await harness.service.close();
      database.close();
    },
    async dispose() {
      await harness.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** The scenario's tenant id for a display name. */
export function tenantIdOf(emu: RunningEmulator, displayName: string): string {
  const tenant = emu.scenario.tenants.find((t) => t.displayName === displayName);
  if (!tenant) throw new Error(`no tenant named ${displayName} in the scenario`);
  return tenant.id;
}

/** One tenant of an account view, by display name. */
export function tenantNamed(
  account: AccountView | null | undefined,
  displayName: string,
): TenantView {
  const tenant = account?.tenants.find((t) => t.displayName === displayName);
  if (!tenant) throw new Error(`the account has no tenant named ${displayName}`);
  return tenant;
}

/** The account of that username in a list of views. */
export function accountNamed(accounts: readonly AccountView[], username: string): AccountView {
  const account = accounts.find((a) => a.username === username);
  if (!account) throw new Error(`${username} is not in the list`);
  return account;
}
