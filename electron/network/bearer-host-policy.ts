import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { AdditionalPolicyConfig } from '@azure/core-client';
import { AppError } from '../core/errors';
import type { Logger } from '../logging/logger';
import { safeHost } from './network-errors';
import type { TrustedHosts } from './trusted-hosts';

export const BEARER_HOST_POLICY_NAME = 'mooringBearerHostPolicy';

/**
 * Refuses to send a request that carries a bearer token to any host but the trusted ones.
 *
 * The SDKs' bearerTokenAuthenticationPolicy signs every request of a client, whatever its URL:
 * a `nextLink`, an LRO polling URL or a redirect can name another host, and the token would
 * follow. This policy sits below signing, retries and redirects (core-client places a
 * `perRetry` policy after the Sign phase), so it sees the URL each request is really sent to,
 * with its Authorization header, just before the HTTP client. Requests without a token pass.
 */
export function bearerHostPolicy(trusted: TrustedHosts, logger?: Logger): PipelinePolicy {
  return {
    name: BEARER_HOST_POLICY_NAME,
    async sendRequest(request, next) {
      if (request.headers.has('authorization') && !trusted.allows(request.url)) {
        const host = safeHost(request.url);
        request.headers.delete('authorization');
        logger?.warn('Refused to send an Azure token to a host other than the configured cloud', {
          host,
          allowed: trusted.list(),
        });
        throw new AppError(
          'unavailable',
          `Mooring did not send this request: it would have carried your Azure token to ${host}, which is not the Resource Manager of the configured cloud (${safeHost(trusted.resourceManager)}). Nothing was sent; if this keeps happening, check the cloud in Settings > Connection to Azure.`,
          { code: 'TokenHostRefused', host },
        );
      }
      return next(request);
    },
  };
}

/** The `additionalPolicies` entry every Azure SDK client gets (see ConnectionRuntime.armClientOptions). */
export function bearerHostPolicyConfig(
  trusted: TrustedHosts,
  logger?: Logger,
): AdditionalPolicyConfig {
  return { policy: bearerHostPolicy(trusted, logger), position: 'perRetry' };
}
