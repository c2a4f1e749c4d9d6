import { AppError } from '../core/errors';

/**
 * The hosts a bearer token may be sent to, for one connection runtime: the configured cloud's
 * Resource Manager, plus Kubernetes API servers Mooring itself registered (read from a kubeconfig
 * that cloud's ARM returned for a cluster). Nothing a settings value or a server's answer names
 * elsewhere is ever added. Hosts are compared as https origins (scheme, host and port).
 */
export interface TrustedHosts {
  /** The configured Resource Manager's origin (`https://management.azure.com`). */
  readonly resourceManager: string;
  /** True when a bearer token may go to this URL. */
  allows(url: string): boolean;
  /**
   * Lets tokens go to a Kubernetes API server (`https://host[:port]`) for the rest of this
   * runtime's life. Call it only with a server URL read from an answer of the configured cloud's
   * Resource Manager (`listClusterUserCredential`), never with one a user or another host gave.
   */
  allowKubernetesApiHost(serverUrl: string): void;
  /** Every origin allowed now, for logs and tests. */
  list(): readonly string[];
}

/** The https origin of a URL, lower-cased with the default port dropped; undefined for anything else. */
export function httpsOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return undefined;
    return parsed.origin.toLowerCase();
  } catch {
    return undefined;
  }
}

export function createTrustedHosts(resourceManagerUrl: string): TrustedHosts {
  const resourceManager = httpsOrigin(resourceManagerUrl);
  if (!resourceManager) {
    throw new AppError(
      'invalid-input',
      'The Resource Manager URL must be an https URL without credentials; correct it in Settings > Connection to Azure.',
    );
  }
  const kubernetes = new Set<string>();
  return {
    resourceManager,
    allows(url) {
      const origin = httpsOrigin(url);
      return origin !== undefined && (origin === resourceManager || kubernetes.has(origin));
    },
    allowKubernetesApiHost(serverUrl) {
      const origin = httpsOrigin(serverUrl);
      if (!origin) {
        throw new AppError(
          'invalid-input',
          'A Kubernetes API server must be reached over https; Mooring will not send a token to this cluster.',
        );
      }
      kubernetes.add(origin);
    },
    list: () => [resourceManager, ...kubernetes],
  };
}
