import { describe, expect, it } from 'vitest';
import type { ArmAnswer, ArmReader } from '../../electron/preflight/arm-reader';
import type {
  PreflightTarget,
  ResourceRead,
  SubscriptionAccess,
} from '../../electron/preflight/preflight-context';
import {
  clusterPath,
  connectivityFinding,
  extensionFinding,
  readResource,
  readableFinding,
  regionFinding,
  subscriptionFinding,
} from '../../electron/preflight/resource-checks';
import { parseArmId, type ArmId } from '../../shared/azure/arm-id';

// The preflight's findings about resources, from ARM answers given by hand: each outcome's
// title, detail and command as the attach wizard shows them.

const SUB = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const OTHER_SUB = '711e748e-5b30-500e-8298-08fb2b032255';

function armId(text: string): ArmId {
  const parsed = parseArmId(text);
  if (!parsed.ok) throw new Error(`test id does not parse: ${parsed.reason}`);
  return parsed.value;
}
const workspaceId = (sub = SUB) =>
  armId(
    `/subscriptions/${sub}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod`,
  );
const aksId = (sub = SUB) =>
  armId(
    `/subscriptions/${sub}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`,
  );
const arcId = armId(
  `/subscriptions/${SUB}/resourceGroups/rg-edge/providers/Microsoft.Kubernetes/connectedClusters/lab-boston`,
);

const target = (overrides: Partial<PreflightTarget> = {}): PreflightTarget => ({
  workspace: workspaceId(),
  cluster: aksId(),
  clusterKind: 'aks',
  computeName: 'aks-prod',
  namespace: 'azureml',
  userAssignedIdentity: null,
  ...overrides,
});

const answered = (
  status: number,
  body: unknown = null,
  code: string | null = null,
  message: string | null = null,
): ResourceRead => ({
  kind: 'answered',
  answer: { status, body, code, message },
});
const unasked: ResourceRead = {
  kind: 'unasked',
  reason: 'No signed-in account sees subscription x.',
};

const INSTALL = `az k8s-extension create --name azureml --extension-type Microsoft.AzureML.Kubernetes --cluster-type managedClusters --cluster-name aks-prod --resource-group rg-aks --scope cluster --config enableTraining=True --subscription ${SUB}`;

describe('reading a resource for the preflight', () => {
  const reader = (answer: () => Promise<ArmAnswer>, sent: unknown[]): SubscriptionAccess => ({
    credential: { getToken: async () => null },
    arm: {
      send: async (request: unknown) => {
        sent.push(request);
        return answer();
      },
    } as unknown as ArmReader,
  });

  it('does not ask when no account reaches the subscription', async () => {
    expect(await readResource(null, { path: '/x', apiVersion: '1' }, 'Nobody sees it.')).toEqual({
      kind: 'unasked',
      reason: 'Nobody sees it.',
    });
  });

  it('sends a GET by default, and the query and body only when given', async () => {
    const sent: unknown[] = [];
    const answer = { status: 200, body: {}, code: null, message: null };
    const access = reader(async () => answer, sent);
    expect(await readResource(access, { path: '/a', apiVersion: '1' }, '')).toEqual({
      kind: 'answered',
      answer,
    });
    await readResource(
      access,
      { path: '/b', apiVersion: '2', method: 'POST', body: { x: 1 }, query: { q: 'v' } },
      '',
    );
    await readResource(access, { path: '/c', apiVersion: '3', method: 'POST', body: null }, '');
    expect(sent).toEqual([
      { method: 'GET', path: '/a', apiVersion: '1' },
      { method: 'POST', path: '/b', apiVersion: '2', query: { q: 'v' }, body: { x: 1 } },
      { method: 'POST', path: '/c', apiVersion: '3', body: null },
    ]);
  });

  it('turns a failure before ARM answered into the first line of its reason', async () => {
    const access = reader(async () => {
      throw new Error('The proxy refused the connection.\nstack and more');
    }, []);
    expect(await readResource(access, { path: '/a', apiVersion: '1' }, '')).toEqual({
      kind: 'unasked',
      reason: 'Azure could not be asked: The proxy refused the connection.',
    });
    const odd = reader(async () => Promise.reject('socket hang up'), []);
    expect(await readResource(odd, { path: '/a', apiVersion: '1' }, '')).toEqual({
      kind: 'unasked',
      reason: 'Azure could not be asked: socket hang up',
    });
  });
});

describe('whether the workspace or cluster can be read', () => {
  it.each([
    [
      'workspace',
      answered(200),
      {
        outcome: 'passed',
        title: 'The workspace mlw-prod is readable',
        detail: `Found in resource group rg-ml of subscription ${SUB}.`,
      },
    ],
    [
      'workspace',
      answered(404, null, 'ResourceNotFound'),
      {
        outcome: 'failed',
        title: 'The workspace mlw-prod was not found',
        detail: `Azure has no workspace mlw-prod in resource group rg-ml of subscription ${SUB} (ResourceNotFound, HTTP 404). It may have been deleted or moved: refresh the inventory and pick it again.`,
      },
    ],
    [
      'cluster',
      answered(403, null, 'AuthorizationFailed'),
      {
        outcome: 'failed',
        title: 'You may not read the cluster aks-prod',
        detail:
          'Azure refused to show it to the signed-in account (AuthorizationFailed, HTTP 403). Ask for at least Reader on it, or sign in with an account that has access.',
      },
    ],
    [
      'cluster',
      answered(503, null, null, 'Service busy'),
      {
        outcome: 'not-checked',
        title: 'The cluster aks-prod could not be read',
        detail: 'Azure answered HTTP 503: Service busy. Try again in a moment.',
      },
    ],
    [
      'cluster',
      answered(500),
      {
        outcome: 'not-checked',
        title: 'The cluster aks-prod could not be read',
        detail: 'Azure answered HTTP 500. Try again in a moment.',
      },
    ],
    [
      'cluster',
      unasked,
      {
        outcome: 'not-checked',
        title: 'The cluster aks-prod was not read',
        detail: unasked.kind === 'unasked' ? unasked.reason : '',
      },
    ],
  ] as const)('%s, answered %#', (check, read, expected) => {
    const id = check === 'workspace' ? workspaceId() : aksId();
    expect(readableFinding(check, id, read)).toEqual({ check, command: null, ...expected });
  });
});

describe('the Azure ML extension', () => {
  const extensions = (...items: unknown[]) => answered(200, { value: items });
  const azureml = (state: unknown, extensionType = 'Microsoft.AzureML.Kubernetes') => ({
    name: 'azureml-ext',
    properties: { extensionType, provisioningState: state },
  });

  it('passes when installed and Succeeded, whatever the case of its type', () => {
    expect(
      extensionFinding(
        target(),
        extensions(
          { name: 'flux', properties: { extensionType: 'microsoft.flux' } },
          azureml('Succeeded', 'MICROSOFT.AZUREML.KUBERNETES'),
        ),
      ),
    ).toEqual({
      check: 'extension',
      outcome: 'passed',
      title: 'The Azure ML extension of aks-prod is installed',
      detail: 'Extension azureml-ext is Succeeded.',
      command: null,
    });
  });

  it('fails without one, offering the install command', () => {
    for (const read of [
      extensions('not an object', {
        name: 'flux',
        properties: { extensionType: 'microsoft.flux' },
      }),
      answered(200, null),
      answered(200, { value: 'none' }),
    ]) {
      expect(extensionFinding(target(), read)).toEqual({
        check: 'extension',
        outcome: 'failed',
        title: 'aks-prod has no Azure ML extension',
        detail:
          'Azure ML needs its extension (Microsoft.AzureML.Kubernetes) on the cluster; without it the attach fails, often only much later. Install it with the command below (it takes a few minutes), then run the checks again.',
        command: INSTALL,
      });
    }
  });

  it('fails while it is still installing, with nothing to run but a wait', () => {
    for (const state of ['Creating', 'updating']) {
      expect(extensionFinding(target(), extensions(azureml(state)))).toEqual({
        check: 'extension',
        outcome: 'failed',
        title: `The Azure ML extension of aks-prod is ${state}`,
        detail:
          'Extension azureml-ext is still being installed or updated; an attach now would fail. Wait until it shows Succeeded, then run the checks again.',
        command: null,
      });
    }
  });

  it('fails when it did not install, naming an unknown state so, with the reinstall command', () => {
    expect(
      extensionFinding(
        target(),
        extensions({ properties: { extensionType: 'Microsoft.AzureML.Kubernetes' } }),
      ),
    ).toEqual({
      check: 'extension',
      outcome: 'failed',
      title: 'The Azure ML extension of aks-prod is Unknown',
      detail:
        'Extension azureml did not install (Unknown); an attach would fail. Look at its status in the portal, remove it (az k8s-extension delete --name azureml …) and install it again with the command below.',
      command: INSTALL,
    });
  });

  it('is not checked when the extensions cannot be listed or were not asked', () => {
    expect(extensionFinding(target(), answered(403, null, 'AuthorizationFailed'))).toEqual({
      check: 'extension',
      outcome: 'not-checked',
      title: 'The extensions of aks-prod could not be listed',
      detail:
        'Azure answered AuthorizationFailed, HTTP 403. Listing them needs Microsoft.KubernetesConfiguration/extensions/read on the cluster. Without the Azure ML extension (Succeeded) an attach fails.',
      command: null,
    });
    expect(extensionFinding(target(), unasked)).toEqual({
      check: 'extension',
      outcome: 'not-checked',
      title: 'The Azure ML extension was not checked',
      detail: 'No signed-in account sees subscription x.',
      command: null,
    });
  });
});

describe('an Arc cluster’s connectivity', () => {
  const arc = target({ cluster: arcId, clusterKind: 'arc' });
  const body = (connectivityStatus: unknown) => ({ properties: { connectivityStatus } });

  it.each([
    ['Connected', 'passed', 'lab-boston is connected to Azure', 'Its Arc agent reports Connected.'],
    [
      'connecting',
      'warning',
      'lab-boston is still connecting to Azure',
      'Its Arc agent reports Connecting; an attach succeeds only once it is Connected. Wait a few minutes and run the checks again.',
    ],
    [
      'Expired',
      'failed',
      'lab-boston is Expired',
      "Its Arc agent reports Expired: Azure cannot reach the cluster, so an attach would fail. Bring the agents back (check the cluster's outbound network, then az connectedk8s show and, for Expired, az connectedk8s upgrade or re-connect), then run the checks again.",
    ],
    [
      '',
      'not-checked',
      'The connectivity of lab-boston is unknown',
      "Azure did not report the Arc agent's connectivity status. Check it in the portal or with az connectedk8s show.",
    ],
  ])('%s is %s', (status, outcome, title, detail) => {
    expect(connectivityFinding(arc, body(status))).toEqual({
      check: 'connectivity',
      outcome,
      title,
      detail,
      command: null,
    });
  });

  it('is unknown when the cluster could not be read', () => {
    expect(connectivityFinding(arc, null).outcome).toBe('not-checked');
  });
});

describe('subscription and region', () => {
  it('passes when cluster and workspace share the subscription, fails otherwise', () => {
    expect(subscriptionFinding(target())).toEqual({
      check: 'subscription',
      outcome: 'passed',
      title: 'The cluster and the workspace share a subscription',
      detail: `Both are in subscription ${SUB}.`,
      command: null,
    });
    expect(subscriptionFinding(target({ cluster: aksId(OTHER_SUB) }))).toEqual({
      check: 'subscription',
      outcome: 'failed',
      title: 'The cluster is in another subscription than the workspace',
      detail: `The cluster is in subscription ${OTHER_SUB}, the workspace in ${SUB}. Azure ML attaches only clusters of the workspace's own subscription; the attach would fail. Pick a workspace in the cluster's subscription (or a cluster in the workspace's).`,
      command: null,
    });
  });

  it('compares regions by name without case or spaces, and only when both are known', () => {
    expect(regionFinding({ location: 'West Europe' }, { location: 'westeurope' })).toEqual({
      check: 'region',
      outcome: 'passed',
      title: 'The cluster and the workspace are both in westeurope',
      detail: 'Jobs and their data stay in one region.',
      command: null,
    });
    expect(regionFinding({ location: 'eastus' }, { location: 'West Europe' })).toEqual({
      check: 'region',
      outcome: 'warning',
      title: 'The cluster is in westeurope, the workspace in eastus',
      detail:
        "The attach works, but every job moves data between regions: slower, and Azure charges for the egress. Prefer a workspace in the cluster's region when you can.",
      command: null,
    });
    const unknown = {
      check: 'region',
      outcome: 'not-checked',
      title: 'The regions were not compared',
      detail: 'The workspace or the cluster could not be read.',
      command: null,
    };
    expect(regionFinding(null, { location: 'westeurope' })).toEqual(unknown);
    expect(regionFinding({ location: 'westeurope' }, null)).toEqual(unknown);
    expect(regionFinding({ location: 'westeurope' }, { location: 7 })).toEqual(unknown);
  });

  it('reads an AKS and an Arc cluster with the api-version of its type', () => {
    expect(clusterPath(target())).toEqual({
      path: `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`,
      apiVersion: '2025-07-01',
    });
    expect(clusterPath(target({ cluster: arcId, clusterKind: 'arc' })).apiVersion).toBe(
      '2024-01-01',
    );
  });
});
