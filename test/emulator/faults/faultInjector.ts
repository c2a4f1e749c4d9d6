import { armError, type Reply } from '../core/reply';
import type { ScenarioFaults, ThrottlingLimits } from '../scenario/schema';
import { TokenBucket } from './tokenBucket';

export type RequestClass = 'reads' | 'writes' | 'deletes';

/** Azure's documented per-subscription limits (reads 250 refilled 25/s; writes and deletes 200 refilled 10/s). */
export const azureThrottlingLimits: ThrottlingLimits = {
  reads: { capacity: 250, refillPerSecond: 25 },
  writes: { capacity: 200, refillPerSecond: 10 },
  deletes: { capacity: 200, refillPerSecond: 10 },
};

export interface LatencyFault {
  fixedMs: number;
  jitterMs: number;
}

/** The next `count` requests whose method and path match answer `status` (a 5xx burst). */
export interface ErrorBurst {
  pathPattern: string;
  method?: string | undefined;
  status: number;
  count: number;
  code?: string | undefined;
}

/** The next `count` matching requests get their connection destroyed without an answer. */
export interface ConnectionDrop {
  pathPattern: string;
  method?: string | undefined;
  count: number;
}

export interface LateAttachFailure {
  computeName: string;
  code: string;
  message: string;
  /** Every provisioningErrors entry the failed compute reports; default: one entry of `code` and `message`. */
  errors?: { code: string; message: string; target?: string | undefined }[] | undefined;
}

/**
 * Role assignment PUTs for this principal (every principal when absent) answer PrincipalNotFound until `until`
 * (epoch ms), even with principalType: a directory slower than usual.
 */
export interface PrincipalNotFoundFault {
  principalId?: string | undefined;
  until: number;
}

/** What to do with a request before it reaches its handler. */
export type FaultDecision =
  { action: 'drop' } | { action: 'reply'; reply: Reply } | { action: 'continue' };

export interface FaultSnapshot {
  latency: LatencyFault | null;
  throttling: ThrottlingLimits | null;
  bursts: ErrorBurst[];
  drops: ConnectionDrop[];
  lateAttachFailures: LateAttachFailure[];
  principalNotFound: { principalId: string | null; until: string }[];
}

const defaultBurstCodes: Record<number, string> = {
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/**
 * Faults on demand: latency, throttling by token bucket, 5xx bursts, dropped connections, late attach failures,
 * principals the directory keeps not finding.
 */
export class FaultInjector {
  latency: LatencyFault | null = null;
  private throttling: ThrottlingLimits | null = null;
  private buckets = new Map<string, TokenBucket>();
  private bursts: ErrorBurst[] = [];
  private drops: ConnectionDrop[] = [];
  lateAttachFailures: LateAttachFailure[] = [];
  private principalFaults: PrincipalNotFoundFault[] = [];

  constructor(scenarioFaults: ScenarioFaults) {
    this.latency = scenarioFaults.latency ?? null;
    this.setThrottling(
      scenarioFaults.throttling === 'azure'
        ? azureThrottlingLimits
        : (scenarioFaults.throttling ?? null),
    );
    this.lateAttachFailures = scenarioFaults.lateAttachFailures.map((f) => ({ ...f }));
  }

  setThrottling(limits: ThrottlingLimits | null): void {
    this.throttling = limits;
    this.buckets.clear();
  }

  addBurst(burst: ErrorBurst): void {
    new RegExp(burst.pathPattern); // throws early on a bad pattern
    this.bursts.push({ ...burst });
  }

  addDrop(drop: ConnectionDrop): void {
    new RegExp(drop.pathPattern);
    this.drops.push({ ...drop });
  }

  reset(): void {
    this.latency = null;
    this.setThrottling(null);
    this.bursts = [];
    this.drops = [];
    this.lateAttachFailures = [];
    this.principalFaults = [];
  }

  addPrincipalNotFound(fault: PrincipalNotFoundFault): void {
    this.principalFaults.push({
      ...fault,
      ...(fault.principalId ? { principalId: fault.principalId.toLowerCase() } : {}),
    });
  }

  /** True while an injected fault keeps this principal unknown to role assignment PUTs. */
  principalNotFound(principalId: string, now: number): boolean {
    this.principalFaults = this.principalFaults.filter((f) => f.until > now);
    return this.principalFaults.some(
      (f) => !f.principalId || f.principalId === principalId.toLowerCase(),
    );
  }

  snapshot(): FaultSnapshot {
    return {
      latency: this.latency,
      throttling: this.throttling,
      bursts: [...this.bursts],
      drops: [...this.drops],
      lateAttachFailures: [...this.lateAttachFailures],
      principalNotFound: this.principalFaults.map((f) => ({
        principalId: f.principalId ?? null,
        until: new Date(f.until).toISOString(),
      })),
    };
  }

  /** The bucket size of a request class (what the ratelimit header shows before any request counted). */
  capacity(requestClass: RequestClass): number {
    return (this.throttling ?? azureThrottlingLimits)[requestClass].capacity;
  }

  /** Milliseconds to hold this request back (fixed plus uniform jitter). */
  delayMs(): number {
    if (!this.latency) return 0;
    return this.latency.fixedMs + Math.random() * this.latency.jitterMs;
  }

  /** Drops and bursts, consumed in the order they were added. */
  decide(method: string, path: string): FaultDecision {
    const drop = takeMatching(this.drops, method, path);
    if (drop) return { action: 'drop' };
    const burst = takeMatching(this.bursts, method, path);
    if (burst) {
      const code = burst.code ?? defaultBurstCodes[burst.status] ?? 'InternalServerError';
      return {
        action: 'reply',
        reply: armError(
          burst.status,
          code,
          `Injected fault: the server answered ${burst.status}. Retry the request.`,
        ),
      };
    }
    return { action: 'continue' };
  }

  /**
   * Takes a token from the bucket of (scope, principal, class). Returns the 429 reply when empty, else the
   * remaining count for the `x-ms-ratelimit-remaining-subscription-*` header.
   */
  throttle(
    scopeKey: string,
    principal: string,
    requestClass: RequestClass,
    now: number,
  ): { remaining: number } | { reply: Reply } {
    const limits = this.throttling ?? azureThrottlingLimits;
    if (!this.throttling) return { remaining: limits[requestClass].capacity - 1 };
    const key = `${scopeKey}|${principal}|${requestClass}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(
        limits[requestClass].capacity,
        limits[requestClass].refillPerSecond,
        now,
      );
      this.buckets.set(key, bucket);
    }
    const result = bucket.take(now);
    if (result.ok) return { remaining: result.remaining };
    const reply = armError(
      429,
      'SubscriptionRequestsThrottled',
      `Number of '${requestClass === 'reads' ? 'read' : requestClass === 'writes' ? 'write' : 'delete'}' requests for subscription '${scopeKey}' actor '${principal}' exceeded. Please try again after '${result.retryAfterSeconds}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.`,
    );
    reply.headers = {
      'retry-after': String(result.retryAfterSeconds),
      [`x-ms-ratelimit-remaining-subscription-${requestClass}`]: '0',
    };
    return { reply };
  }

  /** The injected late failure for an attach of this compute name, consumed once. */
  takeLateAttachFailure(computeName: string): LateAttachFailure | undefined {
    const index = this.lateAttachFailures.findIndex(
      (f) => f.computeName.toLowerCase() === computeName.toLowerCase(),
    );
    if (index < 0) return undefined;
    return this.lateAttachFailures.splice(index, 1)[0];
  }
}

function takeMatching<
  T extends { pathPattern: string; method?: string | undefined; count: number },
>(list: T[], method: string, path: string): T | undefined {
  const index = list.findIndex(
    (f) =>
      (!f.method || f.method.toUpperCase() === method) && new RegExp(f.pathPattern, 'i').test(path),
  );
  if (index < 0) return undefined;
  const fault = list[index];
  if (!fault) return undefined;
  fault.count -= 1;
  if (fault.count <= 0) list.splice(index, 1);
  return fault;
}
