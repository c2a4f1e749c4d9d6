import { describe, expect, it } from 'vitest';
import type { ArmAnswer, ArmReader } from '../../electron/preflight/arm-reader';
import {
  computeWriteFinding,
  identityAssignFinding,
  nameFinding,
  readPermissions,
} from '../../electron/preflight/compute-checks';
import type {
  PreflightTarget,
  SubscriptionAccess,
} from '../../electron/preflight/preflight-context';
import { parseArmId, type ArmId } from '../../shared/azure/arm-id';

// The compute name and the caller's rights, from ARM answers scripted by hand per path.

const SUB = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod`;
const CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`;
const IDENTITY = `/subscriptions/${SUB}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-train`;
const WRITE = 'Microsoft.MachineLearningServices/workspaces/computes/write';
const ASSIGN = 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action';

function armId(text: string): ArmId {
  const parsed = parseArmId(text);
  if (!parsed.ok) throw new Error(`test id does not parse: ${parsed.reason}`);
  return parsed.value;
}
const target: PreflightTarget = {
  workspace: armId(WORKSPACE),
  cluster: armId(CLUSTER),
  clusterKind: 'aks',
  computeName: 'gpu-a',
  namespace: 'azureml',
  userAssignedIdentity: null,
};

interface Sent {
  readonly path: string;
  readonly apiVersion: string;
  readonly query?: Record<string, string>;
}
const answer = (status: number, body: unknown = null, code: string | null = null): ArmAnswer => ({
  status,
  body,
  code,
  message: null,
});

/** ARM answering from a list, one answer per request in order; records what was asked. */
function scripted(...answers: ArmAnswer[]): SubscriptionAccess & { sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    credential: { getToken: async () => null },
    arm: {
      send: async (request: Sent) => {
        sent.push({
          path: request.path,
          apiVersion: request.apiVersion,
          ...(request.query && Object.keys(request.query).length ? { query: request.query } : {}),
        });
        const next = answers.shift();
        if (!next) throw new Error('ARM was asked more than the test scripted');
        return next;
      },
    } as unknown as ArmReader,
  };
}

describe('the compute name', () => {
  it('is free when the workspace has no compute of that name', async () => {
    const arm = scripted(answer(404, null, 'ResourceNotFound'));
    expect(await nameFinding(arm, target)).toEqual({
      check: 'name',
      outcome: 'passed',
      title: 'The name gpu-a is free',
      detail: 'No compute of mlw-prod has this name.',
      command: null,
    });
    expect(arm.sent).toEqual([{ path: `${WORKSPACE}/computes/gpu-a`, apiVersion: '2024-10-01' }]);
  });

  it('is taken by a compute of another type, named', async () => {
    expect(
      await nameFinding(
        scripted(answer(200, { properties: { computeType: 'AmlCompute' } })),
        target,
      ),
    ).toEqual({
      check: 'name',
      outcome: 'failed',
      title: 'mlw-prod already has a compute named gpu-a',
      detail:
        'It is a compute of type AmlCompute. Compute names are unique in a workspace whatever their type; choose another name.',
      command: null,
    });
    expect((await nameFinding(scripted(answer(200, {})), target)).detail).toBe(
      'It is a compute of type unknown. Compute names are unique in a workspace whatever their type; choose another name.',
    );
  });

  it('is taken by this very cluster, attached already, whatever the case of its id', async () => {
    const attached = answer(200, {
      properties: { computeType: 'Kubernetes', resourceId: CLUSTER.toUpperCase() },
    });
    expect((await nameFinding(scripted(attached), target)).detail).toBe(
      'It is a Kubernetes compute on this very cluster: the cluster is attached already. Sending the attach again would overwrite that compute; choose another name, or open the existing compute.',
    );
    const elsewhere = answer(200, {
      properties: { computeType: 'Kubernetes', resourceId: `${CLUSTER}-other` },
    });
    expect((await nameFinding(scripted(elsewhere), target)).detail).toBe(
      'It is a compute of type Kubernetes. Compute names are unique in a workspace whatever their type; choose another name.',
    );
  });

  it('is taken by a compute of another type even when it names this cluster', async () => {
    const other = answer(200, { properties: { computeType: 'AKS', resourceId: CLUSTER } });
    expect((await nameFinding(scripted(other), target)).detail).toBe(
      'It is a compute of type AKS. Compute names are unique in a workspace whatever their type; choose another name.',
    );
    const noCluster = answer(200, { properties: { computeType: 'Kubernetes' } });
    expect((await nameFinding(scripted(noCluster), target)).detail).toBe(
      'It is a compute of type Kubernetes. Compute names are unique in a workspace whatever their type; choose another name.',
    );
  });

  it('is not checked when Azure refuses, fails or cannot be asked', async () => {
    expect(
      await nameFinding(scripted(answer(403, null, 'AuthorizationFailed')), target),
    ).toMatchObject({
      check: 'name',
      outcome: 'not-checked',
      title: 'The name gpu-a was not checked',
      detail: 'You may not read the computes of mlw-prod (AuthorizationFailed, HTTP 403).',
    });
    expect(await nameFinding(scripted(answer(500)), target)).toMatchObject({
      check: 'name',
      outcome: 'not-checked',
      title: 'The name gpu-a was not checked',
      detail: 'Azure answered HTTP 500.',
    });
    expect(await nameFinding(null, target)).toMatchObject({
      check: 'name',
      outcome: 'not-checked',
      title: 'The name gpu-a was not checked',
      detail: "No signed-in account can reach the workspace's subscription.",
    });
  });
});

describe('reading permissions', () => {
  const permissionsPath = `${WORKSPACE}/providers/Microsoft.Authorization/permissions`;

  it('reads every page on the same path, keeping the next page’s query but its own api-version', async () => {
    const arm = scripted(
      answer(200, {
        value: [{ actions: ['Microsoft.MachineLearningServices/workspaces/read'] }],
        nextLink: `https://management.azure.com${permissionsPath}?api-version=2015-07-01&$skiptoken=abc`,
      }),
      answer(200, { value: [{ actions: [WRITE], notActions: [] }] }),
    );
    expect(await readPermissions(arm, armId(WORKSPACE))).toEqual({
      entries: [
        { actions: ['Microsoft.MachineLearningServices/workspaces/read'], notActions: [] },
        { actions: [WRITE], notActions: [] },
      ],
    });
    expect(arm.sent).toEqual([
      { path: permissionsPath, apiVersion: '2022-04-01' },
      { path: permissionsPath, apiVersion: '2022-04-01', query: { $skiptoken: 'abc' } },
    ]);
  });

  it('does not follow a next page elsewhere', async () => {
    const arm = scripted(
      answer(200, {
        value: [],
        nextLink:
          'https://management.azure.com/subscriptions/x/providers/Microsoft.Authorization/permissions',
      }),
    );
    expect(await readPermissions(arm, armId(WORKSPACE))).toEqual({
      reason: 'Azure answered a next page elsewhere; the permissions were not read to the end.',
    });
    expect(arm.sent).toHaveLength(1);
  });

  it('gives up after twenty pages', async () => {
    const page = () => answer(200, { value: [], nextLink: `${permissionsPath}?page=more` });
    const arm = scripted(...Array.from({ length: 21 }, page));
    expect(await readPermissions(arm, armId(WORKSPACE))).toEqual({
      reason: 'Azure kept answering more pages of permissions.',
    });
    expect(arm.sent).toHaveLength(20);
  });

  it('says why when Azure could not be asked at all', async () => {
    const broken: SubscriptionAccess = {
      credential: { getToken: async () => null },
      arm: {
        send: async () => {
          throw new Error('No token for this tenant.');
        },
      } as unknown as ArmReader,
    };
    expect(await readPermissions(broken, armId(WORKSPACE))).toEqual({
      reason: 'Azure could not be asked: No token for this tenant.',
    });
  });

  it('says why when they cannot be read', async () => {
    expect(await readPermissions(null, armId(WORKSPACE))).toEqual({
      reason: 'No signed-in account can reach that subscription.',
    });
    expect(
      await readPermissions(scripted(answer(403, null, 'AuthorizationFailed')), armId(WORKSPACE)),
    ).toEqual({
      reason: 'Your permissions could not be read (AuthorizationFailed, HTTP 403).',
    });
    expect(
      await readPermissions(scripted(answer(200, { value: 'all' })), armId(WORKSPACE)),
    ).toEqual({
      reason: 'Azure answered permissions Mooring could not read.',
    });
  });
});

describe('the caller’s rights', () => {
  const grants = (...actions: string[]) => answer(200, { value: [{ actions, notActions: [] }] });

  it('to add computes: passed, failed or not checked, in words', async () => {
    expect(await computeWriteFinding(scripted(grants(WRITE)), target)).toEqual({
      check: 'compute-write',
      outcome: 'passed',
      title: 'You may add computes to mlw-prod',
      detail: `Your roles include ${WRITE}.`,
      command: null,
    });
    expect((await computeWriteFinding(scripted(grants('*/read', WRITE)), target)).outcome).toBe(
      'passed',
    );
    expect(await computeWriteFinding(scripted(grants('*/read')), target)).toEqual({
      check: 'compute-write',
      outcome: 'failed',
      title: 'You may not add computes to mlw-prod',
      detail: `Attaching needs ${WRITE} on the workspace, which none of your roles there grants. Ask for "AzureML Compute Operator" or Contributor on the workspace.`,
      command: null,
    });
    expect(await computeWriteFinding(null, target)).toEqual({
      check: 'compute-write',
      outcome: 'not-checked',
      title: 'Your right to add computes to mlw-prod was not checked',
      detail: 'No signed-in account can reach that subscription.',
      command: null,
    });
  });

  it('to assign the identity: passed, failed or not checked, in words', async () => {
    const identity = armId(IDENTITY);
    const arm = scripted(grants(ASSIGN));
    expect(await identityAssignFinding(arm, identity)).toEqual({
      check: 'identity-assign',
      outcome: 'passed',
      title: 'You may assign the identity id-train',
      detail: `Your roles include ${ASSIGN}.`,
      command: null,
    });
    expect(arm.sent[0]?.path).toBe(`${IDENTITY}/providers/Microsoft.Authorization/permissions`);
    expect(await identityAssignFinding(scripted(grants('*/read')), identity)).toEqual({
      check: 'identity-assign',
      outcome: 'failed',
      title: 'You may not assign the identity id-train',
      detail: `Giving a compute a user-assigned identity needs ${ASSIGN} on it; Azure would refuse the attach (LinkedAuthorizationFailed). Ask for "Managed Identity Operator" on the identity, or choose another identity.`,
      command: null,
    });
    expect(await identityAssignFinding(null, identity)).toEqual({
      check: 'identity-assign',
      outcome: 'not-checked',
      title: 'Your right to assign the identity id-train was not checked',
      detail: 'No signed-in account can reach that subscription.',
      command: null,
    });
  });
});
