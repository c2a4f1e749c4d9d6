import {
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineRequest,
} from '@azure/core-rest-pipeline';
import type { ConnectionRuntime } from '../connection/runtime';
import type { EventHub, HandlerMap } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import {
  createConnectivityMonitor,
  type ConnectivityMonitor,
  type ConnectivityProbe,
  type ConnectivityTimer,
  type RetryBackoff,
} from '../network/connectivity-monitor';
import { observingRuntimeSource } from '../network/observed-runtime';
import type { OfflineFinding } from '../network/offline-reason';

/** How long the probe waits for Resource Manager before calling it unreachable. */
const PROBE_TIMEOUT_MS = 15_000;

/** An (account, tenant) pair: who reaches a selected subscription, or who is signed in and ready. */
interface TenantKey {
  readonly accountId: string;
  readonly tenantId: string;
}

export interface ConnectivityParts {
  /** The connection's runtime as built from the settings (not yet observed). */
  readonly runtime: () => Promise<ConnectionRuntime>;
  readonly events: EventHub;
  /** Who reaches each selected subscription. */
  readonly selected: () => readonly TenantKey[];
  /** The tenants signed in and needing no interactive sign-in. */
  readonly readyTenants: () => Promise<readonly TenantKey[]>;
  /** Back online: the inventory is refreshed so the record catches up. */
  readonly refreshInventory: () => Promise<unknown>;
  readonly logger: Logger;
  readonly timer?: ConnectivityTimer;
  readonly backoff?: Partial<RetryBackoff>;
}

export interface ConnectivityComposition {
  readonly monitor: ConnectivityMonitor;
  /** The runtime every service is given: its ARM and sign-in requests report to the monitor. */
  readonly runtime: () => Promise<ConnectionRuntime>;
  readonly handlers: Pick<HandlerMap, 'connectivity.get' | 'connectivity.retry'>;
  close(): void;
}

/**
 * The connectivity monitor, fed by every Resource Manager call, and its IPC face: the state,
 * a Retry, and `connectivity.changed` pushed at every change. Coming back online refreshes the
 * inventory; the operations follow their paused rows again by themselves.
 */
export function composeConnectivity(parts: ConnectivityParts): ConnectivityComposition {
  const probe: ConnectivityProbe = async () => {
    const runtime = await parts.runtime();
    const options = runtime.armClientOptions();
    const httpClient = options.httpClient ?? createDefaultHttpClient();
    // Any answer of Resource Manager, a 401 for this request without a token included, means
    // the network, the proxy and TLS let Mooring through. No token goes with it.
    const request = createPipelineRequest({
      url: new URL('/subscriptions?api-version=2022-12-01', runtime.cloud.resourceManager).href,
      method: 'GET',
      headers: createHttpHeaders({ accept: 'application/json' }),
      timeout: PROBE_TIMEOUT_MS,
    });
    if (options.tlsOptions) request.tlsSettings = options.tlsOptions;
    const response = await httpClient.sendRequest(request);
    if (response.status === 407) {
      return {
        reason: 'proxy-or-tls',
        code: 'HTTP 407',
        message:
          'The proxy asked Mooring for a user name and password (HTTP 407): enter them with the proxy address in Settings › Connection to Azure.',
      };
    }
    return signInNeeded();
  };

  /** Offline for the user's purposes: every selected subscription waits for a sign-in. */
  const signInNeeded = async (): Promise<OfflineFinding | null> => {
    const selected = parts.selected();
    if (selected.length === 0) return null;
    const key = (t: TenantKey) => `${t.accountId}\n${t.tenantId.toLowerCase()}`;
    const ready = new Set((await parts.readyTenants()).map(key));
    if (selected.some((subscription) => ready.has(key(subscription)))) return null;
    return {
      reason: 'sign-in-needed',
      code: 'interaction_required',
      message:
        'The tenants of the selected subscriptions need you to sign in again: choose Sign in in Accounts.',
    };
  };

  const monitor = createConnectivityMonitor({
    probe,
    ...(parts.timer ? { timer: parts.timer } : {}),
    ...(parts.backoff ? { backoff: parts.backoff } : {}),
  });
  let wasOffline = false;
  const stopForwarding = monitor.onChange((state) => {
    parts.events.emit('connectivity.changed', state);
    const offline = state.status === 'offline';
    if (wasOffline && state.status === 'online') {
      parts.logger.info('Azure can be reached again; refreshing the inventory.');
      void parts.refreshInventory().catch((error: unknown) => {
        parts.logger.warn('The refresh after coming back online failed', error);
      });
    }
    if (offline && !wasOffline) {
      parts.logger.warn('Azure cannot be reached', { reason: state.reason, code: state.code });
    }
    wasOffline = offline;
  });
  // A sign-in (or sign-out) may end or begin a "sign-in needed": check again.
  const stopListening = parts.events.subscribe((name) => {
    if (name === 'accounts.changed' && monitor.state().reason === 'sign-in-needed') {
      void monitor.check();
    }
  });
  // Once the composition is built (the parts read services created after this one). Start-up
  // never waits on it; with nothing selected the first real call decides.
  queueMicrotask(() => {
    if (parts.selected().length > 0) void monitor.check();
  });

  return {
    monitor,
    runtime: observingRuntimeSource(parts.runtime, monitor),
    handlers: {
      'connectivity.get': () => monitor.state(),
      'connectivity.retry': () => monitor.check(),
    },
    close() {
      stopForwarding();
      stopListening();
      monitor.close();
    },
  };
}
