import https from 'node:https';
import type { RequestLogEntry, RequestLogQuery } from '../core/requestLog';
import type {
  ConnectionDrop,
  ErrorBurst,
  FaultSnapshot,
  LateAttachFailure,
  LatencyFault,
} from '../faults/faultInjector';
import type {
  ArcConnectivityStatus,
  EmulatorSettings,
  ProvisioningState,
  ThrottlingLimits,
} from '../scenario/schema';

/** A change to a compute made outside the app (portal, another tool, Azure itself). */
export interface ComputeChange {
  /** The compute's ARM id. */
  id: string;
  provisioningState?: ProvisioningState;
  /** Replaces provisioningErrors; when absent, a new state other than Failed clears them. */
  provisioningErrors?: { code: string; message: string; target?: string }[];
  identity?:
    | { type: 'None' }
    | { type: 'SystemAssigned' }
    | { type: 'UserAssigned'; userAssignedIdentityId: string };
  /** null removes it. */
  description?: string | null;
  namespace?: string;
  /** Then, `afterMs` later, the compute moves on by itself to `state` (with `errors`). */
  settle?: {
    afterMs: number;
    state: 'Succeeded' | 'Failed';
    errors?: { code: string; message: string; target?: string }[];
  };
}

/** A change to a cluster made outside the app. */
export interface ClusterChange {
  id: string;
  connectivityStatus?: ArcConnectivityStatus;
  /** null uninstalls the Azure ML extension; an object installs or changes it. */
  azureMlExtension?: {
    name?: string;
    provisioningState?: 'Succeeded' | 'Failed' | 'Creating' | 'Updating' | 'Deleting' | 'Canceled';
    version?: string;
    releaseTrain?: string;
  } | null;
}

export interface DirectoryPrincipalView {
  objectId: string;
  tenantId: string;
  type: 'User' | 'ServicePrincipal';
  displayName: string;
  /** False while role assignments still answer PrincipalNotFound for it (replication delay). */
  replicated: boolean;
}

/** Thrown when a control endpoint refuses a request. */
export class EmulatorControlError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`Emulator control request failed with ${status}: ${JSON.stringify(body)}`);
    this.name = 'EmulatorControlError';
  }
}

/** Typed client of the control endpoints; works against an in-process emulator or one started by the CLI. */
export class EmulatorControl {
  constructor(
    readonly controlUrl: string,
    private readonly secret: string,
    private readonly caPem: string,
  ) {}

  private send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise<T>((resolve, reject) => {
      const request = https.request(
        `${this.controlUrl}${path}`,
        {
          method,
          ca: this.caPem,
          headers: {
            'x-emulator-secret': this.secret,
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
              : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const parsed: unknown = text ? JSON.parse(text) : undefined;
            if ((response.statusCode ?? 500) >= 400)
              reject(new EmulatorControlError(response.statusCode ?? 500, parsed));
            else resolve(parsed as T);
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  /** Completes a pending browser sign-in (the URL msal passed to `openBrowser`) as `username`, posting the code to the app's loopback redirect. */
  completeBrowserSignIn(
    authorizeUrl: string,
    username: string,
  ): Promise<{ redirectUri: string; redirectStatus: number; error: string | null }> {
    return this.send('POST', '/sign-in/browser', { authorizeUrl, username });
  }

  /** Approves a device code (the `userCode` msal's deviceCodeCallback received) as `username`. */
  approveDeviceCode(userCode: string, username: string): Promise<{ approved: true }> {
    return this.send('POST', '/sign-in/device', { userCode, username });
  }

  revokeRefreshTokens(username: string): Promise<{ revoked: number }> {
    return this.send('POST', '/refresh-tokens/revoke', { username });
  }

  expireRefreshTokens(username: string): Promise<{ expired: number }> {
    return this.send('POST', '/refresh-tokens/expire', { username });
  }

  /** The request log, or the entries matching `query` (method, path pattern, kind; `query` values compared here). */
  async requestLog(query: RequestLogQuery = {}): Promise<RequestLogEntry[]> {
    const params = new URLSearchParams();
    if (query.method) params.set('method', query.method);
    if (query.pathPattern) params.set('pathPattern', query.pathPattern);
    if (query.kind) params.set('kind', query.kind);
    const search = params.size > 0 ? `?${params.toString()}` : '';
    const entries = (await this.send<{ value: RequestLogEntry[] }>('GET', `/requests${search}`))
      .value;
    return entries.filter((e) =>
      Object.entries(query.query ?? {}).every(
        ([name, value]) => e.query[name]?.toLowerCase() === value.toLowerCase(),
      ),
    );
  }

  clearRequestLog(): Promise<void> {
    return this.send('DELETE', '/requests');
  }

  faults(): Promise<FaultSnapshot> {
    return this.send('GET', '/faults');
  }

  resetFaults(): Promise<FaultSnapshot> {
    return this.send('DELETE', '/faults');
  }

  setLatency(latency: LatencyFault | null): Promise<FaultSnapshot> {
    return this.send('PUT', '/faults/latency', latency);
  }

  /** Token-bucket throttling: Azure's real limits ('azure'), custom ones, or off (null). */
  setThrottling(limits: ThrottlingLimits | 'azure' | null): Promise<FaultSnapshot> {
    return this.send('PUT', '/faults/throttling', limits);
  }

  addErrorBurst(burst: ErrorBurst): Promise<FaultSnapshot> {
    return this.send('POST', '/faults/bursts', burst);
  }

  dropConnections(drop: ConnectionDrop): Promise<FaultSnapshot> {
    return this.send('POST', '/faults/drops', drop);
  }

  failAttachLate(
    failure: Partial<LateAttachFailure> & { computeName: string; message: string },
  ): Promise<FaultSnapshot> {
    return this.send('POST', '/faults/late-attach-failures', failure);
  }

  /** Role assignment PUTs answer PrincipalNotFound for `seconds` from now, even with principalType. */
  failPrincipalLookups(fault: { principalId?: string; seconds: number }): Promise<FaultSnapshot> {
    return this.send('POST', '/faults/principal-not-found', fault);
  }

  /** Changes a compute as someone outside the app would (state, errors, identity, description, namespace). */
  changeCompute(change: ComputeChange): Promise<{ id: string; provisioningState: string }> {
    return this.send('PATCH', '/computes', change);
  }

  /** Removes a compute at once, as a detach made elsewhere. */
  removeCompute(id: string): Promise<{ removed: string }> {
    return this.send('DELETE', '/computes', { id });
  }

  /** Changes a cluster's Azure ML extension or an Arc cluster's connectivityStatus. */
  changeCluster(change: ClusterChange): Promise<unknown> {
    return this.send('PATCH', '/clusters', change);
  }

  /** A directory principal (e.g. a compute's system-assigned identity) and whether it has replicated. */
  principal(objectId: string): Promise<DirectoryPrincipalView> {
    return this.send('GET', `/directory/principals/${encodeURIComponent(objectId)}`);
  }

  settings(): Promise<EmulatorSettings> {
    return this.send('GET', '/settings');
  }

  /** Changes timings at run time, e.g. a slow LRO (`attachDelayMs`) or page size. */
  updateSettings(patch: Partial<EmulatorSettings>): Promise<EmulatorSettings> {
    return this.send('PATCH', '/settings', patch);
  }
}
