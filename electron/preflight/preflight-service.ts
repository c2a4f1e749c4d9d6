import type { TokenCredential } from '@azure/core-auth';
import {
  ARM_TYPES,
  armIdPath,
  isArmType,
  requireArmId,
  type ArmId,
} from '../../shared/azure/arm-id';
import type {
  AttachRequest,
  PreflightFinding,
  PreflightReport,
} from '../../shared/domain/operations';
import type { Logger } from '../logging/logger';
import type { ArmReader } from './arm-reader';
import { computeWriteFinding, identityAssignFinding, nameFinding } from './compute-checks';
import type { KubernetesClientFactory } from './kubernetes-client';
import { namespaceFinding } from './namespace-check';
import {
  API_VERSIONS,
  bodyOf,
  finding,
  type PreflightTarget,
  type SubscriptionAccess,
} from './preflight-context';
import {
  clusterPath,
  connectivityFinding,
  extensionFinding,
  extensionsPath,
  readResource,
  readableFinding,
  regionFinding,
  subscriptionFinding,
} from './resource-checks';

export interface PreflightService {
  /** Every check of an attach, before anything is sent. Never throws for what Azure answers. */
  check(request: AttachRequest): Promise<PreflightReport>;
}

export interface PreflightServiceDeps {
  /** The signed-in (account, tenant) credential that sees this subscription, or null for none. */
  readonly credentialForSubscription: (subscriptionId: string) => TokenCredential | null;
  /** ARM through the connection's pipeline, for one credential. */
  readonly armReader: (credential: TokenCredential) => Promise<ArmReader>;
  readonly kubernetesClients: KubernetesClientFactory;
  /** Told of every Kubernetes API server origin a credential is about to go to. */
  readonly onKubernetesServer?: (origin: string) => void;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

const ORDER: readonly PreflightFinding['check'][] = [
  'workspace',
  'cluster',
  'extension',
  'connectivity',
  'subscription',
  'region',
  'name',
  'compute-write',
  'identity-assign',
  'namespace',
];

export function createPreflightService(deps: PreflightServiceDeps): PreflightService {
  const now = deps.now ?? (() => new Date());

  const run = async (request: AttachRequest): Promise<PreflightFinding[]> => {
    // Credentials and clients are per run: a later run sees new sign-ins and settings.
    const accessCache = new Map<string, Promise<SubscriptionAccess | null>>();
    const accessFor = (subscriptionId: string): Promise<SubscriptionAccess | null> => {
      let access = accessCache.get(subscriptionId);
      if (!access) {
        access = (async () => {
          try {
            const credential = deps.credentialForSubscription(subscriptionId);
            return credential ? { credential, arm: await deps.armReader(credential) } : null;
          } catch (error) {
            // A tenant that needs sign-in again: its subscriptions are out of reach for now.
            deps.logger?.warn(`No credential for subscription ${subscriptionId}`, {
              message: error instanceof Error ? error.message : String(error),
            });
            return null;
          }
        })();
        accessCache.set(subscriptionId, access);
      }
      return access;
    };
    const workspace = requireArmId(request.workspaceId, 'workspace id');
    const cluster = requireArmId(request.clusterId, 'cluster id');
    const kind = isArmType(cluster, ARM_TYPES.aksCluster)
      ? 'aks'
      : isArmType(cluster, ARM_TYPES.arcCluster)
        ? 'arc'
        : null;
    const early: PreflightFinding[] = [];
    if (!isArmType(workspace, ARM_TYPES.workspace)) {
      early.push(
        finding(
          'workspace',
          'failed',
          'This is not an Azure ML workspace',
          `${workspace.id} is not a ${ARM_TYPES.workspace} resource.`,
        ),
      );
    }
    if (!kind) {
      early.push(
        finding(
          'cluster',
          'failed',
          'This is not an AKS or Arc-enabled cluster',
          `Azure ML attaches ${ARM_TYPES.aksCluster} and ${ARM_TYPES.arcCluster} resources; ${cluster.id} is neither.`,
        ),
      );
    }
    const identity =
      request.identity.type === 'UserAssigned'
        ? requireArmId(request.identity.identityId, 'identity id')
        : null;
    if (identity && !isArmType(identity, ARM_TYPES.userAssignedIdentity)) {
      early.push(
        finding(
          'identity-assign',
          'failed',
          'This is not a user-assigned identity',
          `${identity.id} is not a ${ARM_TYPES.userAssignedIdentity} resource.`,
        ),
      );
    }
    if (early.length > 0 || !kind) return early;

    const target: PreflightTarget = {
      workspace,
      cluster,
      clusterKind: kind,
      computeName: request.computeName,
      namespace: request.namespace,
      userAssignedIdentity: identity,
    };
    const [workspaceAccess, clusterAccess] = await Promise.all([
      accessFor(workspace.subscriptionId),
      accessFor(cluster.subscriptionId),
    ]);
    const noAccess = (id: ArmId) =>
      `No signed-in account can reach subscription ${id.subscriptionId}; sign in with an account that can, then run the checks again.`;
    const [workspaceRead, clusterRead, extensionsRead] = await Promise.all([
      readResource(
        workspaceAccess,
        { path: armIdPath(workspace), apiVersion: API_VERSIONS.machineLearning },
        noAccess(workspace),
      ),
      readResource(clusterAccess, clusterPath(target), noAccess(cluster)),
      readResource(
        clusterAccess,
        { path: extensionsPath(cluster), apiVersion: API_VERSIONS.extensions },
        noAccess(cluster),
      ),
    ]);
    const workspaceBody = bodyOf(workspaceRead);
    const clusterBody = bodyOf(clusterRead);
    const findings: PreflightFinding[] = [
      readableFinding('workspace', workspace, workspaceRead),
      readableFinding('cluster', cluster, clusterRead),
      subscriptionFinding(target),
      regionFinding(workspaceBody, clusterBody),
    ];
    const unread = (check: PreflightFinding['check'], what: string, needs: string) =>
      finding(
        check,
        'not-checked',
        `${what} was not checked`,
        `It needs the ${needs}, which could not be read (see above).`,
      );
    if (clusterBody) {
      findings.push(extensionFinding(target, extensionsRead));
      if (kind === 'arc') findings.push(connectivityFinding(target, clusterBody));
    } else {
      findings.push(unread('extension', 'The Azure ML extension', 'cluster'));
    }
    const later: Array<Promise<PreflightFinding>> = [];
    if (workspaceBody) {
      later.push(
        nameFinding(workspaceAccess, target),
        computeWriteFinding(workspaceAccess, target),
      );
    } else {
      findings.push(
        unread('name', 'The compute name', 'workspace'),
        unread('compute-write', 'Your right to add computes', 'workspace'),
      );
    }
    if (identity)
      later.push(
        accessFor(identity.subscriptionId).then((access) =>
          identityAssignFinding(access, identity),
        ),
      );
    if (clusterBody) later.push(namespaceFinding(deps, clusterAccess, target, clusterBody));
    else findings.push(unread('namespace', `The namespace ${target.namespace}`, 'cluster'));
    findings.push(...(await Promise.all(later)));
    return findings;
  };

  return {
    async check(request) {
      const findings = (await run(request)).sort(
        (a, b) => ORDER.indexOf(a.check) - ORDER.indexOf(b.check),
      );
      return {
        findings,
        blocking: findings.some((f) => f.outcome === 'failed'),
        checkedAt: now().toISOString(),
      };
    },
  };
}
