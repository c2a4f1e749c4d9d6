import { LogLevel, PublicClientApplication } from '@azure/msal-node';
import { cloudIdentity } from '../azure/clouds';
import type { ConnectionRuntime } from '../connection/runtime';
import type { Logger } from '../logging/logger';
import type { CloudTokenCaches } from './cloud-token-caches';
import type { TokenCacheStore } from './token-cache-plugin';

/** The msal client in force and the connection runtime it was built from. */
export interface MsalClient {
  readonly app: PublicClientApplication;
  readonly runtime: ConnectionRuntime;
  /** `${authorityHost}/${tenant}`: the authority for one tenant (or `organizations`). */
  authority(tenant: string): string;
  /** msal's cache key for the cloud: the authority's host (with port). */
  readonly environment: string;
  /** The cloud this client's tokens are bound to (`cloudIdentity`: its Resource Manager host). */
  readonly cloud: string;
  /** That cloud's own token cache, which no other cloud's client reads. */
  readonly cacheStore: TokenCacheStore;
}

export interface MsalClientsOptions {
  readonly runtime: () => Promise<ConnectionRuntime>;
  readonly caches: CloudTokenCaches;
  readonly logger: Logger;
}

/**
 * Entra ID hosts msal-node knows from its built-in instance metadata. Any other host (Azure Stack,
 * a private cloud, the local emulator) is declared in `knownAuthorities`, which tells msal to trust
 * it and read its endpoints from its own OpenID configuration.
 */
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'login.microsoftonline.us',
  'login.usgovcloudapi.net',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

/**
 * One msal-node PublicClientApplication per (cloud, authority host, client id), built from the
 * connection runtime and rebuilt when the runtime changes (proxy, extra CAs). Each reads and
 * writes only its cloud's token cache, so a rebuild loses no sign-in and a new cloud starts with
 * no accounts.
 */
export function createMsalClients(options: MsalClientsOptions): { current(): Promise<MsalClient> } {
  const built = new Map<string, MsalClient>();

  const build = (runtime: ConnectionRuntime): MsalClient => {
    const host = runtime.cloud.authorityHost.replace(/\/+$/, '');
    const environment = new URL(host).host;
    const cloud = cloudIdentity(runtime.cloud);
    const cacheStore = options.caches.forCloud(cloud);
    const app = new PublicClientApplication({
      auth: {
        clientId: runtime.clientId,
        authority: `${host}/organizations`,
        ...(MICROSOFT_AUTHORITY_HOSTS.has(environment) ? {} : { knownAuthorities: [environment] }),
      },
      cache: { cachePlugin: cacheStore.plugin() },
      system: {
        networkClient: runtime.msalNetworkClient,
        loggerOptions: {
          // msal's own messages carry no tokens without PII logging; warnings and errors are enough.
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (level, message) => {
            if (level === LogLevel.Error) options.logger.error(`msal: ${message}`);
            else if (level === LogLevel.Warning) options.logger.warn(`msal: ${message}`);
          },
        },
      },
    });
    return {
      app,
      runtime,
      environment,
      cloud,
      cacheStore,
      authority: (tenant) => `${host}/${tenant}`,
    };
  };

  return {
    async current() {
      const runtime = await options.runtime();
      const key = `${cloudIdentity(runtime.cloud)}|${runtime.cloud.authorityHost}|${runtime.clientId}`;
      const existing = built.get(key);
      if (existing && existing.runtime === runtime) return existing;
      const client = build(runtime);
      built.set(key, client);
      return client;
    },
  };
}
