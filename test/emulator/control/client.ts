import https from 'node:https';
import type { RequestLogEntry } from '../core/requestLog';
import type {
  ConnectionDrop,
  ErrorBurst,
  FaultSnapshot,
  LateAttachFailure,
  LatencyFault,
} from '../faults/faultInjector';
import type { EmulatorSettings, ThrottlingLimits } from '../scenario/schema';

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

  requestLog(): Promise<RequestLogEntry[]> {
    return this.send<{ value: RequestLogEntry[] }>('GET', '/requests').then((r) => r.value);
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

  settings(): Promise<EmulatorSettings> {
    return this.send('GET', '/settings');
  }

  /** Changes timings at run time, e.g. a slow LRO (`attachDelayMs`) or page size. */
  updateSettings(patch: Partial<EmulatorSettings>): Promise<EmulatorSettings> {
    return this.send('PATCH', '/settings', patch);
  }
}
