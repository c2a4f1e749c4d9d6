import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AttachRequestInput } from '../../shared/domain/operations';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { fastSettings } from '../emulator/testing';
import { PreflightHarness, findingOf } from './preflight-harness';
import {
  LOCKED_RG,
  OTHER_SUB,
  RG,
  SUB,
  aksId,
  arcConnectivitySupported,
  arcId,
  identityId,
  preflightScenario,
  workspaceId,
} from './preflight-scenario';

let emu: RunningEmulator;
let harness: PreflightHarness;
const ADMIN = 'admin@contoso.com';

const attach = (
  clusterId: string,
  extra: Partial<AttachRequestInput> = {},
): AttachRequestInput => ({
  workspaceId,
  clusterId,
  computeName: 'k8s-new',
  namespace: 'team-a',
  identity: { type: 'None' },
  ...extra,
});

beforeAll(async () => {
  emu = await startEmulator({ scenario: preflightScenario(), settings: fastSettings });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  harness = new PreflightHarness(emu);
  emu.kubernetes.clearRequests();
});

describe('an attach that will work', () => {
  it('passes every check, with the namespace read from the cluster API with an Entra token', async () => {
    const report = await harness.check(ADMIN, attach(aksId('aks-ready')));
    expect(report.blocking).toBe(false);
    expect(report.findings.map((f) => [f.check, f.outcome])).toEqual([
      ['workspace', 'passed'],
      ['cluster', 'passed'],
      ['extension', 'passed'],
      ['subscription', 'passed'],
      ['region', 'passed'],
      ['name', 'passed'],
      ['compute-write', 'passed'],
      ['namespace', 'passed'],
    ]);
    const kubernetesRequests = emu.kubernetes.requests();
    expect(kubernetesRequests).toEqual([
      expect.objectContaining({
        path: `${new URL(emu.kubernetes.serverUrlOf(aksId('aks-ready'))).pathname}/api/v1/namespaces/team-a`,
        status: 200,
        credential: 'bearer',
        user: ADMIN,
      }),
    ]);
    // Nothing was sent to Azure ML: the preflight only reads (and lists the user credential).
    const writes = emu.requestLog
      .entries()
      .filter((e) => e.kind === 'arm' && e.method !== 'GET')
      .map((e) => e.path.split('?')[0]);
    expect(writes).toEqual([`${aksId('aks-ready')}/listClusterUserCredential`]);
  });
});

describe('the Azure ML extension', () => {
  it('fails when the cluster has none, with the exact az k8s-extension create command', async () => {
    const report = await harness.check(ADMIN, attach(aksId('aks-bare')));
    expect(report.blocking).toBe(true);
    expect(findingOf(report, 'extension')).toMatchObject({
      outcome: 'failed',
      command: `az k8s-extension create --name azureml --extension-type Microsoft.AzureML.Kubernetes --cluster-type managedClusters --cluster-name aks-bare --resource-group ${RG} --scope cluster --config enableTraining=True --subscription ${SUB}`,
    });
  });

  it('fails when the extension is Failed, naming the state', async () => {
    const extension = findingOf(
      await harness.check(ADMIN, attach(aksId('aks-broken'))),
      'extension',
    );
    expect(extension.outcome).toBe('failed');
    expect(extension.title).toContain('Failed');
    expect(extension.command).toContain('--cluster-name aks-broken');
  });

  it('gives Arc clusters the connectedClusters cluster type', async () => {
    const report = await harness.check(ADMIN, attach(arcId('arc-ready')));
    expect(findingOf(report, 'extension').outcome).toBe('passed');
    expect(findingOf(report, 'cluster').outcome).toBe('passed');
  });
});

describe('subscription and region', () => {
  it('fails for a cluster of another subscription', async () => {
    const report = await harness.check(ADMIN, attach(aksId('aks-platform', OTHER_SUB)));
    expect(report.blocking).toBe(true);
    const subscription = findingOf(report, 'subscription');
    expect(subscription.outcome).toBe('failed');
    expect(subscription.detail).toContain(OTHER_SUB);
  });

  it('warns, without blocking, for a cluster of another region', async () => {
    const report = await harness.check(ADMIN, attach(aksId('aks-east'), { namespace: 'default' }));
    expect(findingOf(report, 'region')).toMatchObject({
      outcome: 'warning',
      title: 'The cluster is in eastus, the workspace in westeurope',
    });
    expect(report.blocking).toBe(false);
  });
});

describe('the compute name', () => {
  it('fails when a compute of another type has it, naming the type', async () => {
    const name = findingOf(
      await harness.check(ADMIN, attach(aksId('aks-ready'), { computeName: 'taken-aml' })),
      'name',
    );
    expect(name.outcome).toBe('failed');
    expect(name.detail).toContain('AmlCompute');
  });

  it('fails when the cluster is attached under that name already', async () => {
    const name = findingOf(
      await harness.check(ADMIN, attach(aksId('aks-ready'), { computeName: 'taken-k8s' })),
      'name',
    );
    expect(name.outcome).toBe('failed');
    expect(name.detail).toContain('attached already');
  });
});

describe('rights', () => {
  it('fails when the caller may not write computes (Reader)', async () => {
    const report = await harness.check('reader@contoso.com', attach(aksId('aks-ready')));
    expect(findingOf(report, 'compute-write')).toMatchObject({
      outcome: 'failed',
      detail: expect.stringContaining(
        'Microsoft.MachineLearningServices/workspaces/computes/write',
      ) as unknown,
    });
  });

  it('fails when the caller may not assign the chosen identity', async () => {
    const identity = {
      type: 'UserAssigned' as const,
      identityId: identityId(LOCKED_RG, 'id-locked'),
    };
    const report = await harness.check('ops@contoso.com', attach(aksId('aks-ready'), { identity }));
    expect(findingOf(report, 'compute-write').outcome).toBe('passed');
    expect(findingOf(report, 'identity-assign')).toMatchObject({
      outcome: 'failed',
      detail: expect.stringContaining('Managed Identity Operator') as unknown,
    });
    expect(report.blocking).toBe(true);
  });

  it('passes with Managed Identity Operator (userAssignedIdentities/*/assign/action) or Contributor', async () => {
    const locked = {
      type: 'UserAssigned' as const,
      identityId: identityId(LOCKED_RG, 'id-locked'),
    };
    const operator = await harness.check(
      'operator@contoso.com',
      attach(aksId('aks-ready'), { identity: locked }),
    );
    expect(findingOf(operator, 'identity-assign').outcome).toBe('passed');
    const open = { type: 'UserAssigned' as const, identityId: identityId(RG, 'id-open') };
    const ops = await harness.check(
      'ops@contoso.com',
      attach(aksId('aks-ready'), { identity: open }),
    );
    expect(findingOf(ops, 'identity-assign').outcome).toBe('passed');
  });

  it('says not checked, never passed, when the permissions cannot be read', async () => {
    harness.retryOptions = { maxRetries: 0 };
    await emu.control.addErrorBurst({
      pathPattern: 'Microsoft\\.Authorization/permissions',
      status: 500,
      count: 1,
    });
    try {
      const report = await harness.check(ADMIN, attach(aksId('aks-ready')));
      expect(findingOf(report, 'compute-write').outcome).toBe('not-checked');
    } finally {
      await emu.control.resetFaults();
    }
  });
});

describe('the namespace', () => {
  it('fails when it is missing, with kubectl create namespace', async () => {
    const report = await harness.check(ADMIN, attach(aksId('aks-ready'), { namespace: 'team-b' }));
    expect(report.blocking).toBe(true);
    expect(findingOf(report, 'namespace')).toMatchObject({
      outcome: 'failed',
      command: 'kubectl create namespace team-b',
    });
  });

  it('is not checked when Kubernetes RBAC forbids reading namespaces', async () => {
    const namespace = findingOf(await harness.check(ADMIN, attach(aksId('aks-rbac'))), 'namespace');
    expect(namespace).toMatchObject({
      outcome: 'not-checked',
      command: 'kubectl get namespace team-a',
    });
    expect(namespace.detail).toContain('RBAC');
  });

  it('is not checked when the API server cannot be reached, saying so', async () => {
    const namespace = findingOf(
      await harness.check(ADMIN, attach(aksId('aks-private'))),
      'namespace',
    );
    expect(namespace.outcome).toBe('not-checked');
    expect(namespace.detail).toContain('could not be reached from this computer');
  });

  it('is not checked without the right to list the user credential', async () => {
    const namespace = findingOf(
      await harness.check('reader@contoso.com', attach(aksId('aks-ready'))),
      'namespace',
    );
    expect(namespace.outcome).toBe('not-checked');
    expect(namespace.detail).toContain('listClusterUserCredential/action');
    expect(emu.kubernetes.requests()).toEqual([]);
  });

  it('uses the client certificate of a local-accounts cluster', async () => {
    const present = await harness.check(ADMIN, attach(aksId('aks-local')));
    expect(findingOf(present, 'namespace').outcome).toBe('passed');
    const missing = await harness.check(ADMIN, attach(aksId('aks-local'), { namespace: 'team-z' }));
    expect(findingOf(missing, 'namespace').outcome).toBe('failed');
    expect(emu.kubernetes.requests().map((r) => r.credential)).toEqual([
      'client-certificate',
      'client-certificate',
    ]);
  });

  it('is not checked on an Arc cluster, with kubectl get namespace', async () => {
    const report = await harness.check(ADMIN, attach(arcId('arc-ready')));
    expect(findingOf(report, 'namespace')).toMatchObject({
      outcome: 'not-checked',
      command: 'kubectl get namespace team-a',
      detail: expect.stringContaining('cluster connect') as unknown,
    });
    expect(emu.kubernetes.requests()).toEqual([]);
  });
});

describe.skipIf(!arcConnectivitySupported())(
  "Arc connectivity (needs the emulator's connectivityStatus)",
  () => {
    it('fails for a disconnected Arc cluster and warns while it connects', async () => {
      const offline = await harness.check(ADMIN, attach(arcId('arc-offline')));
      expect(findingOf(offline, 'connectivity')).toMatchObject({
        outcome: 'failed',
        title: 'arc-offline is Offline',
      });
      expect(offline.blocking).toBe(true);
      const connecting = await harness.check(ADMIN, attach(arcId('arc-connecting')));
      expect(findingOf(connecting, 'connectivity').outcome).toBe('warning');
      const ready = await harness.check(ADMIN, attach(arcId('arc-ready')));
      expect(findingOf(ready, 'connectivity').outcome).toBe('passed');
    });
  },
);

describe('reach', () => {
  it('fails for a cluster that is not there, and for a resource that is no cluster', async () => {
    const gone = await harness.check(ADMIN, attach(aksId('aks-gone')));
    expect(findingOf(gone, 'cluster')).toMatchObject({
      outcome: 'failed',
      title: 'The cluster aks-gone was not found',
    });
    expect(findingOf(gone, 'namespace').outcome).toBe('not-checked');
    const notCluster = await harness.check(ADMIN, attach(identityId(RG, 'id-open')));
    expect(findingOf(notCluster, 'cluster')).toMatchObject({
      outcome: 'failed',
      title: 'This is not an AKS or Arc-enabled cluster',
    });
    expect(notCluster.blocking).toBe(true);
  });

  it('does not check what no signed-in account can see, and never claims it passed', async () => {
    harness.unseen.add(OTHER_SUB);
    const report = await harness.check(ADMIN, attach(aksId('aks-platform', OTHER_SUB)));
    expect(findingOf(report, 'cluster').outcome).toBe('not-checked');
    expect(findingOf(report, 'namespace').outcome).toBe('not-checked');
    expect(report.findings.filter((f) => f.outcome === 'passed').map((f) => f.check)).toEqual([
      'workspace',
      'name',
      'compute-write',
    ]);
  });
});
