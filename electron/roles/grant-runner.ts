import type { GrantRecord, GrantStore } from './grant-store';
import type { AttemptOutcome } from './assignment-requests';

/** Time as the runner sees it; tests pass a clock that moves as fast as they like. */
export interface RunnerClock {
  now(): Date;
  /** Resolves after `ms` (or at once when `signal` aborts). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: RunnerClock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    }),
};

/** How long Mooring waits for Entra ID to replicate a new identity (AZURE.md: usually seconds, sometimes minutes). */
export const PRINCIPAL_WAIT_MS = 10 * 60_000;
const BACKOFF_MS = [2_000, 4_000, 8_000, 15_000, 30_000];

export const WAITING_MESSAGE =
  'Waiting for Entra ID to replicate the identity — usually under a minute.';

export interface GrantRunnerDeps {
  readonly store: GrantStore;
  readonly clock: RunnerClock;
  /** One PUT for the grant; throws only when no answer came (network, sign-in). */
  readonly attempt: (record: GrantRecord) => Promise<AttemptOutcome>;
  /** Told of every state the grant reaches, after it is saved. */
  readonly changed: (record: GrantRecord) => void;
  /** Told once a grant has succeeded (to record the assignment). */
  readonly succeeded: (
    record: GrantRecord,
    outcome: Extract<AttemptOutcome, { kind: 'done' }>,
  ) => void;
  readonly describeFailure: (error: unknown) => { code: string; message: string };
}

export interface GrantRunner {
  /** Runs a saved grant to its end in the background. */
  run(record: GrantRecord): void;
  /** Resolves when the grant has ended (or the runner closed); for callers that wait. */
  settled(grantId: string): Promise<void>;
  /** Stops every wait at once; state stays saved, so a new runner carries on. */
  close(): Promise<void>;
}

export function createGrantRunner(deps: GrantRunnerDeps): GrantRunner {
  const abort = new AbortController();
  const running = new Map<string, Promise<void>>();

  const save = (record: GrantRecord): GrantRecord => {
    if (abort.signal.aborted) return record; // a closed runner writes nothing more
    deps.store.save(record);
    deps.changed(record);
    return record;
  };
  const stamp = (record: GrantRecord, change: Partial<GrantRecord>): GrantRecord =>
    save({ ...record, ...change, updatedAt: deps.clock.now().toISOString() });

  const loop = async (initial: GrantRecord): Promise<void> => {
    let record = initial;
    // A resumed wait sleeps what remains of it; then one attempt after another.
    while (!abort.signal.aborted) {
      const due = record.nextAttemptAt
        ? Date.parse(record.nextAttemptAt) - deps.clock.now().getTime()
        : 0;
      if (due > 0) await deps.clock.sleep(due, abort.signal);
      if (abort.signal.aborted) return;
      if (record.status === 'pending')
        record = stamp(record, { status: 'running', message: 'Assigning the role…' });
      let outcome: AttemptOutcome;
      try {
        outcome = await deps.attempt(record);
      } catch (error) {
        if (abort.signal.aborted) return;
        const failure = deps.describeFailure(error);
        stamp(record, {
          status: 'failed',
          attempts: record.attempts + 1,
          error: failure,
          message: failure.message,
          nextAttemptAt: null,
        });
        return;
      }
      if (abort.signal.aborted) return;
      const attempts = record.attempts + 1;
      if (outcome.kind === 'done') {
        const done = stamp(record, {
          status: 'succeeded',
          attempts,
          assignmentId: outcome.assignmentId,
          alreadyExisted: outcome.alreadyExisted,
          error: null,
          nextAttemptAt: null,
          message: outcome.alreadyExisted
            ? 'The identity already had this role here; nothing new was created.'
            : 'Granted. Azure can take up to ten minutes to apply a new role everywhere.',
        });
        deps.succeeded(done, outcome);
        return;
      }
      if (outcome.kind === 'failed') {
        stamp(record, {
          status: 'failed',
          attempts,
          error: { code: outcome.code, message: outcome.message },
          message: outcome.message,
          nextAttemptAt: null,
        });
        return;
      }
      const now = deps.clock.now().getTime();
      const deadline = record.deadlineAt ? Date.parse(record.deadlineAt) : now + PRINCIPAL_WAIT_MS;
      const delay = BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)] ?? 30_000;
      if (now >= deadline) {
        const message =
          'Entra ID still does not know the identity after ten minutes. Check that the compute still has this identity (refresh the inventory), then grant again.';
        stamp(record, {
          status: 'failed',
          attempts,
          error: { code: 'PrincipalNotFound', message },
          message,
          nextAttemptAt: null,
        });
        return;
      }
      record = stamp(record, {
        status: 'waiting-for-directory',
        attempts,
        message: WAITING_MESSAGE,
        error: null,
        nextAttemptAt: new Date(Math.min(now + delay, deadline)).toISOString(),
      });
    }
  };

  return {
    run(record) {
      if (running.has(record.grantId)) return;
      const task = loop(record)
        .catch((error: unknown) => {
          // Whatever broke (the database, a bug) ends the grant visibly rather than silently.
          const failure = deps.describeFailure(error);
          try {
            stamp(record, {
              status: 'failed',
              error: failure,
              message: failure.message,
              nextAttemptAt: null,
            });
          } catch {
            // Nothing more can be recorded; the row stays unfinished and a restart carries it on.
          }
        })
        .finally(() => running.delete(record.grantId));
      running.set(record.grantId, task);
    },
    settled: (grantId) => running.get(grantId) ?? Promise.resolve(),
    async close() {
      abort.abort();
      await Promise.allSettled([...running.values()]);
    },
  };
}
