import type { TokenCredential } from '@azure/core-auth';
import type { Database } from 'better-sqlite3';
import type { ConnectionRuntime } from '../connection/runtime';
import type { EventHub, Handler, HandlerMap } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import {
  createOperationsService,
  type OperationsService,
  type OperationsServiceOptions,
  type SubscriptionAccess,
} from '../operations/operations-service';

type OperationsHandlerName =
  | 'attach.preflight'
  | 'attach.preview'
  | 'attach.start'
  | 'attach.startBulk'
  | 'computes.get'
  | 'computes.previewIdentityChange'
  | 'computes.updateIdentity'
  | 'computes.previewDetach'
  | 'computes.detach'
  | 'operations.list'
  | 'operations.get';

/** Polling and retry settings (tests and the crash host make them fast; the app keeps the defaults). */
export type OperationsTuning = Pick<
  OperationsServiceOptions,
  'clock' | 'limits' | 'retry' | 'writeBudget' | 'bulkConcurrency'
>;

export interface OperationsParts {
  readonly database: Database;
  readonly events: Pick<EventHub, 'emit'>;
  readonly runtime: () => Promise<ConnectionRuntime>;
  readonly credentialFor: (accountId: string, tenantId: string) => TokenCredential;
  readonly subscriptionAccess: SubscriptionAccess;
  readonly logger: Logger;
  /** The attach preflight (electron/preflight), served beside the operations it checks. */
  readonly preflight: Handler<'attach.preflight'>;
  readonly tuning?: OperationsTuning;
  /** Pollers pause while Azure cannot be reached and resume when it can. */
  readonly connectivity?: OperationsServiceOptions['connectivity'];
}

/**
 * The operations' handlers over one service. The service resumes every unfinished journal row at
 * once: an attach left running when the app quit goes on being followed from start-up.
 */
export function composeOperations(parts: OperationsParts): {
  handlers: Pick<HandlerMap, OperationsHandlerName>;
  service: OperationsService;
} {
  const service = createOperationsService({
    database: parts.database,
    events: parts.events,
    runtime: parts.runtime,
    credentialFor: parts.credentialFor,
    subscriptionAccess: parts.subscriptionAccess,
    logger: parts.logger,
    ...parts.tuning,
    ...(parts.connectivity ? { connectivity: parts.connectivity } : {}),
  });
  service.resume();
  return {
    service,
    handlers: {
      'attach.preflight': parts.preflight,
      'attach.preview': (request) => service.previewAttach(request),
      'attach.start': (request) => service.startAttach(request),
      'attach.startBulk': ({ requests }) => service.startBulk(requests),
      'computes.get': ({ computeId }) => service.computeDetail(computeId),
      'computes.previewIdentityChange': ({ computeId, identity }) =>
        service.previewIdentityChange(computeId, identity),
      'computes.updateIdentity': ({ computeId, identity }) =>
        service.updateIdentity(computeId, identity),
      'computes.previewDetach': ({ computeId }) => service.previewDetach(computeId),
      'computes.detach': ({ computeId }) => service.detach(computeId),
      'operations.list': () => service.list(),
      'operations.get': ({ operationId }) => service.get(operationId),
    },
  };
}

/** The account and tenant the subscriptions service uses for a subscription (case-insensitive id). */
export function accessFromSubscriptions(
  list: () => readonly { subscriptionId: string; accountId: string; tenantId: string }[],
): SubscriptionAccess {
  return (subscriptionId) => {
    const found = list().find(
      (subscription) => subscription.subscriptionId.toLowerCase() === subscriptionId.toLowerCase(),
    );
    return found ? { accountId: found.accountId, tenantId: found.tenantId } : null;
  };
}
