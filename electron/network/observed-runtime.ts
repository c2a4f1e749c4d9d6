import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import type { INetworkModule } from '@azure/msal-node';
import type { ConnectionRuntime } from '../connection/runtime';
import type { ConnectivityMonitor } from './connectivity-monitor';

type Reporter = Pick<ConnectivityMonitor, 'reportAnswer' | 'reportFailure'>;

/**
 * The same runtime, with every Resource Manager request (the SDK clients of refresh, preflight
 * and roles, and the operations' polls) and every sign-in request reporting its outcome to the
 * connectivity monitor. Requests cut short on purpose (cancel, closing) report nothing.
 */
export function observedRuntime(runtime: ConnectionRuntime, monitor: Reporter): ConnectionRuntime {
  const armClients = new WeakMap<HttpClient, HttpClient>();
  // Clients given none send through the SDK's default one: observed the same way.
  let fallback: HttpClient | null = null;
  const observe = (inner: HttpClient): HttpClient => {
    let wrapped = armClients.get(inner);
    if (!wrapped) {
      wrapped = {
        async sendRequest(request) {
          try {
            const response = await inner.sendRequest(request);
            monitor.reportAnswer();
            return response;
          } catch (error) {
            if (!request.abortSignal?.aborted) monitor.reportFailure(error);
            throw error;
          }
        },
      };
      armClients.set(inner, wrapped);
    }
    return wrapped;
  };
  return {
    ...runtime,
    msalNetworkClient: observedSignIn(runtime.msalNetworkClient, monitor),
    armClientOptions() {
      const options = runtime.armClientOptions();
      const inner = options.httpClient ?? (fallback ??= createDefaultHttpClient());
      return { ...options, httpClient: observe(inner) };
    },
  };
}

/** Sign-in requests only report failures: the sign-in host answering says nothing about ARM. */
function observedSignIn(inner: INetworkModule, monitor: Reporter): INetworkModule {
  const watched = <T>(request: Promise<T>): Promise<T> =>
    request.catch((error: unknown) => {
      monitor.reportFailure(error);
      throw error;
    });
  return {
    sendGetRequestAsync: (url, options, timeout) =>
      watched(inner.sendGetRequestAsync(url, options, timeout)),
    sendPostRequestAsync: (url, options) => watched(inner.sendPostRequestAsync(url, options)),
  };
}

/**
 * Memoises the observed runtime per runtime the connection service builds (it rebuilds one when
 * the settings change), so clients keep one wrapped transport.
 */
export function observingRuntimeSource(
  source: () => Promise<ConnectionRuntime>,
  monitor: Reporter,
): () => Promise<ConnectionRuntime> {
  const seen = new WeakMap<ConnectionRuntime, ConnectionRuntime>();
  return async () => {
    const runtime = await source();
    let observed = seen.get(runtime);
    if (!observed) {
      observed = observedRuntime(runtime, monitor);
      seen.set(runtime, observed);
    }
    return observed;
  };
}
