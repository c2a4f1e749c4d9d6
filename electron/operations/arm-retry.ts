import type { Clock } from './clock';
import { NoAnswerError, type ArmAnswer, type ArmSession } from './arm-session';

/** How reads are retried: bounded attempts, exponential backoff with jitter, Retry-After honoured. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** 0 ≤ random() < 1; injectable so tests know the jitter. */
  readonly random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  random: Math.random,
};

/** Retry-After in milliseconds (seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(headers: Readonly<Record<string, string>>, now: Date): number | null {
  const value = headers['retry-after'];
  if (value === undefined) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}

/**
 * The wait before the next poll of a running operation. A Retry-After of 0 names no wait (the
 * Azure SDKs then poll at their own interval): honoured literally, it would have Mooring ask in a
 * tight loop for as long as the operation runs.
 */
export function pollWaitMs(retryAfter: number | null, intervalMs: number): number {
  return retryAfter !== null && retryAfter > 0 ? retryAfter : intervalMs;
}

/** The wait before attempt `attempt + 1`: doubling from the base, capped, with "equal jitter". */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return ceiling / 2 + (ceiling / 2) * policy.random();
}

/** 429 and 5xx: ARM did not do the work (for a read, asking again is always safe). */
export const isTransient = (status: number): boolean => status === 429 || status >= 500;

/**
 * A GET that survives throttling, 5xx bursts and dropped connections: bounded attempts, then the
 * last answer (or the NoAnswerError) goes to the caller. `onRetry` sees each wait and its reason.
 */
export async function readWithRetries(
  session: ArmSession,
  url: URL,
  clock: Clock,
  policy: RetryPolicy,
  signal?: AbortSignal,
  onRetry?: (reason: string, waitMs: number) => void,
): Promise<ArmAnswer> {
  for (let attempt = 0; ; attempt += 1) {
    let reason: string;
    let waitMs: number;
    try {
      const answer = await session.send('GET', url);
      if (!isTransient(answer.status) || attempt + 1 >= policy.attempts) return answer;
      const asked = retryAfterMs(answer.headers, clock.now());
      waitMs = asked ?? backoffMs(policy, attempt);
      reason =
        answer.status === 429 ? 'Azure is throttling requests' : `Azure answered ${answer.status}`;
    } catch (error) {
      if (!(error instanceof NoAnswerError) || attempt + 1 >= policy.attempts) throw error;
      waitMs = backoffMs(policy, attempt);
      reason = `no answer (${error.code})`;
    }
    onRetry?.(reason, waitMs);
    await clock.sleep(waitMs, signal);
    if (signal?.aborted) throw new NoAnswerError('Mooring is stopping.', 'Stopping');
  }
}
