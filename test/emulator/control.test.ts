import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorControlError } from './control/client';
import { startEmulator, type RunningEmulator } from './emulator';
import { armCaller, demoScenarioPath, eventually, fastSettings, userArmToken } from './testing';

let emu: RunningEmulator;
let call: ReturnType<typeof armCaller>;
const prod = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const workspace = `/subscriptions/${prod}/resourceGroups/rg-ml-prod-weu/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud-prod`;
const computeId = (name: string) => `${workspace}/computes/${name}`;
const trainingIdentity = `/subscriptions/${prod}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-training`;

interface ComputeView {
  identity?: { type: string; principalId?: string; userAssignedIdentities?: object };
  properties: {
    provisioningState: string;
    description: string | null;
    provisioningErrors?: { error: { code: string; message: string } }[];
    properties: { namespace: string };
  };
}

async function getCompute(name: string) {
  return call('GET', `${computeId(name)}?api-version=2025-09-01`);
}

async function computeView(name: string): Promise<ComputeView> {
  const response = await getCompute(name);
  expect(response.status).toBe(200);
  return response.body as ComputeView;
}

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  call = armCaller(
    emu,
    await userArmToken(emu, 'admin@contoso.com', emu.scenario.tenants[0]?.id ?? ''),
  );
});

afterAll(async () => {
  await emu.close();
});

describe('changes made outside the app (control API)', () => {
  it('sets a provisioningState with its errors, and a later state clears them', async () => {
    await emu.control.changeCompute({
      id: computeId('cpu-prod'),
      provisioningState: 'Failed',
      provisioningErrors: [{ code: 'NodeNotReady', message: 'No node is Ready.' }],
    });
    expect((await computeView('cpu-prod')).properties).toMatchObject({
      provisioningState: 'Failed',
      provisioningErrors: [{ error: { code: 'NodeNotReady', message: 'No node is Ready.' } }],
    });
    await emu.control.changeCompute({ id: computeId('cpu-prod'), provisioningState: 'Succeeded' });
    const back = await computeView('cpu-prod');
    expect(back.properties.provisioningState).toBe('Succeeded');
    expect(back.properties.provisioningErrors).toBeUndefined();
  });

  it('sets a transitional state that settles by itself later', async () => {
    await emu.control.changeCompute({
      id: computeId('cpu-prod'),
      provisioningState: 'Updating',
      settle: { afterMs: 200, state: 'Failed', errors: [{ code: 'Drifted', message: 'Changed.' }] },
    });
    expect((await computeView('cpu-prod')).properties.provisioningState).toBe('Updating');
    const settled = await eventually('the compute to settle', async () => {
      const view = await computeView('cpu-prod');
      return view.properties.provisioningState === 'Updating' ? undefined : view;
    });
    expect(settled.properties).toMatchObject({
      provisioningState: 'Failed',
      provisioningErrors: [{ error: { code: 'Drifted', message: 'Changed.' } }],
    });
    await emu.control.changeCompute({ id: computeId('cpu-prod'), provisioningState: 'Succeeded' });
  });

  it('sets the description and the namespace', async () => {
    await emu.control.changeCompute({
      id: computeId('gpu-prod'),
      description: 'changed in the portal',
      namespace: 'team-a',
    });
    let view = await computeView('gpu-prod');
    expect(view.properties.description).toBe('changed in the portal');
    expect(view.properties.properties.namespace).toBe('team-a');
    await emu.control.changeCompute({ id: computeId('gpu-prod'), description: null });
    view = await computeView('gpu-prod');
    expect(view.properties.description).toBeNull();
  });

  it('changes the identity: a new system-assigned principal, then a user-assigned one (the old principal gone)', async () => {
    const workspaceRecommender = `${workspace.replace('mlw-fraud-prod', 'mlw-recommender')}/computes/cpu-shared`;
    await emu.control.changeCompute({
      id: workspaceRecommender,
      identity: { type: 'SystemAssigned' },
    });
    const system = (await call('GET', `${workspaceRecommender}?api-version=2025-09-01`))
      .body as ComputeView;
    const principalId = system.identity?.principalId ?? '';
    expect(system.identity?.type).toBe('SystemAssigned');
    expect(await emu.control.principal(principalId)).toMatchObject({
      displayName: 'mlw-recommender/computes/cpu-shared',
      type: 'ServicePrincipal',
    });
    await emu.control.changeCompute({
      id: workspaceRecommender,
      identity: { type: 'UserAssigned', userAssignedIdentityId: trainingIdentity },
    });
    const user = (await call('GET', `${workspaceRecommender}?api-version=2025-09-01`))
      .body as ComputeView;
    expect(Object.keys(user.identity?.userAssignedIdentities ?? {})).toEqual([trainingIdentity]);
    await expect(emu.control.principal(principalId)).rejects.toMatchObject({ status: 404 });
    await emu.control.changeCompute({ id: workspaceRecommender, identity: { type: 'None' } });
    expect(
      ((await call('GET', `${workspaceRecommender}?api-version=2025-09-01`)).body as ComputeView)
        .identity,
    ).toBeUndefined();
  });

  it('removes a compute at once, and names what it cannot find or parse', async () => {
    await emu.control.removeCompute(computeId('batch-weu'));
    expect((await getCompute('batch-weu')).status).toBe(404);
    await expect(emu.control.removeCompute(computeId('batch-weu'))).rejects.toMatchObject({
      status: 404,
    });
    const invalid = await emu.control
      .changeCompute({ id: computeId('gpu-prod'), provisioningState: 'Broken' as 'Failed' })
      .catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(EmulatorControlError);
    expect(invalid).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringContaining('provisioningState') } },
    });
  });
});

describe('request log queries', () => {
  it('tells method, path, query, body and whether an Authorization header was sent', async () => {
    await emu.control.clearRequestLog();
    await call(
      'DELETE',
      `${computeId('never-there')}?api-version=2025-09-01&underlyingResourceAction=Detach`,
    );
    await armCaller(emu, undefined)('GET', `/subscriptions/${prod}?api-version=2022-12-01`);
    await call('PUT', `${computeId('a')}?api-version=2025-09-01`, { properties: {} });
    const deletes = await emu.control.requestLog({ method: 'DELETE', kind: 'arm' });
    expect(deletes).toHaveLength(1);
    expect(deletes[0]).toMatchObject({
      method: 'DELETE',
      path: `${computeId('never-there')}?api-version=2025-09-01&underlyingResourceAction=Detach`,
      query: { 'api-version': '2025-09-01', underlyingResourceAction: 'Detach' },
      hasAuthorization: true,
      status: 204,
    });
    expect(await emu.control.requestLog({ query: { underlyingResourceAction: 'delete' } })).toEqual(
      [],
    );
    const anonymous = await emu.control.requestLog({ pathPattern: `^/subscriptions/${prod}$` });
    expect(anonymous).toMatchObject([{ hasAuthorization: false, status: 401 }]);
    const puts = await emu.control.requestLog({ method: 'PUT', pathPattern: '/computes/a$' });
    expect(puts).toMatchObject([{ body: { properties: {} }, status: 400 }]);
    // In-process, the same query without HTTP.
    expect(emu.requestLog.find({ method: 'put', pathPattern: '/COMPUTES/A$' })).toHaveLength(1);
  });

  it('never records the body of an Entra ID request (it carries secrets)', async () => {
    await userArmToken(emu, 'reader@contoso.com', emu.scenario.tenants[0]?.id ?? '');
    const entra = emu.requestLog.find({ kind: 'entra' });
    expect(entra.length).toBeGreaterThan(0);
    expect(entra.every((e) => e.body === undefined)).toBe(true);
  });
});
