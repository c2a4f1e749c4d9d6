import type { TokenCredential } from '@azure/core-auth';
import type { SubscriptionView } from '../../shared/domain/subscriptions';
import type { ConnectionRuntime } from '../connection/runtime';
import type { Logger } from '../logging/logger';
import type { TrustedHosts } from '../network/trusted-hosts';
import { createArmReader } from '../preflight/arm-reader';
import { createKubernetesClientFactory } from '../preflight/kubernetes-client';
import { createPreflightService, type PreflightService } from '../preflight/preflight-service';

export interface PreflightCompositionParts {
  /** ARM (and AKS server application) tokens for one (account, tenant). */
  readonly credentialFor: (accountId: string, tenantId: string) => TokenCredential;
  /** The connection as currently configured; read at every check. */
  readonly runtime: () => Promise<ConnectionRuntime>;
  /** The subscriptions the accounts see (the picker's snapshot), for the account and tenant of each. */
  readonly subscriptions: () => ReadonlyArray<
    Pick<SubscriptionView, 'subscriptionId' | 'accountId' | 'tenantId'>
  >;
  readonly logger: Logger;
}

/**
 * The attach preflight, built from what composition.ts already has:
 * `composePreflight({ credentialFor: (a, t) => accounts.credentialFor(a, t),
 * runtime: () => connection.runtime(), subscriptions: () => subscriptions.snapshot().subscriptions,
 * logger })`, then `'attach.preflight': (request) => preflight.check(request)`.
 */
export function composePreflight(parts: PreflightCompositionParts): PreflightService {
  // The runtime of the check in progress: its trusted hosts decide where a token may go, and an
  // API server named by that cloud's own listClusterUserCredential answer is registered there.
  let trustedHosts: TrustedHosts | undefined;
  return createPreflightService({
    credentialForSubscription(subscriptionId) {
      // The subscription as listed by its own tenant (the first account that sees it wins).
      const seen = parts
        .subscriptions()
        .find((s) => s.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
      return seen ? parts.credentialFor(seen.accountId, seen.tenantId) : null;
    },
    armReader: async (credential) => {
      const runtime = await parts.runtime();
      trustedHosts = runtime.trustedHosts;
      return createArmReader(credential, runtime.armClientOptions());
    },
    // A direct connection that trusts only the kubeconfig's CA, and sends a token only where the
    // runtime's bearer-host rule allows.
    kubernetesClients: createKubernetesClientFactory({
      mayCarryToken: (url) => trustedHosts?.allows(url) ?? false,
    }),
    onKubernetesServer: (origin) => {
      trustedHosts?.allowKubernetesApiHost(origin);
      parts.logger.info('Checking a namespace on a Kubernetes API server', { origin });
    },
    logger: parts.logger,
  });
}
