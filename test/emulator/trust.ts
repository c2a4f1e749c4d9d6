import https from 'node:https';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/**
 * "Trust this CA" for the clients that talk to the emulator, without NODE_EXTRA_CA_CERTS (which Node reads only at
 * process start): an https Agent, Azure SDK client options, and an msal-node network client.
 */

/** An https Agent that trusts exactly the emulator's CA. */
export function trustingAgent(caPem: string): https.Agent {
  return new https.Agent({ ca: caPem, keepAlive: true });
}

/**
 * Options for `@azure/arm-*` clients: ARM at the emulator (`endpoint` drives the token scope, `$host` the request
 * URLs) and TLS trusting the emulator CA (core-rest-pipeline's `tlsOptions` give its Node https client a `ca`).
 */
export function armClientOptions(emulator: { armUrl: string; caPem: string }): {
  endpoint: string;
  $host: string;
  tlsOptions: { ca: string };
} {
  return { endpoint: emulator.armUrl, $host: emulator.armUrl, tlsOptions: { ca: emulator.caPem } };
}

/** msal-node sends with fetch by default; this network client sends with node:https and the emulator CA instead. */
export class TrustingMsalNetworkClient implements INetworkModule {
  constructor(private readonly caPem: string) {}

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private send<T>(
    method: string,
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return new Promise((resolve, reject) => {
      const body = options?.body;
      const request = https.request(
        url,
        {
          method,
          ca: this.caPem,
          ...(timeout ? { timeout } : {}),
          headers: {
            ...options?.headers,
            ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const headers: Record<string, string> = {};
            for (const [key, value] of Object.entries(response.headers))
              if (value !== undefined)
                headers[key] = Array.isArray(value) ? value.join(', ') : value;
            try {
              resolve({
                headers,
                body: (text ? JSON.parse(text) : {}) as T,
                status: response.statusCode ?? 0,
              });
            } catch (error) {
              reject(new Error(`Unparseable response from ${url}: ${String(error)}`));
            }
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error(`Request to ${url} timed out`)));
      request.on('error', reject);
      request.end(body);
    });
  }
}

/**
 * msal-node configuration for a tenant of the emulator: authority, knownAuthorities and the metadata msal would
 * otherwise discover from Microsoft (so it makes no discovery call), plus the trusting network client.
 */
export function msalOptionsFor(
  emulator: { authorityHost: string; knownAuthority: string; caPem: string },
  tenant: string,
): {
  auth: {
    authority: string;
    knownAuthorities: string[];
    authorityMetadata: string;
    cloudDiscoveryMetadata: string;
  };
  system: { networkClient: INetworkModule };
} {
  const host = emulator.authorityHost;
  const authorityMetadata = {
    token_endpoint: `${host}/{tenant}/oauth2/v2.0/token`,
    authorization_endpoint: `${host}/{tenant}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${host}/{tenant}/oauth2/v2.0/logout`,
    device_authorization_endpoint: `${host}/{tenant}/oauth2/v2.0/devicecode`,
    issuer: `${host}/{tenantid}/v2.0`,
    jwks_uri: `${host}/{tenant}/discovery/v2.0/keys`,
  };
  const cloudDiscoveryMetadata = {
    tenant_discovery_endpoint: `${host}/{tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [
      {
        preferred_network: emulator.knownAuthority,
        preferred_cache: emulator.knownAuthority,
        aliases: [emulator.knownAuthority],
      },
    ],
  };
  return {
    auth: {
      authority: `${host}/${tenant}`,
      knownAuthorities: [emulator.knownAuthority],
      authorityMetadata: JSON.stringify(authorityMetadata),
      cloudDiscoveryMetadata: JSON.stringify(cloudDiscoveryMetadata),
    },
    system: { networkClient: new TrustingMsalNetworkClient(emulator.caPem) },
  };
}

/** A TokenCredential over any token source (an msal call, a client_credentials request...). */
export function tokenCredential(
  getToken: (
    scopes: string[],
    options?: GetTokenOptions,
  ) => Promise<{ accessToken: string; expiresOn: Date | null }>,
): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
      const result = await getToken(Array.isArray(scopes) ? scopes : [scopes], options);
      return {
        token: result.accessToken,
        expiresOnTimestamp: result.expiresOn?.getTime() ?? Date.now() + 3600_000,
      };
    },
  };
}
