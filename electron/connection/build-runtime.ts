import type { CloudEndpoints } from '../azure/clouds';
import { createArmHttpClient } from '../network/arm-http-client';
import { MsalNetworkClient } from '../network/msal-network-client';
import type { NetworkTransport } from '../network/transport';
import type { ArmClientOptions, ConnectionRuntime } from './runtime';

/** A ConnectionRuntime over one transport: msal and every ARM client share its agents. */
export function createConnectionRuntime(parts: {
  cloud: CloudEndpoints;
  clientId: string;
  transport: NetworkTransport;
}): ConnectionRuntime {
  const { cloud, clientId, transport } = parts;
  const msalNetworkClient = new MsalNetworkClient(transport);
  const httpClient = createArmHttpClient(transport);
  return {
    cloud,
    clientId,
    msalNetworkClient,
    armClientOptions(): ArmClientOptions {
      return {
        endpoint: cloud.resourceManager,
        $host: cloud.resourceManager,
        credentialScopes: [cloud.armScope],
        httpClient,
      };
    },
  };
}
