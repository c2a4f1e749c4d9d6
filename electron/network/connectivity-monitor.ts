import type { ConnectivityState } from '../../shared/ipc/contract-connectivity';
import { offlineFindingOf, type OfflineFinding } from './offline-reason';

/**
 * The cheap check of whether Azure can be reached: resolves with null when it can (and the user
 * is signed in where it matters), with the finding when it cannot, or throws the request's error
 * (read with offlineFindingOf).
 */
export type ConnectivityProbe = () => Promise<OfflineFinding | null>;

export interface ConnectivityTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** How often Mooring checks again while offline: doubling from the first wait up to the longest. */
export interface RetryBackoff {
  readonly firstMs: number;
  readonly maxMs: number;
  /** 0 ≤ random() < 1: the jitter, injectable so tests know it. */
  readonly random: () => number;
}

export const defaultRetryBackoff: RetryBackoff = {
  firstMs: 2_000,
  maxMs: 60_000,
  random: Math.random,
};

/**
 * The wait before automatic check number `attempt` (0-based) while offline: doubling, capped at
 * the longest wait, with "equal jitter" so many windows coming back together do not probe as one.
 * Never longer than `maxMs`.
 */
export function retryDelayMs(backoff: RetryBackoff, attempt: number): number {
  const ceiling = Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + (ceiling / 2) * backoff.random();
}

export interface ConnectivityMonitorOptions {
  readonly probe: ConnectivityProbe;
  readonly now?: () => Date;
  readonly timer?: ConnectivityTimer;
  readonly backoff?: Partial<RetryBackoff>;
}

export interface ConnectivityMonitor {
  state(): ConnectivityState;
  isOffline(): boolean;
  /** Azure answered a call (whatever its status): it can be reached. */
  reportAnswer(): void;
  /** A call failed: a connectivity failure makes the monitor check, other failures are ignored. */
  reportFailure(error: unknown): void;
  /** Checks now (the Retry button, a sign-in); answers the state found. */
  check(): Promise<ConnectivityState>;
  /** Resolves once no check is under way (the state then says what was found). */
  settled(): Promise<void>;
  /** Told of every change of the state; answers the unsubscribe. */
  onChange(listener: (state: ConnectivityState) => void): () => void;
  /** Resolves when Azure is reachable again (at once when not offline) or the signal aborts. */
  whenOnline(signal?: AbortSignal): Promise<void>;
  /** Stops the automatic checks. */
  close(): void;
}

const realTimer: ConnectivityTimer = {
  set: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A retry never keeps the process alive.
    handle.unref?.();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Whether Azure can be reached, for the whole app. Every Resource Manager call reports its
 * outcome here; a failure that may mean "offline" is confirmed by a probe before the app goes
 * offline (one dropped connection is not an outage). While offline the monitor checks again by
 * itself, with a bounded backoff, and goes online at the first answer.
 */
export function createConnectivityMonitor(
  options: ConnectivityMonitorOptions,
): ConnectivityMonitor {
  const now = options.now ?? (() => new Date());
  const timer = options.timer ?? realTimer;
  const backoff: RetryBackoff = { ...defaultRetryBackoff, ...options.backoff };
  const listeners = new Set<(state: ConnectivityState) => void>();
  let current: ConnectivityState = {
    status: 'unknown',
    reason: null,
    code: null,
    message: null,
    since: null,
    lastReachedAt: null,
    checking: false,
    nextRetryAt: null,
  };
  let inFlight: Promise<void> | null = null;
  let retryHandle: unknown = null;
  let attempt = 0;
  let closed = false;

  const update = (patch: Partial<ConnectivityState>) => {
    const next = { ...current, ...patch };
    const changed = (Object.keys(next) as Array<keyof ConnectivityState>).some(
      (key) => next[key] !== current[key],
    );
    current = next;
    if (changed) for (const listener of [...listeners]) listener(current);
  };

  const cancelRetry = () => {
    if (retryHandle !== null) timer.clear(retryHandle);
    retryHandle = null;
  };

  const goOnline = () => {
    cancelRetry();
    attempt = 0;
    update({
      status: 'online',
      reason: null,
      code: null,
      message: null,
      since: null,
      nextRetryAt: null,
      lastReachedAt: now().toISOString(),
    });
  };

  const goOffline = (finding: OfflineFinding) => {
    cancelRetry();
    const delay = retryDelayMs(backoff, attempt);
    attempt += 1;
    const at = now();
    update({
      status: 'offline',
      reason: finding.reason,
      code: finding.code,
      message: finding.message,
      since: current.status === 'offline' ? current.since : at.toISOString(),
      nextRetryAt: closed ? null : new Date(at.getTime() + delay).toISOString(),
    });
    if (!closed) {
      retryHandle = timer.set(() => {
        retryHandle = null;
        void check();
      }, delay);
    }
  };

  const runProbe = async () => {
    update({ checking: true });
    let finding: OfflineFinding | null;
    try {
      finding = await options.probe();
    } catch (error) {
      finding = offlineFindingOf(error) ?? {
        reason: 'no-network',
        code: 'ProbeFailed',
        message: `Mooring could not check whether Azure can be reached (${error instanceof Error ? error.message : String(error)}). It tries again by itself.`,
      };
    }
    if (finding) goOffline(finding);
    else goOnline();
    update({ checking: false });
  };

  const check = async (): Promise<ConnectivityState> => {
    if (!inFlight) {
      inFlight = runProbe().finally(() => {
        inFlight = null;
      });
    }
    await inFlight;
    return current;
  };

  return {
    state: () => current,
    isOffline: () => current.status === 'offline',
    reportAnswer() {
      if (current.status === 'online') {
        current = { ...current, lastReachedAt: now().toISOString() };
        return;
      }
      // Azure answering says nothing about sign-in: that offline is only ended by a check.
      if (current.reason === 'sign-in-needed') void check();
      else if (!inFlight) goOnline();
    },
    reportFailure(error) {
      const finding = offlineFindingOf(error);
      if (!finding) return;
      // Already offline: the automatic checks decide when it ends.
      if (current.status === 'offline' && finding.reason !== 'sign-in-needed') return;
      void check();
    },
    check,
    async settled() {
      while (inFlight) await inFlight;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    whenOnline(signal) {
      if (current.status !== 'offline' || signal?.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          unsubscribe();
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const unsubscribe = this.onChange((state) => {
          if (state.status !== 'offline') done();
        });
        signal?.addEventListener('abort', done, { once: true });
      });
    },
    close() {
      closed = true;
      cancelRetry();
      listeners.clear();
    },
  };
}
