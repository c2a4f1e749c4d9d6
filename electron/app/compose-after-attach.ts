import type { Database } from 'better-sqlite3';
import type { OperationView } from '../../shared/domain/operations';
import type { EventHub, HandlerMap } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import {
  createAfterAttach,
  type AfterAttach,
  type AfterAttachDeps,
} from '../operations/after-attach';
import type { RolesService } from '../roles/roles-service';

type AttachHandlers = Pick<HandlerMap, 'attach.start' | 'attach.startBulk'>;

export interface AfterAttachParts {
  readonly database: Database;
  readonly events: Pick<EventHub, 'subscribe'>;
  readonly roles: Pick<RolesService, 'grantPreset'>;
  readonly logger: Logger;
  readonly tuning?: Pick<AfterAttachDeps, 'principalRetryMs' | 'principalRetries'>;
}

const sameCompute = (
  view: Pick<OperationView, 'workspaceId' | 'computeName'>,
  request: { workspaceId: string; computeName: string },
) =>
  view.workspaceId.toLowerCase() === request.workspaceId.toLowerCase() &&
  view.computeName.toLowerCase() === request.computeName.toLowerCase();

/**
 * Attach and grant in one go. Call before composeOperations (its resume emits at once); wrap the
 * attach handlers so each started attach remembers its presets:
 * `const afterAttach = composeAfterAttach({ database, events, roles: roles.service, logger })`,
 * `...afterAttach.wrap(operations.handlers)` after the operations' handlers, `afterAttach.close()`.
 */
export function composeAfterAttach(parts: AfterAttachParts): {
  service: AfterAttach;
  wrap: (handlers: AttachHandlers) => AttachHandlers;
  close: () => void;
} {
  const service = createAfterAttach({
    database: parts.database,
    grantPreset: (computeId, preset) => parts.roles.grantPreset(computeId, preset),
    logger: parts.logger,
    ...parts.tuning,
  });
  const unsubscribe = parts.events.subscribe((name, payload) => {
    if (name === 'operations.changed') service.operationChanged(payload as OperationView);
  });
  // An attach that ended while the app was closed hands its presets over now.
  service.resume();
  return {
    service,
    wrap: (handlers) => ({
      'attach.start': async (request, context) => {
        const view = await handlers['attach.start'](request, context);
        service.remember(view.operationId, request.grants ?? []);
        return view;
      },
      'attach.startBulk': async (input, context) => {
        const views = await handlers['attach.startBulk'](input, context);
        for (const view of views) {
          const request = input.requests.find((candidate) => sameCompute(view, candidate));
          if (request && view.kind === 'attach')
            service.remember(view.operationId, request.grants ?? []);
        }
        return views;
      },
    }),
    close: () => {
      unsubscribe();
      service.close();
    },
  };
}
