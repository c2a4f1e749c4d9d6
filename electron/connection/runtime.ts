import type { CommonClientOptions } from '@azure/core-client';
import type { INetworkModule } from '@azure/msal-node';
import type { CloudEndpoints } from '../azure/clouds';
import type { TrustedHosts } from '../network/trusted-hosts';

/**
 * Everything a service needs to reach Azure as the user configured it: which cloud, which
 * application id to sign in as, and transports that honour the proxy and extra CA settings.
 * Built from the connection settings (and the administrator's policy file); rebuilt when they
 * change. Tests build one that points at the local Azure emulator.
 */
export interface ConnectionRuntime {
  readonly cloud: CloudEndpoints;
  /** The Entra ID public client application id. */
  readonly clientId: string;
  /** msal-node's `system.networkClient`: proxy and extra CAs applied to every sign-in request. */
  readonly msalNetworkClient: INetworkModule;
  /**
   * The hosts a bearer token may go to: this cloud's Resource Manager, plus Kubernetes API servers
   * Mooring registers itself (`trustedHosts.allowKubernetesApiHost(url)`, with a server URL read
   * from this cloud's ARM answer). Every Azure client built from `armClientOptions()` refuses to
   * send a token anywhere else.
   */
  readonly trustedHosts: TrustedHosts;
  /**
   * Options for every `@azure/arm-*` client: the cloud's ARM endpoint, a transport with proxy and
   * extra CAs, and the bearer-host policy (see electron/network/bearer-host-policy.ts).
   */
  armClientOptions(): ArmClientOptions;
}

/**
 * `endpoint` and `$host` both point the generated ARM clients at the cloud's Resource Manager
 * (the first drives the default token scope, the second the request URLs); `credentialScopes`
 * carries the cloud's own ARM audience, which a custom cloud may name differently from its URL.
 */
export type ArmClientOptions = CommonClientOptions & {
  endpoint: string;
  $host?: string;
  credentialScopes?: string[];
};

/** The application id Mooring signs in as unless configured otherwise (a public client usable in any tenant). */
export const DEFAULT_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/**
 * msal-node authority settings for one tenant of a cloud. The three Azure clouds are in msal's
 * own list of known hosts; any other sign-in host (a custom cloud) must be declared in
 * `knownAuthorities`, or msal refuses it.
 */
export function msalAuthorityFor(
  cloud: CloudEndpoints,
  tenant: string,
): { authority: string; knownAuthorities: string[] } {
  return {
    authority: `${cloud.authorityHost}/${tenant}`,
    knownAuthorities: cloud.id === 'Custom' ? [new URL(cloud.authorityHost).host] : [],
  };
}
