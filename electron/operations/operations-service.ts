import { randomUUID } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import type { Database } from 'better-sqlite3';
import { armResourceName, sameArmId } from '../../shared/azure/arm-id';
import type {
  AttachRequest,
  ComputeDetail,
  IdentityChangePreview,
  IdentityChoice,
  OperationDetail,
  OperationView,
  RequestPreview,
} from '../../shared/domain/operations';
import { mapWithConcurrency } from '../concurrency/map-with-concurrency';
import type { ConnectionRuntime } from '../connection/runtime';
import { AppError } from '../core/errors';
import type { EventHub } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import { defaultRetryPolicy, type RetryPolicy } from './arm-retry';
import { createArmSession, type ArmSession } from './arm-session';
import { systemClock, type Clock } from './clock';
import type { ConnectivityGate } from './connectivity-gate';
import { createComputeRecordStore } from './compute-record-store';
import {
  armUrl,
  attachTargetOf,
  computeIdOf,
  computeQuery,
  workspaceIdOf,
  workspaceOfCompute,
} from './compute-request';
import { createJournalStore, operationView, type OperationRow } from './journal-store';
import {
  planAttach,
  planDetach,
  planIdentityChange,
  readCompute,
  readWorkspace,
  type OperationPlan,
} from './operation-plans';
import { readOperationDetail } from './operation-detail';
import { defaultRunnerLimits, runOperation, type RunnerLimits } from './operation-runner';
import { identityOfAnswer } from './operation-verdicts';
import { assignmentsOfPrincipal } from './role-assignments';
import {
  createWriteBudget,
  defaultWriteBudgetLimits,
  type WriteBudgetLimits,
} from './write-budget';

/** Which signed-in account and tenant reach a subscription (the subscriptions service knows). */
export type SubscriptionAccess = (
  subscriptionId: string,
) => { accountId: string; tenantId: string } | null;

export interface OperationsServiceOptions {
  readonly database: Database;
  readonly events: Pick<EventHub, 'emit'>;
  readonly runtime: () => Promise<ConnectionRuntime>;
  readonly credentialFor: (accountId: string, tenantId: string) => TokenCredential;
  readonly subscriptionAccess: SubscriptionAccess;
  readonly clock?: Clock;
  readonly limits?: Partial<RunnerLimits>;
  readonly retry?: Partial<RetryPolicy>;
  readonly writeBudget?: Partial<WriteBudgetLimits>;
  /** How many attaches of a bulk request are sent at once. */
  readonly bulkConcurrency?: number;
  readonly logger?: Logger;
  /** Pollers pause while Azure cannot be reached and are followed again when it can. */
  readonly connectivity?: ConnectivityGate;
}

/**
 * Attach, identity change and detach as journalled operations. Each is a row before anything is
 * sent; a poller owned by this service (not by any window) follows it to its end and emits
 * `operations.changed` at every step; `resume()` picks up every unfinished row after a restart.
 */
export function createOperationsService(options: OperationsServiceOptions) {
  const clock = options.clock ?? systemClock;
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const limits: RunnerLimits = { ...defaultRunnerLimits, ...options.limits };
  const journal = createJournalStore(options.database);
  const records = createComputeRecordStore(options.database);
  const budget = createWriteBudget(clock, { ...defaultWriteBudgetLimits, ...options.writeBudget });
  const stopping = new AbortController();
  const running = new Map<string, Promise<void>>();

  const accessFor = (subscriptionId: string) => {
    const access = options.subscriptionAccess(subscriptionId);
    if (!access) {
      throw new AppError(
        'not-found',
        `No signed-in account can reach subscription ${subscriptionId}. Refresh the subscriptions (or sign in to its tenant), then try again.`,
        { subscriptionId },
      );
    }
    return access;
  };
  const sessionFor = async (accountId: string, tenantId: string): Promise<ArmSession> =>
    createArmSession(
      await options.runtime(),
      options.credentialFor(accountId, tenantId),
      () => clock.now().getTime(),
      stopping.signal,
    );
  const contextFor = async (subscriptionId: string) => {
    const access = accessFor(subscriptionId);
    return {
      access,
      plan: { session: await sessionFor(access.accountId, access.tenantId), clock, retry },
    };
  };

  /** Follows every row still pending or running (rows still followed are left alone). */
  const resume = (): number => {
    const unfinished = journal.unfinished();
    for (const row of unfinished) void follow(row.operationId);
    return unfinished.length;
  };
  // A poller that paused offline: once Azure can be reached, the start-up resume runs again (at
  // once when the connection returned before the pause ended). One wait serves every paused row.
  let resumeOnline: Promise<void> | null = null;
  const resumeWhenOnline = (gate: ConnectivityGate) => {
    resumeOnline ??= gate.whenOnline(stopping.signal).then(() => {
      resumeOnline = null;
      if (!stopping.signal.aborted) resume();
    });
  };

  const changed = (row: OperationRow) =>
    options.events.emit('operations.changed', operationView(row));

  /** Starts (or joins) the poller of one row; resolves when the row has left `pending`. */
  const follow = (operationId: string): Promise<void> => {
    let sent!: () => void;
    const leftPending = new Promise<void>((resolve) => (sent = resolve));
    if (running.has(operationId)) return Promise.resolve();
    let paused = false;
    const run = runOperation(
      {
        database: options.database,
        journal,
        records,
        clock,
        retry,
        budget,
        limits,
        sessionFor: (row) => sessionFor(row.accountId, row.tenantId),
        changed,
        signal: stopping.signal,
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.connectivity
          ? { connectivity: options.connectivity, onPaused: () => (paused = true) }
          : {}),
      },
      operationId,
      sent,
    )
      .catch((error: unknown) =>
        options.logger?.error(
          `The poller of operation ${operationId} failed`,
          error instanceof Error ? error.message : error,
        ),
      )
      .finally(() => {
        running.delete(operationId);
        sent();
        if (paused && options.connectivity) resumeWhenOnline(options.connectivity);
      });
    running.set(operationId, run);
    return leftPending;
  };

  /** Journals the plan (pending), sends it, answers the row once Azure answered the request. */
  const start = async (
    plan: OperationPlan,
    access: { accountId: string; tenantId: string },
  ): Promise<OperationView> => {
    if (stopping.signal.aborted)
      throw new AppError('unavailable', 'Mooring is closing; try again after it starts.');
    const at = clock.now().toISOString();
    const operationId = randomUUID();
    options.database
      .transaction(() => {
        if (plan.workspace)
          records.upsertWorkspace(
            plan.workspace,
            plan.operation.subscriptionId,
            access.tenantId,
            at,
          );
        journal.insert({ ...plan.operation, ...access, operationId, createdAt: at });
      })
      .immediate();
    changed(journal.read(operationId));
    await follow(operationId);
    return operationView(journal.read(operationId));
  };

  /** The local workspace row a compute's record hangs on; read from Azure when Mooring has none. */
  const ensureWorkspaceRow = async (
    computeId: string,
    plan: { session: ArmSession },
    tenantId: string,
  ) => {
    const workspace = workspaceOfCompute(computeIdOf(computeId));
    if (records.hasWorkspace(workspace.id)) return;
    const record = await readWorkspace({ session: plan.session, clock, retry }, workspace);
    records.upsertWorkspace(record, workspace.subscriptionId, tenantId, clock.now().toISOString());
  };

  const identityPlan = async (computeId: string, identity: IdentityChoice) => {
    const compute = computeIdOf(computeId);
    const { access, plan } = await contextFor(compute.subscriptionId);
    const current = await readCompute(plan, compute);
    const before = identityOfAnswer(current);
    const unchanged =
      before.type.toLowerCase() === identity.type.toLowerCase() &&
      (identity.type !== 'UserAssigned' ||
        (before.userAssignedIdentityId !== null &&
          sameArmId(before.userAssignedIdentityId, identity.identityId)));
    if (unchanged)
      throw new AppError(
        'invalid-input',
        'The compute already has that identity: nothing to change.',
      );
    return {
      access,
      plan,
      before,
      prepared: planIdentityChange(plan, compute.id, current, identity),
    };
  };

  /** A bulk item refused before sending (its workspace unreadable, say): a failed row of its own. */
  const recordRefused = async (
    request: AttachRequest,
    error: unknown,
  ): Promise<OperationView | null> => {
    try {
      const target = attachTargetOf(request);
      const access = accessFor(target.workspace.subscriptionId);
      const runtime = await options.runtime();
      const url = armUrl(runtime.cloud.resourceManager, target.compute, computeQuery);
      const at = clock.now().toISOString();
      const operationId = randomUUID();
      const message = error instanceof Error ? error.message : String(error);
      options.database
        .transaction(() => {
          journal.insert({
            operationId,
            kind: 'attach',
            ...access,
            subscriptionId: target.workspace.subscriptionId,
            computeId: target.compute.id,
            computeName: request.computeName,
            workspaceId: target.workspace.id,
            workspaceName: armResourceName(target.workspace),
            clusterId: target.cluster.id,
            method: 'PUT',
            url: url.toString(),
            body: null,
            commands: { az: '', azRest: '' },
            summary: `Attach ${armResourceName(target.cluster)} to ${armResourceName(target.workspace)} as ${request.computeName}`,
            resume: {},
            createdAt: at,
          });
          journal.finish(operationId, { status: 'failed', at, errors: [], message, state: null });
        })
        .immediate();
      const row = journal.read(operationId);
      changed(row);
      return operationView(row);
    } catch {
      return null; // an invalid id, or another operation already holds the compute
    }
  };

  return {
    async previewAttach(request: AttachRequest): Promise<RequestPreview> {
      const { plan } = await contextFor(computeWorkspaceSubscription(request));
      return (await planAttach(plan, request)).preview;
    },
    async startAttach(request: AttachRequest): Promise<OperationView> {
      const { access, plan } = await contextFor(computeWorkspaceSubscription(request));
      return start(await planAttach(plan, request), access);
    },
    /** One journal row per request, a few sent at once; writes spaced by the subscription's budget. */
    async startBulk(requests: readonly AttachRequest[]): Promise<OperationView[]> {
      const outcomes = await mapWithConcurrency(requests, options.bulkConcurrency ?? 3, (request) =>
        this.startAttach(request),
      );
      const failed = outcomes.find((outcome) => !outcome.ok);
      if (failed && !failed.ok && outcomes.every((outcome) => !outcome.ok)) throw failed.error;
      const views: OperationView[] = [];
      for (const [index, outcome] of outcomes.entries()) {
        const request = requests[index];
        if (outcome.ok) views.push(outcome.value);
        else if (request) {
          // Refused before anything was sent: still a row of its own, so the user sees why.
          const refused = await recordRefused(request, outcome.error);
          if (refused) views.push(refused);
        }
      }
      return views;
    },
    async previewIdentityChange(
      computeId: string,
      identity: IdentityChoice,
    ): Promise<IdentityChangePreview> {
      const { plan, before, prepared } = await identityPlan(computeId, identity);
      const keepsPrincipal =
        (before.type.toLowerCase() === 'systemassigned' && identity.type === 'SystemAssigned') ||
        (identity.type === 'UserAssigned' &&
          before.userAssignedIdentityId !== null &&
          sameArmId(before.userAssignedIdentityId, identity.identityId));
      const principalChanges = before.principalId !== null && !keepsPrincipal;
      const lost =
        principalChanges && before.principalId
          ? await assignmentsOfPrincipal(
              plan.session,
              clock,
              retry,
              computeIdOf(computeId).subscriptionId,
              before.principalId,
            )
          : { readable: true, assignments: [] };
      return {
        request: prepared.preview,
        principalChanges,
        assignmentsLost: lost.assignments,
        assignmentsReadable: lost.readable,
      };
    },
    async updateIdentity(computeId: string, identity: IdentityChoice): Promise<OperationView> {
      const { access, plan, prepared } = await identityPlan(computeId, identity);
      await ensureWorkspaceRow(computeId, plan, access.tenantId);
      return start(prepared, access);
    },
    async previewDetach(computeId: string): Promise<RequestPreview> {
      const runtime = await options.runtime();
      return planDetach(runtime.cloud.resourceManager, computeId, null).preview;
    },
    async detach(computeId: string): Promise<OperationView> {
      const compute = computeIdOf(computeId);
      const { access, plan } = await contextFor(compute.subscriptionId);
      await ensureWorkspaceRow(compute.id, plan, access.tenantId);
      const local = records.compute(compute.id);
      return start(
        planDetach(plan.session.armBase, compute.id, local?.view.clusterId ?? null),
        access,
      );
    },
    list(): OperationView[] {
      return journal.recent().map(operationView);
    },
    get(operationId: string): OperationDetail {
      return readOperationDetail(journal, operationId);
    },
    computeDetail(computeId: string): ComputeDetail {
      const found = records.compute(computeIdOf(computeId).id);
      if (!found)
        throw new AppError(
          'not-found',
          'Mooring has no record of that compute. Refresh the inventory, then try again.',
        );
      return {
        compute: found.view,
        identity: found.identity,
        stateHistory: records.history(found.view.id),
        operations: journal.ofCompute(found.view.id).map(operationView),
      };
    },
    /** Follows every row still pending or running (at start-up). */
    resume,
    /** Resolves when no poller is running (tests and the crash host wait on it). */
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.all([...running.values()]);
    },
    /** Stops the pollers; unfinished rows stay as they are and resume at the next start. */
    async close(): Promise<void> {
      stopping.abort();
      await Promise.all([...running.values()]);
    },
  };
}

export type OperationsService = ReturnType<typeof createOperationsService>;

const computeWorkspaceSubscription = (request: AttachRequest): string =>
  workspaceIdOf(request.workspaceId).subscriptionId;
