import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TokenCredential } from '@azure/core-auth';
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
import type { RunningEmulator } from './emulator';
import { rawRequest } from './rawClient';
import { msalOptionsFor, tokenCredential } from './trust';

/** Helpers for tests that run against the emulator (this suite and the app's integration tests). */

export const emulatorDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(emulatorDir, '..', '..');
export const demoScenarioPath = path.join(emulatorDir, 'scenarios', 'demo.json');

/** Settings that keep tests quick: short LRO and replication delays, Retry-After 0, a small page size so paging is exercised. */
export const fastSettings = {
  attachDelayMs: 300,
  deleteDelayMs: 300,
  principalReplicationDelayMs: 800,
  // Retry-After: 0 is still sent; SDK pollers then use their own (short) interval.
  operationRetryAfterSeconds: 0,
  deviceCodeIntervalSeconds: 1,
  pageSize: 2,
};

/** A TokenCredential for a scenario service principal, through msal-node's client_credentials flow. */
export function servicePrincipalCredential(
  emulator: RunningEmulator,
  tenantId: string,
  clientId: string,
  clientSecret: string,
): TokenCredential {
  const options = msalOptionsFor(emulator, tenantId);
  const app = new ConfidentialClientApplication({
    auth: { ...options.auth, clientId, clientSecret },
    system: options.system,
  });
  return tokenCredential(async (scopes) => {
    const result = await app.acquireTokenByClientCredential({ scopes });
    if (!result) throw new Error('no token');
    return { accessToken: result.accessToken, expiresOn: result.expiresOn };
  });
}

/** The demo scenario's automation service principal (Owner of "Contoso ML Production"). */
export function automationCredential(emulator: RunningEmulator): TokenCredential {
  const sp = emulator.scenario.servicePrincipals[0];
  if (!sp) throw new Error('the scenario has no service principal');
  return servicePrincipalCredential(emulator, sp.tenantId, sp.clientId, sp.clientSecret);
}

/** An ARM access token for a scenario account in a tenant, through msal-node's interactive flow and the scripted sign-in. */
export async function userArmToken(
  emulator: RunningEmulator,
  username: string,
  tenantId: string,
): Promise<string> {
  const options = msalOptionsFor(emulator, tenantId);
  const app = new PublicClientApplication({
    auth: { ...options.auth, clientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46' },
    system: options.system,
  });
  const result = await app.acquireTokenInteractive({
    scopes: [`${emulator.armUrl}/.default`],
    openBrowser: async (url) => {
      await emulator.control.completeBrowserSignIn(url, username);
    },
  });
  return result.accessToken;
}

/** A raw ARM caller with a bearer token (status codes and headers exactly as sent; for tests of the wire). */
export function armCaller(emulator: RunningEmulator, token: string | undefined) {
  return (method: string, pathOrUrl: string, body?: unknown) =>
    rawRequest(
      pathOrUrl.startsWith('https://') ? pathOrUrl : `${emulator.armUrl}${pathOrUrl}`,
      emulator.caPem,
      { method, headers: token ? { authorization: `Bearer ${token}` } : {}, body },
    );
}

export type ArmCaller = ReturnType<typeof armCaller>;

/**
 * A raw ARM caller signed in (as `userArmToken`) as `username` in the scenario tenant whose display
 * name starts with `tenantName`.
 */
export async function userArmCaller(
  emulator: RunningEmulator,
  username: string,
  tenantName: string,
): Promise<ArmCaller> {
  const tenant = emulator.scenario.tenants.find((t) => t.displayName.startsWith(tenantName));
  if (!tenant) throw new Error(`The scenario has no tenant named ${tenantName}…`);
  return armCaller(emulator, await userArmToken(emulator, username, tenant.id));
}

/** Polls `probe` until it returns a value (not undefined), at most `attempts` times `intervalMs` apart. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  attempts = 200,
  intervalMs = 25,
): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Gave up waiting for ${what} after ${attempts} attempts.`);
}
