import { stableGuid } from '../core/ids';

/**
 * Kubernetes API answers, shaped as the API server sends them: a `Status` object for every error
 * (kind Status, status Failure, reason, code) and the resource itself on success.
 */
export interface KubernetesReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

function failure(
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
): KubernetesReply {
  return {
    status: code,
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details ? { details } : {}),
      code,
    },
  };
}

export const unauthorized = (): KubernetesReply => failure(401, 'Unauthorized', 'Unauthorized');

/** The API server's wording for a namespace get the user's RBAC does not allow. */
export const namespaceForbidden = (user: string, namespace: string): KubernetesReply =>
  failure(
    403,
    'Forbidden',
    `namespaces "${namespace}" is forbidden: User "${user}" cannot get resource "namespaces" in API group "" in the namespace "${namespace}"`,
    { name: namespace, kind: 'namespaces' },
  );

export const namespaceNotFound = (namespace: string): KubernetesReply =>
  failure(404, 'NotFound', `namespaces "${namespace}" not found`, {
    name: namespace,
    kind: 'namespaces',
  });

export const resourceNotFound = (): KubernetesReply =>
  failure(404, 'NotFound', 'the server could not find the requested resource');

export const methodNotAllowed = (method: string): KubernetesReply =>
  failure(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource (${method})`,
  );

export function namespaceBody(clusterId: string, namespace: string): KubernetesReply {
  return {
    status: 200,
    body: {
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: {
        name: namespace,
        uid: stableGuid('namespace', clusterId.toLowerCase(), namespace),
        resourceVersion: '4012',
        creationTimestamp: '2025-01-15T09:30:00Z',
        labels: { 'kubernetes.io/metadata.name': namespace },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    },
  };
}
