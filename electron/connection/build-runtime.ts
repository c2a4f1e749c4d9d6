import { isSignInUrlOf, type CloudEndpoints } from '../azure/clouds';
import type { Logger } from '../logging/logger';
import { createArmHttpClient } from '../network/arm-http-client';
import { bearerHostPolicyConfig } from '../network/bearer-host-policy';
import { MsalNetworkClient } from '../network/msal-network-client';
import type { NetworkTransport } from '../network/transport';
import { createTrustedHosts } from '../network/trusted-hosts';
import type { ArmClientOptions, ConnectionRuntime } from './runtime';

/** A ConnectionRuntime over one transport: msal and every ARM client share its agents. */
export function createConnectionRuntime(parts: {
  cloud: CloudEndpoints;
  clientId: string;
  transport: NetworkTransport;
  /** Where refused token hosts are logged. */
  logger?: Logger;
}): ConnectionRuntime {
  const { cloud, clientId, transport } = parts;
  // Codes and refresh tokens go only to the cloud's own sign-in service, whatever its OpenID
  // configuration names.
  const msalNetworkClient = new MsalNetworkClient(transport, undefined, {
    name: new URL(cloud.authorityHost).host,
    allows: (url) => isSignInUrlOf(cloud, url),
  });
  const httpClient = createArmHttpClient(transport);
  const trustedHosts = createTrustedHosts(cloud.resourceManager);
  const bearerHosts = bearerHostPolicyConfig(trustedHosts, parts.logger);
  return {
    cloud,
    clientId,
    msalNetworkClient,
    trustedHosts,
    armClientOptions(): ArmClientOptions {
      return {
        endpoint: cloud.resourceManager,
        $host: cloud.resourceManager,
        credentialScopes: [cloud.armScope],
        httpClient,
        additionalPolicies: [bearerHosts],
      };
    },
  };
}
