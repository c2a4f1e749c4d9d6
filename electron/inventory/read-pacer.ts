import type { AdditionalPolicyConfig } from '@azure/core-client';
import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';
import type { ArmClientOptions } from '../connection/runtime';

/**
 * ARM's read budget per subscription and principal is a token bucket (AZURE.md: 250 reads,
 * refilled 25 a second), and every answer says what is left in
 * `x-ms-ratelimit-remaining-subscription-reads`. The pacer keeps a refresh inside it: once the
 * estimate of what is left falls to the reserve, the next read waits for the bucket to refill
 * instead of being answered 429 (which would cost a Retry-After of whole seconds).
 */
export interface ReadPacerOptions {
  /** How fast ARM refills the bucket, in reads per second. */
  readonly refillPerSecond?: number;
  /** Reads left unspent for other tools of the same user (and for estimates that run late). */
  readonly reserve?: number;
  /** Reads of one subscription in flight at once; the next one waits for an answer. */
  readonly inFlight?: number;
  readonly now?: () => number;
  /** Waits `ms`, or rejects when `signal` aborts; tests record the waits. */
  readonly sleep?: (ms: number, signal?: SignalLike) => Promise<void>;
}

export interface ReadPacer {
  /**
   * Resolves when a read of this subscription may be sent (a slot is free and the budget allows
   * it); answers a ticket for `observe`. Every resolved call must be matched by one `afterRead`.
   */
  beforeRead(subscriptionId: string, signal?: SignalLike): Promise<number>;
  /** Records what ARM said was left after the read sent with this ticket. */
  observe(subscriptionId: string, ticket: number, remaining: number): void;
  /** The read's answer (or failure) came: its slot goes to the next read waiting. */
  afterRead(subscriptionId: string): void;
  /** How many times (and for how long in all) reads were held back. */
  readonly waits: { count: number; totalMs: number };
}

/**
 * ARM's read bucket per subscription and principal (AZURE.md): 250 reads, refilled 25 a second.
 * The pacer spends down to a reserve of 25. `inFlight` bounds the reads of one subscription sent
 * before any of them is answered: the first reads of a subscription go out before ARM has said
 * what is left, and 16 is far inside the 225 the bucket lets go at once, while still listing a
 * subscription of 15 workspaces (or clusters) in one round trip.
 */
export const ARM_READ_BUDGET = { refillPerSecond: 25, reserve: 25, inFlight: 16 } as const;

interface Budget {
  /** Reads left according to ARM's last answer (taken after that read). */
  remaining: number;
  /** The ticket of the read that answer belongs to: later tickets spent from what is left. */
  ticket: number;
  at: number;
}

/** An AbortSignal, or the pipeline's lighter kind of it. */
export type SignalLike = NonNullable<PipelineRequest['abortSignal']>;

const abortError = () =>
  Object.assign(new Error('The request was aborted.'), { name: 'AbortError' });

export function sleepFor(ms: number, signal?: SignalLike): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createReadPacer(options: ReadPacerOptions = {}): ReadPacer {
  const refill = options.refillPerSecond ?? ARM_READ_BUDGET.refillPerSecond;
  const reserve = options.reserve ?? ARM_READ_BUDGET.reserve;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const inFlight = options.inFlight ?? ARM_READ_BUDGET.inFlight;
  if (!Number.isInteger(inFlight) || inFlight < 1) {
    throw new RangeError(
      `The reads in flight must be a whole number of at least 1, not ${inFlight}.`,
    );
  }
  const budgets = new Map<string, Budget>();
  const slots = new Map<string, { busy: number; queue: Array<() => void> }>();
  // Tickets count per subscription: reads of other subscriptions spend other buckets.
  const tickets = new Map<string, number>();
  const waits = { count: 0, totalMs: 0 };

  /** Reads left now: the last answer, plus the refill since, minus this subscription's reads sent after it. */
  const estimate = (key: string, budget: Budget): number =>
    budget.remaining +
    ((now() - budget.at) / 1000) * refill -
    ((tickets.get(key) ?? 0) - budget.ticket);

  /** Resolves once fewer than `inFlight` reads of this subscription are out, and takes a slot. */
  const slot = (key: string, signal?: SignalLike): Promise<void> => {
    let state = slots.get(key);
    if (!state) {
      state = { busy: 0, queue: [] };
      slots.set(key, state);
    }
    if (state.busy < inFlight) {
      state.busy += 1;
      return Promise.resolve();
    }
    const queued = state;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      const onAbort = () => {
        queued.queue.splice(queued.queue.indexOf(take), 1);
        reject(abortError());
      };
      // The slot is handed over by `release`: `busy` stays as it was.
      const take = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      queued.queue.push(take);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };
  const release = (key: string) => {
    const state = slots.get(key);
    if (!state) return;
    const next = state.queue.shift();
    if (next) next();
    else if (--state.busy === 0) slots.delete(key);
  };

  return {
    waits,
    async beforeRead(subscriptionId, signal) {
      const key = subscriptionId.toLowerCase();
      await slot(key, signal);
      try {
        return await budgetAllows(key, signal);
      } catch (error) {
        release(key);
        throw error;
      }
    },
    observe(subscriptionId, ticket, remaining) {
      const key = subscriptionId.toLowerCase();
      const known = budgets.get(key);
      // Answers arrive out of order; the one for the latest read sent is the best estimate.
      if (known && known.ticket > ticket) return;
      budgets.set(key, { remaining, ticket, at: now() });
    },
    afterRead(subscriptionId) {
      release(subscriptionId.toLowerCase());
    },
  };

  /** Resolves when the estimate of what is left is above the reserve; answers the read's ticket. */
  async function budgetAllows(key: string, signal?: SignalLike): Promise<number> {
    for (;;) {
      const budget = budgets.get(key);
      const left = budget ? estimate(key, budget) : Infinity;
      if (left > reserve) {
        const ticket = (tickets.get(key) ?? 0) + 1;
        tickets.set(key, ticket);
        return ticket;
      }
      const ms = Math.ceil(((reserve - left + 1) / refill) * 1000);
      waits.count += 1;
      waits.totalMs += ms;
      await sleep(ms, signal);
    }
  }
}

const SUBSCRIPTION_IN_PATH = /^\/subscriptions\/([0-9a-f-]{36})(?:\/|$)/i;
const READS_LEFT = 'x-ms-ratelimit-remaining-subscription-reads';

export const READ_PACING_POLICY_NAME = 'mooringReadPacing';

/**
 * Feeds the pacer from every GET of a subscription and holds each one back while the budget is
 * low or the subscription's reads in flight are at their bound. `perRetry`, so a retried read is
 * paced too (and a retry's wait for Retry-After holds no slot).
 */
export function readPacingPolicy(pacer: ReadPacer): PipelinePolicy {
  return {
    name: READ_PACING_POLICY_NAME,
    async sendRequest(request, next) {
      const subscriptionId =
        request.method === 'GET'
          ? SUBSCRIPTION_IN_PATH.exec(new URL(request.url).pathname)?.[1]
          : undefined;
      if (!subscriptionId) return next(request);
      const ticket = await pacer.beforeRead(subscriptionId, request.abortSignal);
      try {
        const response = await next(request);
        const left = Number.parseInt(response.headers.get(READS_LEFT) ?? '', 10);
        if (Number.isFinite(left)) pacer.observe(subscriptionId, ticket, left);
        return response;
      } finally {
        pacer.afterRead(subscriptionId);
      }
    },
  };
}

/** The connection's client options (bearer-host policy and all) with the pacer added. */
export function withReadPacing(options: ArmClientOptions, pacer: ReadPacer): ArmClientOptions {
  const pacing: AdditionalPolicyConfig = { policy: readPacingPolicy(pacer), position: 'perRetry' };
  return { ...options, additionalPolicies: [...(options.additionalPolicies ?? []), pacing] };
}
