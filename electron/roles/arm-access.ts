import type { TokenCredential } from '@azure/core-auth';
import type { CloudEndpoints } from '../azure/clouds';
import type { ConnectionRuntime } from '../connection/runtime';
import { AppError } from '../core/errors';
import { createArmReader, type ArmReader } from '../preflight/arm-reader';

/** A subscription as the signed-in accounts see it (the picker's snapshot). */
export interface VisibleSubscription {
  readonly subscriptionId: string;
  readonly displayName: string;
  readonly accountId: string;
  readonly tenantId: string;
}

export interface ArmAccessDeps {
  readonly subscriptions: () => readonly VisibleSubscription[];
  readonly credentialFor: (accountId: string, tenantId: string) => TokenCredential;
  readonly runtime: () => Promise<ConnectionRuntime>;
}

export interface ArmAccess {
  visible(subscriptionId: string): VisibleSubscription | null;
  /** ARM through the connection's pipeline (bearer-host policy, proxy, CAs) as the account that sees the subscription. */
  readerFor(subscriptionId: string): Promise<ArmReader>;
  /** The cloud in force; the last one known when the connection cannot be built now. */
  cloud(): Promise<Pick<CloudEndpoints, 'id' | 'portal'>>;
  /** The cloud last seen, without asking the connection (for events pushed as they happen). */
  knownCloud(): Pick<CloudEndpoints, 'id' | 'portal'>;
}

export function createArmAccess(deps: ArmAccessDeps): ArmAccess {
  let lastCloud: Pick<CloudEndpoints, 'id' | 'portal'> = { id: 'Custom' };
  const visible = (subscriptionId: string) =>
    deps
      .subscriptions()
      .find((s) => s.subscriptionId.toLowerCase() === subscriptionId.toLowerCase()) ?? null;
  return {
    visible,
    async readerFor(subscriptionId) {
      const seen = visible(subscriptionId);
      if (!seen) {
        throw new AppError(
          'unavailable',
          `No signed-in account sees subscription ${subscriptionId}: sign in with one that does, or select it in the subscription picker.`,
          { subscriptionId },
        );
      }
      const runtime = await deps.runtime();
      lastCloud = runtime.cloud;
      return createArmReader(
        deps.credentialFor(seen.accountId, seen.tenantId),
        runtime.armClientOptions(),
      );
    },
    async cloud() {
      try {
        lastCloud = (await deps.runtime()).cloud;
      } catch {
        // Offline or misconfigured: the links follow the last cloud known.
      }
      return lastCloud;
    },
    knownCloud: () => lastCloud,
  };
}
