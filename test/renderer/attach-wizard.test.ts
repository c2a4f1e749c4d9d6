// The attach wizard's rules, in plain Node: which clusters can be used and why not, what each
// step needs before the user may go on, and what the form sends.
import { describe, expect, it } from 'vitest';
import {
  EMPTY_FORM,
  attachRequests,
  detailsProblems,
  identitiesFor,
} from '../../renderer/src/attach/attach-form';
import { clusterUsability, extensionStatusText } from '../../renderer/src/attach/cluster-usability';
import {
  firstIncompleteStep,
  orderClusters,
  reachableSteps,
  stepBlocker,
  withWorkspaces,
} from '../../renderer/src/attach/wizard-steps';
import type { WizardContext } from '../../renderer/src/attach/wizard-steps';
import { computeNameProblem, namespaceProblem } from '../../shared/azure/names';
import { AttachRequest } from '../../shared/domain/operations';
import { PRODUCTION, RESEARCH, compute, workspace } from './inventory-fixtures';
import { cluster, identity, report } from './operations-fixtures';

const fraud = workspace('ws-fraud');
const churn = workspace('ws-churn');
const research = workspace('ws-lab', { subscriptionId: RESEARCH });
const healthy = cluster('aks-prod');
const uami = identity('id-fraud');

const context = (overrides: Partial<WizardContext> = {}): WizardContext => ({
  form: EMPTY_FORM,
  bulk: false,
  workspaces: [fraud, churn, research],
  clusters: [healthy],
  identities: [uami, identity('id-lab', { subscriptionId: RESEARCH })],
  computes: [compute(fraud, 'k8s-taken')],
  preflight: null,
  attachAnyway: false,
  ...overrides,
});

const complete = {
  ...EMPTY_FORM,
  workspaceIds: [fraud.id],
  clusterId: healthy.id,
  computeName: 'k8s-new',
};

describe('which clusters the wizard lets the user choose', () => {
  it('allows a cluster of the workspace’s subscription whose extension Succeeded', () => {
    expect(clusterUsability(healthy, [fraud])).toEqual({ usable: true, note: null });
  });

  it('disables a cluster without the Azure ML extension and says to install it', () => {
    const bare = cluster('aks-bare', { azureMlExtension: null });
    const usability = clusterUsability(bare, [fraud]);
    expect(usability.usable).toBe(false);
    expect(!usability.usable && usability.reason).toMatch(
      /^It has no Azure Machine Learning extension: install it first/,
    );
    expect(extensionStatusText(bare)).toBe('No Azure ML extension');
  });

  it('disables a cluster whose extension is not Succeeded, naming its state', () => {
    const failing = cluster('aks-x', {
      azureMlExtension: { ...healthy.azureMlExtension!, provisioningState: 'Failed' },
    });
    const usability = clusterUsability(failing, [fraud]);
    expect(usability.usable).toBe(false);
    expect(!usability.usable && usability.reason).toBe(
      'The Azure Machine Learning extension is Failed, not Succeeded: wait for it or reinstall it.',
    );
  });

  it('disables a disconnected Arc cluster', () => {
    const arc = cluster('arc-edge', { kind: 'arc', connectivityStatus: 'Offline' });
    const usability = clusterUsability(arc, [fraud]);
    expect(!usability.usable && usability.reason).toContain('The Arc agent is Offline');
    expect(clusterUsability(cluster('arc-ok', { kind: 'arc' }), [fraud]).usable).toBe(true);
  });

  it('disables a cluster of another subscription, naming the workspaces it cannot serve', () => {
    const usability = clusterUsability(healthy, [fraud, research]);
    expect(!usability.usable && usability.reason).toContain('In another subscription');
    expect(!usability.usable && usability.reason).toContain('ws-lab');
  });

  it('allows a cluster whose extensions could not be read, with a note that the preflight checks', () => {
    const unknown = cluster('aks-private', { azureMlExtension: null, extensionReadable: false });
    const usability = clusterUsability(unknown, [fraud]);
    expect(usability.usable).toBe(true);
    expect(usability.usable && usability.note).toMatch(/preflight/);
  });

  it('lists usable clusters first', () => {
    const bare = cluster('aaa-bare', { azureMlExtension: null });
    const order = orderClusters([bare, healthy], [fraud]).map((entry) => entry.cluster.name);
    expect(order).toEqual(['aks-prod', 'aaa-bare']);
  });
});

describe('what each step needs before Next', () => {
  it('asks for a workspace, and for only one unless several were chosen', () => {
    expect(stepBlocker('workspace', context())).toBe('Choose a workspace.');
    const two = { ...EMPTY_FORM, workspaceIds: [fraud.id, churn.id] };
    expect(stepBlocker('workspace', context({ form: two }))).toMatch(/one workspace/);
    expect(stepBlocker('workspace', context({ form: two, bulk: true }))).toBeNull();
  });

  it('refuses a cluster that cannot be used, with its reason', () => {
    const bare = cluster('aks-bare', { azureMlExtension: null });
    const form = { ...complete, clusterId: bare.id };
    expect(stepBlocker('cluster', context({ form, clusters: [bare] }))).toMatch(
      /has no Azure Machine Learning extension/,
    );
    expect(stepBlocker('cluster', context({ form: complete }))).toBeNull();
  });

  it('checks name and namespace by the shared rules, word for word', () => {
    const form = { ...complete, computeName: '1bad', namespace: 'Team_A' };
    const problems = detailsProblems(form);
    expect(problems.computeName).toBe(computeNameProblem('1bad'));
    expect(problems.namespace).toBe(namespaceProblem('Team_A'));
    expect(stepBlocker('details', context({ form }))).not.toBeNull();
    expect(stepBlocker('details', context({ form: complete }))).toBeNull();
  });

  it('asks for the compute name on a fresh step instead of pointing at fields no one marked', () => {
    const fresh = { ...complete, computeName: '' };
    expect(stepBlocker('details', context({ form: fresh }))).toBe('Enter a name for the compute.');
    const mistyped = { ...complete, computeName: '1bad' };
    expect(stepBlocker('details', context({ form: mistyped }))).toBe(
      'Correct the fields marked above.',
    );
  });

  it('says at once that the name is taken in the chosen workspace', () => {
    const form = { ...complete, computeName: 'K8S-taken' };
    expect(detailsProblems(form, context().computes).computeName).toMatch(/already exists/);
    const elsewhere = { ...form, workspaceIds: [churn.id] };
    expect(detailsProblems(elsewhere, context().computes).computeName).toBeNull();
  });

  it('asks for the user-assigned identity when that kind is chosen', () => {
    const form = { ...complete, identityKind: 'UserAssigned' as const };
    expect(detailsProblems(form).identity).toMatch(/Choose the user-assigned identity/);
    expect(detailsProblems({ ...form, userAssignedIdentityId: uami.id }).identity).toBeNull();
  });

  it('waits for the preflight, and after a failed one asks for an explicit attach anyway', () => {
    expect(stepBlocker('review', context({ form: complete }))).toMatch(/Wait/);
    const failed = context({ form: complete, preflight: [report(['passed', 'failed'])] });
    expect(stepBlocker('review', failed)).toMatch(/attach anyway/);
    expect(stepBlocker('review', { ...failed, attachAnyway: true })).toBeNull();
    const warned = context({ form: complete, preflight: [report(['warning', 'not-checked'])] });
    expect(stepBlocker('review', warned)).toBeNull();
  });
});

describe('where the wizard opens and how far the user may jump', () => {
  it('opens on the cluster step for a workspace, and on the workspace step for a cluster', () => {
    const fromWorkspace = { ...EMPTY_FORM, workspaceIds: [fraud.id] };
    expect(firstIncompleteStep(context({ form: fromWorkspace }))).toBe('cluster');
    const fromCluster = { ...EMPTY_FORM, clusterId: healthy.id };
    expect(firstIncompleteStep(context({ form: fromCluster }))).toBe('workspace');
  });

  it('lets the user jump only up to the first incomplete step', () => {
    const reachable = reachableSteps(
      context({ form: { ...EMPTY_FORM, workspaceIds: [fraud.id] } }),
    );
    expect([...reachable]).toEqual(['workspace', 'cluster']);
    expect([...reachableSteps(context({ form: complete }))]).toEqual([
      'workspace',
      'cluster',
      'details',
      'review',
    ]);
  });

  it('drops a cluster and an identity that no longer fit when the workspaces change', () => {
    const form = {
      ...complete,
      identityKind: 'UserAssigned' as const,
      userAssignedIdentityId: uami.id,
    };
    const moved = withWorkspaces(context({ form }), [research.id]);
    expect(moved.clusterId).toBeNull();
    expect(moved.userAssignedIdentityId).toBeNull();
    const kept = withWorkspaces(context({ form }), [fraud.id, churn.id]);
    expect(kept).toMatchObject({ clusterId: healthy.id, userAssignedIdentityId: uami.id });
  });
});

describe('what the form sends', () => {
  it('offers only live user-assigned identities of the workspace’s subscription', () => {
    const gone = identity('id-gone', { removedAt: '2026-11-25T11:00:00.000Z' });
    const lab = identity('id-lab', { subscriptionId: RESEARCH });
    const names = identitiesFor([lab, gone, uami], [PRODUCTION]).map((entry) => entry.name);
    expect(names).toEqual(['id-fraud']);
  });

  it('builds one request per workspace, each accepted by the contract', () => {
    const form = {
      ...complete,
      workspaceIds: [fraud.id, churn.id],
      identityKind: 'UserAssigned' as const,
      userAssignedIdentityId: uami.id,
    };
    const requests = attachRequests(form);
    expect(requests?.map((request) => request.workspaceId)).toEqual([fraud.id, churn.id]);
    for (const request of requests ?? [])
      expect(AttachRequest.safeParse(request).success).toBe(true);
    expect(requests?.[0]?.identity).toEqual({ type: 'UserAssigned', identityId: uami.id });
    expect(attachRequests({ ...form, userAssignedIdentityId: null })).toBeNull();
  });
});
