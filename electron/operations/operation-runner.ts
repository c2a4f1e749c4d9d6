import type { ComputeResource } from '@azure/arm-machinelearning';
import type { Database } from 'better-sqlite3';
import { sameArmId } from '../../shared/azure/arm-id';
import type { OperationPoll } from '../../shared/domain/operations';
import { toComputeRecord } from '../inventory/inventory-mapping';
import type { ComputeRecord } from '../inventory/inventory-records';
import type { Logger } from '../logging/logger';
import { describeArmFailure } from './arm-failure';
import {
  backoffMs,
  pollWaitMs,
  readWithRetries,
  retryAfterMs,
  type RetryPolicy,
} from './arm-retry';
import {
  NoAnswerError,
  TokenUnavailableError,
  armErrorOf,
  type ArmAnswer,
  type ArmSession,
} from './arm-session';
import type { Clock } from './clock';
import type { ConnectivityGate } from './connectivity-gate';
import type { ComputeRecordStore } from './compute-record-store';
import { armUrl, computeIdOf, computeQuery } from './compute-request';
import type {
  JournalStore,
  OperationRow,
  ProvisioningErrorEntry,
  ResumeState,
} from './journal-store';
import {
  TERMINAL_ASYNC,
  followableUrl,
  identityExtrasOf,
  isRecord,
  judgeCompute,
  reflectedIn,
  text,
  verb,
  type Verdict,
} from './operation-verdicts';
import type { RunnerLimits } from './runner-limits';
import type { WriteBudget } from './write-budget';

export { defaultRunnerLimits, type RunnerLimits } from './runner-limits';

export interface RunnerDeps {
  readonly database: Database;
  readonly journal: JournalStore;
  readonly records: ComputeRecordStore;
  readonly clock: Clock;
  readonly retry: RetryPolicy;
  readonly budget: WriteBudget;
  readonly limits: RunnerLimits;
  readonly sessionFor: (row: OperationRow) => Promise<ArmSession>;
  /** Called after every change of the row (the service emits operations.changed). */
  readonly changed: (row: OperationRow) => void;
  readonly signal: AbortSignal;
  readonly logger?: Logger;
  /**
   * Whether Azure can be reached (electron/network/connectivity-monitor). With it, the runner
   * pauses while offline instead of polling on: the row keeps its resume state and `onPaused`
   * tells the service to follow it again when the connection returns. A poll that got no answer
   * never ends the row.
   */
  readonly connectivity?: ConnectivityGate;
  readonly onPaused?: () => void;
}

/**
 * Drives one journal row to its end: sends the request (after reading the compute when an earlier
 * send may have reached Azure), follows Azure-AsyncOperation or Location (or GETs of the compute),
 * honours Retry-After, records every poll and ends with what a final GET of the compute shows.
 * Safe to run again on the same row after a crash at any point: each step is recorded before the
 * next begins.
 */
export async function runOperation(
  deps: RunnerDeps,
  operationId: string,
  onSent: () => void,
): Promise<void> {
  const { journal, records, clock, signal } = deps;
  const iso = () => clock.now().toISOString();
  let row = journal.read(operationId);
  let sentReported = false;
  const reportSent = () => {
    if (!sentReported && row.status !== 'pending') {
      sentReported = true;
      onSent();
    }
  };
  const refresh = () => {
    row = journal.read(operationId);
    deps.changed(row);
    reportSent();
  };
  const note = (message: string | null, state: string | null = null) => {
    journal.note(operationId, message, state);
    refresh();
  };
  const poll = (entry: Omit<OperationPoll, 'at'>) =>
    journal.recordPoll(operationId, { at: iso(), ...entry });
  const end = (
    status: 'succeeded' | 'failed',
    message: string,
    errors: ProvisioningErrorEntry[],
    state: string | null,
    detached = false,
  ) => {
    deps.database
      .transaction(() => {
        if (detached) records.markDetached(row.computeId, iso(), operationId);
        journal.finish(operationId, { status, at: iso(), errors, message, state });
      })
      .immediate();
    refresh();
  };
  /**
   * After a failure that may mean Azure is unreachable: waits for the connectivity check, and
   * answers true (having noted the pause) when Mooring is offline. Without a monitor, false.
   */
  const pausedOffline = async (): Promise<boolean> => {
    const gate = deps.connectivity;
    if (!gate) return false;
    await gate.settled();
    if (!gate.isOffline() || signal.aborted) return false;
    note(
      `Paused: ${gate.state().message ?? 'Azure cannot be reached.'} The operation goes on by itself when the connection returns; nothing is lost.`,
    );
    deps.onPaused?.();
    return true;
  };
  /**
   * After a request that got no answer or a token that could not be had: a pause when offline.
   * A token failure is told to the monitor first (it may mean "sign in again", which no request
   * on the network shows).
   */
  const pausedAfter = async (error: unknown): Promise<boolean> => {
    if (error instanceof TokenUnavailableError) deps.connectivity?.reportFailure(error);
    return unanswered(error) && (await pausedOffline());
  };

  try {
    if (row.status === 'succeeded' || row.status === 'failed') return;
    if (await pausedOffline()) return;
    const session = await deps.sessionFor(row);
    const computeUrl = armUrl(session.armBase, computeIdOf(row.computeId), computeQuery);
    const readCompute = () =>
      readWithRetries(session, computeUrl, clock, deps.retry, signal, (reason, waitMs) =>
        note(`Reading the compute: ${reason}; trying again in ${Math.ceil(waitMs / 1000)} s.`),
      );

    /** The compute of an answer, recorded in the local record (only when it is the compute asked for). */
    const recordAnswer = (answer: ArmAnswer): ComputeRecord | null => {
      const record = toComputeRecord(answer.body as ComputeResource);
      if (!record) return null;
      const parsed = computeIdOf(record.id);
      if (!sameArmId(parsed.id, computeIdOf(row.computeId).id)) return null;
      records.recordCompute(
        row.workspaceId,
        { ...record, id: parsed.id },
        identityExtrasOf(answer.body),
        iso(),
        operationId,
      );
      return record;
    };

    const followable = (value: string | undefined) => followableUrl(value, session.armOrigin);
    const reflectsRequest = (answer: ArmAnswer) => reflectedIn(row, answer);
    const judge = (answer: ArmAnswer, asyncError: ProvisioningErrorEntry | null): Verdict =>
      judgeCompute(
        row,
        answer.status,
        answer.status === 200 ? recordAnswer(answer) : null,
        asyncError,
      );

    // ── Send (or settle a send that may have reached Azure) ───────────────────────────────────
    if (row.status === 'pending') {
      for (let attempt = 0; row.status === 'pending'; attempt += 1) {
        if (row.sendCount > 0) {
          // An earlier send may have been applied: read the state, never send blindly again.
          const settled = reflectsRequest(await readCompute());
          if (settled === 'gone') {
            end(
              'succeeded',
              `${row.computeName} was already detached from ${row.workspaceName}.`,
              [],
              'Detached',
              true,
            );
            break;
          }
          if (settled === 'applied') {
            journal.markRunning(
              operationId,
              iso(),
              row.resume,
              null,
              'Azure had accepted the request; following the compute.',
            );
            refresh();
            break;
          }
        }
        if (attempt >= deps.limits.sendAttempts) {
          end(
            'failed',
            `Azure did not accept the request after ${attempt} attempts. Nothing was changed; try again later.`,
            [],
            null,
          );
          break;
        }
        journal.markSent(operationId);
        row = journal.read(operationId);
        let answer: ArmAnswer;
        try {
          answer = await deps.budget.write(
            row.subscriptionId,
            () => session.send(row.method, new URL(row.url), row.body ?? undefined),
            (a) => a.headers,
            signal,
          );
        } catch (error) {
          if (!(error instanceof NoAnswerError)) throw error;
          if (signal.aborted) return; // stopping: the next start settles this send
          // Offline: the send may or may not have reached Azure; the resumed run reads first.
          if (await pausedOffline()) return;
          note(
            `No answer from Azure (${error.code}). Mooring reads the compute before sending again.`,
          );
          await clock.sleep(backoffMs(deps.retry, attempt), signal);
          continue;
        }
        const accepted =
          row.method === 'PUT'
            ? answer.status === 200 || answer.status === 201
            : answer.status === 200 || answer.status === 202;
        if (accepted) {
          const resume: ResumeState = {
            ...row.resume,
            ...(followable(answer.headers['azure-asyncoperation'])
              ? { asyncOperationUrl: followable(answer.headers['azure-asyncoperation']) }
              : {}),
            ...(followable(answer.headers['location'])
              ? { locationUrl: followable(answer.headers['location']) }
              : {}),
          };
          deps.database
            .transaction(() => {
              const record = row.method === 'PUT' ? recordAnswer(answer) : null;
              if (row.kind === 'detach')
                records.markState(row.computeId, 'Deleting', iso(), operationId);
              const state =
                record?.provisioningState ?? (row.kind === 'detach' ? 'Deleting' : null);
              journal.markRunning(
                operationId,
                iso(),
                resume,
                state,
                `Azure accepted the request (${answer.status}).`,
              );
            })
            .immediate();
          refresh();
          break;
        }
        if (row.kind === 'detach' && answer.status === 204) {
          end(
            'succeeded',
            `${row.computeName} was already detached from ${row.workspaceName}.`,
            [],
            'Detached',
            true,
          );
          break;
        }
        if (answer.status === 429 || answer.status >= 500) {
          const waitMs =
            retryAfterMs(answer.headers, clock.now()) ?? backoffMs(deps.retry, attempt);
          note(
            `${answer.status === 429 ? 'Azure is throttling requests' : `Azure answered ${answer.status}`}; Mooring waits ${Math.ceil(waitMs / 1000)} s.`,
          );
          await clock.sleep(waitMs, signal);
          continue;
        }
        const failure = describeArmFailure(answer, verb[row.kind]);
        end('failed', failure.message, failure.errors, null);
      }
      if (signal.aborted) return;
    }
    reportSent();
    if (row.status !== 'running') return;

    // ── Follow to a terminal state ────────────────────────────────────────────────────────────
    let target: 'async' | 'location' | 'compute' = row.resume.asyncOperationUrl
      ? 'async'
      : row.resume.locationUrl
        ? 'location'
        : 'compute';
    let asyncError: ProvisioningErrorEntry | null = null;
    let interval = deps.limits.pollIntervalMs;
    const startedAt = Date.parse(row.startedAt ?? row.createdAt);
    while (!signal.aborted && row.status === 'running') {
      if (await pausedOffline()) return;
      // A row never runs for ever: past the bound, one last GET of the compute decides.
      const finalCheck = clock.now().getTime() - startedAt > deps.limits.maxRunningAgeMs;
      if (finalCheck) target = 'compute';
      let waitMs = interval;
      try {
        if (target === 'compute') {
          const answer = await readCompute();
          const verdict = judge(answer, asyncError);
          poll({
            httpStatus: answer.status,
            status: answer.status === 404 ? 'NotFound' : (verdict.state ?? 'Unknown'),
            retryAfterSeconds: secondsOf(retryAfterMs(answer.headers, clock.now())),
            note: finalCheck ? 'Final check after the longest wait.' : null,
          });
          if (verdict.kind === 'succeeded')
            return end('succeeded', verdict.message, [], verdict.state, row.kind === 'detach');
          if (verdict.kind === 'failed')
            return end('failed', verdict.message, verdict.errors, verdict.state);
          if (finalCheck) {
            const message = `Azure still reports ${verdict.state} ${hoursOf(deps.limits.maxRunningAgeMs)} h after the request; Mooring stopped following it. Refresh the inventory later to see how it ends.`;
            return end('failed', message, [], verdict.state);
          }
          note(`Azure reports ${verdict.state}.`, verdict.state);
          waitMs = pollWaitMs(retryAfterMs(answer.headers, clock.now()), interval);
        } else {
          const url = new URL(
            (target === 'async' ? row.resume.asyncOperationUrl : row.resume.locationUrl) ?? '',
          );
          const answer = await readWithRetries(session, url, clock, deps.retry, signal);
          const retryAfter = retryAfterMs(answer.headers, clock.now());
          if (answer.status >= 200 && answer.status < 300) {
            const body = isRecord(answer.body) ? answer.body : {};
            const status =
              target === 'async'
                ? (text(body['status']) ?? 'InProgress')
                : answer.status === 202
                  ? 'InProgress'
                  : 'Succeeded';
            poll({
              httpStatus: answer.status,
              status,
              retryAfterSeconds: secondsOf(retryAfter),
              note: null,
            });
            if (TERMINAL_ASYNC.has(status.toLowerCase())) {
              const error = armErrorOf(body);
              asyncError = error && status.toLowerCase() !== 'succeeded' ? error : null;
              target = 'compute'; // the final GET of the compute says how it ended
              waitMs = 0;
            } else {
              note(
                retryAfter
                  ? `Azure reports ${status}; it asked to wait ${Math.ceil(retryAfter / 1000)} s.`
                  : `Azure reports ${status}.`,
              );
              waitMs = pollWaitMs(retryAfter, interval);
            }
          } else {
            const error = armErrorOf(answer.body);
            poll({
              httpStatus: answer.status,
              status: error?.code ?? `Http${answer.status}`,
              retryAfterSeconds: secondsOf(retryAfter),
              note: 'The status URL did not answer; Mooring follows the compute instead.',
            });
            target = 'compute';
            waitMs = 0;
          }
        }
        interval = Math.min(deps.limits.maxPollIntervalMs, Math.round(interval * 1.25));
      } catch (error) {
        if (signal.aborted) return;
        // No answer while offline is a pause, never an end: the row resumes with the connection.
        if (await pausedAfter(error)) return;
        if (!deps.connectivity && finalCheck && unanswered(error)) {
          const message = `Mooring stopped following the operation after ${hoursOf(deps.limits.maxRunningAgeMs)} h and could not ask Azure how it ended (${error.message}). Refresh the inventory to see the compute's state.`;
          return end('failed', message, [], null);
        }
        if (error instanceof NoAnswerError) {
          poll({ httpStatus: null, status: 'NoAnswer', retryAfterSeconds: null, note: error.code });
          note(
            `Azure cannot be reached (${error.code}). The operation is still running there; Mooring keeps trying.`,
          );
        } else if (error instanceof TokenUnavailableError) {
          note(
            `${error.message} Sign in to this tenant again; Mooring goes on following the operation.`,
          );
        } else {
          throw error;
        }
        // Azure is reachable (a passing blip): ask again soon rather than after the longest wait.
        waitMs = deps.connectivity ? interval : deps.limits.maxPollIntervalMs;
      }
      if (waitMs > 0) await clock.sleep(waitMs, signal);
    }
  } catch (error) {
    if (signal.aborted) return;
    if (await pausedAfter(error)) return;
    deps.logger?.warn(
      `Operation ${operationId} stopped on an unexpected error`,
      error instanceof Error ? { name: error.name, message: error.message } : error,
    );
    row = journal.read(operationId);
    if (row.status === 'pending' && row.sendCount === 0) {
      const message =
        error instanceof TokenUnavailableError
          ? `${error.message} Sign in to this tenant again, then try again. Nothing was sent.`
          : `Mooring could not send the request: ${error instanceof Error ? error.message : String(error)}`;
      end('failed', message, [], null);
    } else if (row.status === 'pending' || row.status === 'running') {
      // It may be underway in Azure: the row stays, the next start-up (or retry) settles it.
      note(
        `Mooring lost track of the operation for now (${error instanceof Error ? error.message : String(error)}); it resumes at the next start.`,
      );
    }
  } finally {
    reportSent();
  }
}

/** Azure was not asked: the request got no answer, or no token could be had for it. */
const unanswered = (error: unknown): error is NoAnswerError | TokenUnavailableError =>
  error instanceof NoAnswerError || error instanceof TokenUnavailableError;

const secondsOf = (ms: number | null): number | null => (ms === null ? null : ms / 1000);
const hoursOf = (ms: number): string =>
  (ms / 3600_000).toLocaleString('en', { maximumFractionDigits: 1 });
