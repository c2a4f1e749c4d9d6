import { beforeAll, describe, expect, it } from 'vitest';
import type { ArmAnswer, ArmReader } from '../../electron/preflight/arm-reader';
import { type KubernetesApiTarget } from '../../electron/preflight/kubeconfig';
import {
  KubernetesUnreachable,
  type KubernetesAnswer,
} from '../../electron/preflight/kubernetes-client';
import { namespaceFinding } from '../../electron/preflight/namespace-check';
import type {
  PreflightTarget,
  SubscriptionAccess,
} from '../../electron/preflight/preflight-context';
import { parseArmId, type ArmId } from '../../shared/azure/arm-id';
import { recordingLogger } from '../auth/accounts-harness';
import {
  generateClusterCertificates,
  type ClientCertificate,
} from '../emulator/kubernetes/certificates';
import { kubeconfigYaml } from '../emulator/kubernetes/kubeconfig';

// The namespace check against a scripted ARM and a scripted Kubernetes API server: every
// outcome the wizard shows, and which token goes where.

const SUB = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`;
const SERVER = 'https://aks-prod-dns.hcp.westeurope.azmk8s.io:443';
const GET = 'kubectl get namespace team-a';

function armId(text: string): ArmId {
  const parsed = parseArmId(text);
  if (!parsed.ok) throw new Error(`test id does not parse: ${parsed.reason}`);
  return parsed.value;
}
const target = (overrides: Partial<PreflightTarget> = {}): PreflightTarget => ({
  workspace: armId(
    `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod`,
  ),
  cluster: armId(CLUSTER),
  clusterKind: 'aks',
  computeName: 'aks-prod',
  namespace: 'team-a',
  userAssignedIdentity: null,
  ...overrides,
});

let caPem = '';
let localAccount: ClientCertificate;
beforeAll(async () => {
  const certificates = await generateClusterCertificates();
  caPem = certificates.caPem;
  localAccount = await certificates.issueClientCertificate('clusterUser');
});
const credentialAnswer = (clientCertificate?: ClientCertificate): ArmAnswer => ({
  status: 200,
  body: {
    kubeconfigs: [
      {
        name: 'clusterUser',
        value: Buffer.from(
          kubeconfigYaml({
            clusterName: 'aks-prod',
            resourceGroup: 'rg-aks',
            serverUrl: SERVER,
            caPem,
            tenantId: '11111111-1111-4111-8111-111111111111',
            ...(clientCertificate ? { clientCertificate } : {}),
          }),
        ).toString('base64'),
      },
    ],
  },
  code: null,
  message: null,
});

interface World {
  readonly credential?: ArmAnswer;
  readonly token?: () => Promise<{ token: string; expiresOnTimestamp: number } | null>;
  readonly namespace?: () => Promise<KubernetesAnswer>;
  readonly clusterBody?: Record<string, unknown> | null;
}

async function check(world: World, overrides: Partial<PreflightTarget> = {}) {
  const asked: {
    arm: unknown[];
    scopes: unknown[];
    servers: string[];
    bearer: Array<string | null>;
    targets: KubernetesApiTarget[];
  } = {
    arm: [],
    scopes: [],
    servers: [],
    bearer: [],
    targets: [],
  };
  const logger = recordingLogger();
  const access: SubscriptionAccess = {
    credential: {
      getToken: async (scopes) => {
        asked.scopes.push(scopes);
        return (world.token ?? (async () => ({ token: 'entra-token', expiresOnTimestamp: 0 })))();
      },
    },
    arm: {
      send: async (request: unknown) => {
        asked.arm.push(request);
        return world.credential ?? credentialAnswer();
      },
    } as unknown as ArmReader,
  };
  const result = await namespaceFinding(
    {
      kubernetesClients: (apiTarget) => {
        asked.targets.push(apiTarget);
        return {
          origin: apiTarget.server.origin,
          getNamespace: async (name, bearer) => {
            expect(name).toBe('team-a');
            asked.bearer.push(bearer);
            return (
              world.namespace ?? (async () => ({ status: 200, reason: null, message: null }))
            )();
          },
        };
      },
      onKubernetesServer: (origin) => asked.servers.push(origin),
      logger,
    },
    access,
    target(overrides),
    world.clusterBody ?? null,
  );
  return { result, asked, logger };
}

const notChecked = (detail: string) => ({
  check: 'namespace',
  outcome: 'not-checked',
  title: 'The namespace team-a was not checked',
  detail,
  command: GET,
});

describe('the namespace of an AKS cluster', () => {
  it('passes when the API server shows it, asked with an Entra token for the AKS server app', async () => {
    const { result, asked } = await check({});
    expect(result).toEqual({
      check: 'namespace',
      outcome: 'passed',
      title: 'The namespace team-a exists on aks-prod',
      detail: 'Jobs of this compute run in it.',
      command: null,
    });
    expect(asked.arm).toEqual([
      { method: 'POST', path: `${CLUSTER}/listClusterUserCredential`, apiVersion: '2025-07-01' },
    ]);
    expect(asked.scopes).toEqual(['6dae42f8-4368-4678-94ff-3960e28e3630/.default']);
    expect(asked.servers).toEqual(['https://aks-prod-dns.hcp.westeurope.azmk8s.io']);
    expect(asked.bearer).toEqual(['entra-token']);
  });

  it('uses a local account’s certificate and asks for no token', async () => {
    const { result, asked } = await check({ credential: credentialAnswer(localAccount) });
    expect(result.outcome).toBe('passed');
    expect(asked.scopes).toEqual([]);
    expect(asked.bearer).toEqual([null]);
    expect(asked.targets[0]?.clientCertificate?.certPem).toBe(localAccount.certPem.trim());
  });

  it('fails when it is missing, offering kubectl create namespace', async () => {
    const { result } = await check({
      namespace: async () => ({ status: 404, reason: 'NotFound', message: null }),
    });
    expect(result).toEqual({
      check: 'namespace',
      outcome: 'failed',
      title: 'The namespace team-a does not exist on aks-prod',
      detail:
        'Azure ML neither creates nor checks it: the attach would succeed, and then every job would fail. Create it with the command below (or choose an existing namespace).',
      command: 'kubectl create namespace team-a',
    });
  });

  it.each([
    [
      { status: 403, reason: 'Forbidden', message: null },
      'Kubernetes RBAC on aks-prod does not let you read namespaces (Forbidden): whether team-a exists is unknown, not missing. Ask a cluster administrator, or run the command below with rights to read namespaces.',
    ],
    [
      { status: 401, reason: 'Unauthorized', message: null },
      'The API server of aks-prod did not accept your credentials (Unauthorized). The cluster may not use Entra ID integration, or your token is for another tenant.',
    ],
    [{ status: 404, reason: null, message: null }, 'The API server of aks-prod answered HTTP 404.'],
    [
      { status: 503, reason: 'ServiceUnavailable', message: null },
      'The API server of aks-prod answered HTTP 503 (ServiceUnavailable).',
    ],
  ])('is not checked when the API server answers %o', async (answer, detail) => {
    expect((await check({ namespace: async () => answer })).result).toEqual(notChecked(detail));
  });

  it('is not checked when the API server cannot be reached, saying why for a private cluster', async () => {
    const unreachable = async (): Promise<KubernetesAnswer> => {
      throw new KubernetesUnreachable('ETIMEDOUT', 'aks-prod-dns.hcp.westeurope.azmk8s.io');
    };
    const privateOne = await check({
      namespace: unreachable,
      clusterBody: { properties: { apiServerAccessProfile: { enablePrivateCluster: true } } },
    });
    expect(privateOne.result).toEqual(
      notChecked(
        'The API server aks-prod-dns.hcp.westeurope.azmk8s.io could not be reached from this computer (ETIMEDOUT). aks-prod is a private cluster: its API server is reachable only from its virtual network (or through a VPN, peering or jump box). Run the command below from a machine that reaches it.',
      ),
    );
    expect(privateOne.logger.lines).toEqual([
      'warn The API server of a cluster could not be reached {"host":"aks-prod-dns.hcp.westeurope.azmk8s.io","code":"ETIMEDOUT"}',
    ]);
    const publicOne = await check({ namespace: unreachable, clusterBody: { properties: {} } });
    expect(publicOne.result.detail).toBe(
      "The API server aks-prod-dns.hcp.westeurope.azmk8s.io could not be reached from this computer (ETIMEDOUT). It may be a private cluster, or a firewall or the cluster's authorized IP ranges keep this computer out. Run the command below from a machine that reaches it.",
    );
  });

  it('lets an unexpected client failure through', async () => {
    await expect(
      check({
        namespace: async () => {
          throw new TypeError('bug');
        },
      }),
    ).rejects.toThrow('bug');
  });

  it('is not checked without a token for the API server', async () => {
    const failed = await check({
      token: async () => {
        throw Object.assign(new Error('AADSTS50076: MFA required\nTrace'), {
          code: 'InteractionRequired',
        });
      },
    });
    expect(failed.result).toEqual(
      notChecked(
        "No Entra token for the cluster's API server could be had: AADSTS50076: MFA required (InteractionRequired).",
      ),
    );
    expect(failed.asked.servers).toEqual([]);
    const none = await check({ token: async () => null });
    expect(none.result).toEqual(
      notChecked("No Entra token for the cluster's API server could be had."),
    );
  });

  it('is not checked when the user credential cannot be had or used', async () => {
    const forbidden = { status: 403, body: null, code: 'AuthorizationFailed', message: null };
    expect((await check({ credential: forbidden })).result).toEqual(
      notChecked(
        'You may not read the user credential of aks-prod (AuthorizationFailed, HTTP 403): it needs Microsoft.ContainerService/managedClusters/listClusterUserCredential/action, e.g. the role "Azure Kubernetes Service Cluster User Role". Check the namespace with the command below.',
      ),
    );
    expect(
      (await check({ credential: { status: 502, body: null, code: null, message: null } })).result,
    ).toEqual(notChecked("Azure answered HTTP 502 for the cluster's user credential."));
    for (const body of [{}, { kubeconfigs: [] }, { kubeconfigs: [{ value: 7 }] }, null]) {
      expect(
        (await check({ credential: { status: 200, body, code: null, message: null } })).result,
      ).toEqual(
        notChecked("Mooring did not use the cluster's credential: Azure answered no kubeconfig."),
      );
    }
  });
});

describe('the namespace check without a logger or a host registry', () => {
  it('still answers, reached or not', async () => {
    const access: SubscriptionAccess = {
      credential: { getToken: async () => ({ token: 'entra-token', expiresOnTimestamp: 0 }) },
      arm: { send: async () => credentialAnswer() } as unknown as ArmReader,
    };
    const reached = await namespaceFinding(
      {
        kubernetesClients: (apiTarget) => ({
          origin: apiTarget.server.origin,
          getNamespace: async () => ({ status: 200, reason: null, message: null }),
        }),
      },
      access,
      target(),
      null,
    );
    expect(reached.outcome).toBe('passed');
    const unreached = await namespaceFinding(
      {
        kubernetesClients: (apiTarget) => ({
          origin: apiTarget.server.origin,
          getNamespace: async () => {
            throw new KubernetesUnreachable('ENOTFOUND', 'aks-prod-dns.hcp.westeurope.azmk8s.io');
          },
        }),
      },
      access,
      target(),
      null,
    );
    expect(unreached.outcome).toBe('not-checked');
  });
});

describe('the namespace of an Arc cluster', () => {
  it('is not checked, with the commands to run where the cluster is reachable', async () => {
    const arc = armId(
      `/subscriptions/${SUB}/resourceGroups/rg-edge/providers/Microsoft.Kubernetes/connectedClusters/lab-boston`,
    );
    const { result, asked } = await check({}, { cluster: arc, clusterKind: 'arc' });
    expect(result).toEqual({
      check: 'namespace',
      outcome: 'not-checked',
      title: 'The namespace team-a was not checked',
      detail:
        'lab-boston is an Arc-enabled cluster: its API server cannot be reached from this computer without cluster connect (az connectedk8s proxy). Run the command below where you can reach the cluster; if the namespace is missing, create it with kubectl create namespace team-a before any job runs.',
      command: GET,
    });
    expect(asked.arm).toEqual([]);
  });
});

describe('a cluster no signed-in account reaches', () => {
  it('is not checked, and nothing is asked', async () => {
    const result = await namespaceFinding(
      {
        kubernetesClients: () => {
          throw new Error('no client expected');
        },
      },
      null,
      target(),
      null,
    );
    expect(result).toEqual(
      notChecked("No signed-in account can reach the cluster's subscription."),
    );
  });
});
