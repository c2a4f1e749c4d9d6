import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { stableGuid } from '../core/ids';
import type { TokenSigner } from '../entra/jwt';
import type { ClusterRecord, World } from '../world/world';
import { generateClusterCertificates, type ClientCertificate } from './certificates';
import { AKS_SERVER_APP_ID } from './kubeconfig';
import {
  methodNotAllowed,
  namespaceBody,
  namespaceForbidden,
  namespaceNotFound,
  resourceNotFound,
  unauthorized,
  type KubernetesReply,
} from './status';

/**
 * The API servers of the scenario's clusters: one HTTPS listener on 127.0.0.1 with the clusters'
 * own CA, each cluster under its own path prefix (`/clusters/{key}`, as a kubeconfig `server` may
 * carry one). It answers `GET /api/v1/namespaces/{ns}` only for a caller the cluster accepts: an
 * Entra access token for the AKS server application from the cluster's tenant, or — on a
 * local-accounts cluster — the client certificate its user credential carries.
 */
export interface KubernetesApi {
  /** `https://127.0.0.1:{port}`: a different origin from ARM, as a real API server is. */
  readonly baseUrl: string;
  /** The cluster CA (PEM) that signed the API server certificate. */
  readonly caPem: string;
  /** The `server` of a cluster's kubeconfig. */
  serverUrlOf(clusterId: string): string;
  /** The local account's client certificate of a cluster (issued once, then the same). */
  clientCertificateFor(clusterId: string): Promise<ClientCertificate>;
  /** Every request the API servers received, for tests (where tokens went, what was answered). */
  requests(): KubernetesRequestLogEntry[];
  clearRequests(): void;
  close(): Promise<void>;
}

export interface KubernetesRequestLogEntry {
  readonly method: string;
  readonly path: string;
  /** 0 when the connection was dropped (an unreachable cluster). */
  readonly status: number;
  readonly credential: 'bearer' | 'client-certificate' | 'none';
  /** The Kubernetes user the request was authenticated as. */
  readonly user?: string;
}

export interface KubernetesApiDeps {
  readonly world: World;
  readonly signer: TokenSigner;
}

const clusterKey = (clusterId: string): string =>
  stableGuid('kubernetes-api', clusterId.toLowerCase()).replace(/-/g, '').slice(0, 16);

const namespacePath = /^\/clusters\/([0-9a-f]{16})(\/.*)?$/;

export async function startKubernetesApi(deps: KubernetesApiDeps): Promise<KubernetesApi> {
  const certificates = await generateClusterCertificates();
  const clientCertificates = new Map<string, Promise<ClientCertificate>>();
  const issued = new Map<string, string>(); // fingerprint256 -> cluster id (lower-case)
  const log: KubernetesRequestLogEntry[] = [];
  const sockets = new Set<Socket>();
  const server = https.createServer({
    key: certificates.serverKeyPem,
    cert: certificates.serverCertPem,
    ca: certificates.caPem,
    // Client certificates are optional: Entra-integrated clusters authenticate by token.
    requestCert: true,
    rejectUnauthorized: false,
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const clusterByKey = (key: string): ClusterRecord | undefined =>
    [...deps.world.clusters.values()].find((c) => c.kind === 'aks' && clusterKey(c.id) === key);

  const authenticate = (
    req: IncomingMessage,
    cluster: ClusterRecord,
  ): { credential: KubernetesRequestLogEntry['credential']; user?: string } => {
    const socket = req.socket as TLSSocket;
    const peer = socket.getPeerCertificate();
    const header = req.headers.authorization ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (apiServerOf(cluster).localAccounts) {
      // Without Entra ID integration the API server knows only its own certificates.
      const owner = peer.fingerprint256 ? issued.get(peer.fingerprint256) : undefined;
      if (socket.authorized && owner === cluster.id.toLowerCase())
        return { credential: 'client-certificate', user: 'clusterUser' };
      return {
        credential: bearer ? 'bearer' : peer.fingerprint256 ? 'client-certificate' : 'none',
      };
    }
    if (!bearer) return { credential: 'none' };
    const claims = deps.signer.verify(bearer);
    const exp = typeof claims?.['exp'] === 'number' ? claims['exp'] : 0;
    const tenant = deps.world.tenantOfSubscription(cluster.subscriptionId);
    if (
      !claims ||
      exp * 1000 <= Date.now() ||
      String(claims['aud'] ?? '').toLowerCase() !== AKS_SERVER_APP_ID ||
      String(claims['tid'] ?? '').toLowerCase() !== tenant
    )
      return { credential: 'bearer' };
    // AKS names Entra users by their UPN and applications by their object id.
    const user = String(claims['upn'] ?? claims['oid'] ?? '');
    return { credential: 'bearer', user };
  };

  const answer = (req: IncomingMessage, cluster: ClusterRecord, rest: string) => {
    const who = authenticate(req, cluster);
    if (who.user === undefined) return { who, reply: unauthorized() };
    const match = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(rest);
    if (!match?.[1]) return { who, reply: resourceNotFound() };
    if (req.method !== 'GET') return { who, reply: methodNotAllowed(req.method ?? '') };
    const namespace = decodeURIComponent(match[1]);
    if (who.credential === 'bearer' && !apiServerOf(cluster).rbacAllowsNamespaceRead)
      return { who, reply: namespaceForbidden(who.user, namespace) };
    const reply: KubernetesReply = namespacesOf(cluster).includes(namespace)
      ? namespaceBody(cluster.id, namespace)
      : namespaceNotFound(namespace);
    return { who, reply };
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const [, key = '', rest = '/'] = namespacePath.exec(url.pathname) ?? [];
    const cluster = clusterByKey(key);
    const method = req.method ?? 'GET';
    if (!cluster || !apiServerOf(cluster).reachable) {
      // No such host, or a private endpoint: the desktop never gets an answer.
      log.push({ method, path: url.pathname, status: 0, credential: 'none' });
      req.socket.destroy();
      return;
    }
    const { who, reply } = answer(req, cluster, rest);
    log.push({
      method,
      path: url.pathname,
      status: reply.status,
      credential: who.credential,
      ...(who.user !== undefined ? { user: who.user } : {}),
    });
    const payload = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(payload)),
    });
    res.end(payload);
  });

  return {
    baseUrl,
    caPem: certificates.caPem,
    serverUrlOf: (clusterId) => `${baseUrl}/clusters/${clusterKey(clusterId)}`,
    clientCertificateFor(clusterId) {
      const id = clusterId.toLowerCase();
      let pending = clientCertificates.get(id);
      if (!pending) {
        pending = certificates.issueClientCertificate('clusterUser').then((certificate) => {
          issued.set(certificate.fingerprint256, id);
          return certificate;
        });
        clientCertificates.set(id, pending);
      }
      return pending;
    },
    requests: () => [...log],
    clearRequests: () => {
      log.length = 0;
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

const defaultApiServer = { reachable: true, rbacAllowsNamespaceRead: true, localAccounts: false };
const defaultNamespaces = ['default', 'kube-system', 'azureml'];

/** Generated scenarios skip validation, so their clusters may lack the Kubernetes API fields. */
export function apiServerOf(cluster: ClusterRecord): ClusterRecord['apiServer'] {
  return (cluster as Partial<ClusterRecord>).apiServer ?? defaultApiServer;
}

function namespacesOf(cluster: ClusterRecord): readonly string[] {
  return (cluster as Partial<ClusterRecord>).namespaces ?? defaultNamespaces;
}
