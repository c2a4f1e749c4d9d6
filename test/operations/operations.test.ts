import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TokenCredential } from '@azure/core-auth';
import { contract } from '../../shared/ipc/contract';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { automationCredential, demoScenarioPath, fastSettings } from '../emulator/testing';
import {
  armRequests,
  ended,
  ids,
  startOperations,
  temporaryFolder,
  type ServiceUnderTest,
} from './operations-fixture';

let emu: RunningEmulator;
let automation: TokenCredential;
let folder: ReturnType<typeof temporaryFolder>;
let sut: ServiceUnderTest;

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  automation = automationCredential(emu);
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  folder = temporaryFolder();
  sut = startOperations({ emu, file: folder.file, credentials: { automation } });
  emu.requestLog.clear();
});
afterEach(async () => {
  await sut.stop();
  await emu.control.resetFaults();
  folder.dispose();
});

const recommender = ids.workspace('mlw-recommender');
const attachRequest = (computeName: string, identity: unknown = { type: 'SystemAssigned' }) =>
  contract.operations['attach.start'].input.parse({
    workspaceId: recommender,
    clusterId: ids.aks('aks-gpu-prod-weu'),
    computeName,
    namespace: 'team-a',
    description: 'GPU pool',
    identity,
  });

describe('attach', () => {
  it('sends the body Azure ML expects, follows it to Succeeded and records every step', async () => {
    const request = attachRequest('k8s-sys');
    const preview = await sut.service.previewAttach(request);
    const started = await sut.service.startAttach(request);
    expect(started.status).toBe('running');
    const done = await ended(sut, started.operationId);
    expect(done).toMatchObject({ status: 'succeeded', provisioningState: 'Succeeded', errors: [] });
    expect(done.pollCount).toBeGreaterThan(0);

    expect(JSON.parse(preview.body ?? '')).toEqual({
      location: 'westeurope',
      identity: { type: 'SystemAssigned' },
      properties: {
        computeType: 'Kubernetes',
        resourceId: ids.aks('aks-gpu-prod-weu'),
        description: 'GPU pool',
        properties: { namespace: 'team-a' },
      },
    });
    const puts = armRequests(emu, /computes\/k8s-sys/).filter((line) => line.startsWith('PUT'));
    expect(puts).toEqual([
      `PUT 201 /subscriptions/${ids.prod}/resourceGroups/rg-ml-prod-weu/providers/Microsoft.MachineLearningServices/workspaces/mlw-recommender/computes/k8s-sys?api-version=2025-09-01`,
    ]);
    // The location was read from the workspace itself.
    expect(armRequests(emu, /workspaces\/mlw-recommender\?/)[0]).toMatch(/^GET 200/);

    const detail = sut.service.get(started.operationId);
    expect(detail.polls.length).toBe(done.pollCount);
    expect(detail.request.commands.azRest).toContain(
      `--body '${JSON.stringify(JSON.parse(preview.body ?? ''))}'`,
    );
    const compute = sut.service.computeDetail(ids.compute(recommender, 'k8s-sys'));
    expect(compute.compute).toMatchObject({ provisioningState: 'Succeeded', namespace: 'team-a' });
    expect(compute.identity.directoryName).toBe('mlw-recommender/computes/k8s-sys');
    expect(compute.identity.principalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(compute.stateHistory.map((entry) => [entry.state, entry.source])).toEqual([
      ['Creating', 'operation'],
      ['Succeeded', 'operation'],
    ]);
    expect(compute.operations.map((operation) => operation.operationId)).toEqual([
      started.operationId,
    ]);
    // Every event matches the contract.
    for (const change of sut.changes) contract.events['operations.changed'].payload.parse(change);
    expect(sut.changes.at(-1)?.status).toBe('succeeded');
  });

  it('shows every provisioningErrors entry verbatim when the attach fails late', async () => {
    await emu.control.failAttachLate({
      computeName: 'k8s-late',
      code: 'ExtensionNotReady',
      message: 'The extension azureml is not ready: pods in CrashLoopBackOff.',
    });
    const started = await sut.service.startAttach(attachRequest('k8s-late', { type: 'None' }));
    const done = await ended(sut, started.operationId);
    expect(done.status).toBe('failed');
    expect(done.provisioningState).toBe('Failed');
    expect(done.errors).toEqual([
      {
        code: 'ExtensionNotReady',
        message: 'The extension azureml is not ready: pods in CrashLoopBackOff.',
      },
    ]);
  });

  it('refuses a second operation on a compute while one is unfinished', async () => {
    const first = await sut.service.startAttach(attachRequest('k8s-twice'));
    await expect(sut.service.startAttach(attachRequest('k8s-twice'))).rejects.toMatchObject({
      code: 'conflict',
    });
    await ended(sut, first.operationId);
  });

  it('attaches one cluster to three workspaces in one go, one journal row each', async () => {
    const workspaces = ['mlw-fraud-prod', 'mlw-recommender', 'mlw-forecasting'].map((name) =>
      ids.workspace(name),
    );
    const requests = workspaces.map((workspaceId) =>
      contract.operations['attach.start'].input.parse({
        workspaceId,
        clusterId: ids.aks('aks-cpu-prod-weu'),
        computeName: 'bulk-cpu',
        identity: { type: 'None' },
      }),
    );
    const views = await sut.service.startBulk(requests);
    expect(new Set(views.map((view) => view.operationId)).size).toBe(3);
    for (const view of views) expect((await ended(sut, view.operationId)).status).toBe('succeeded');
    expect(
      armRequests(emu, /computes\/bulk-cpu\?/).filter((line) => line.startsWith('PUT 201')),
    ).toHaveLength(3);
  });
});

describe('bulk refusals', () => {
  it('gives an item refused before sending a failed row of its own; the others go on', async () => {
    const requests = ['mlw-forecasting', 'mlw-does-not-exist'].map((name) =>
      contract.operations['attach.start'].input.parse({
        workspaceId: ids.workspace(name),
        clusterId: ids.aks('aks-cpu-prod-weu'),
        computeName: 'bulk-mixed',
        identity: { type: 'None' },
      }),
    );
    const views = await sut.service.startBulk(requests);
    expect(views.map((view) => view.workspaceName)).toEqual([
      'mlw-forecasting',
      'mlw-does-not-exist',
    ]);
    expect(views[1]).toMatchObject({ status: 'failed' });
    expect(views[1]?.message).toMatch(/Azure has no workspace mlw-does-not-exist/);
    expect((await ended(sut, views[0]?.operationId ?? '')).status).toBe('succeeded');
    expect(
      sut.service
        .list()
        .map((view) => view.status)
        .sort(),
    ).toEqual(['failed', 'succeeded']);
  });
});

describe('identity change and detach', () => {
  it('changes the identity with GET, then a full PUT carrying the compute as Azure had it', async () => {
    const started = await sut.service.startAttach(attachRequest('k8s-id', { type: 'None' }));
    await ended(sut, started.operationId);
    const computeId = ids.compute(recommender, 'k8s-id');
    const identity = { type: 'UserAssigned' as const, identityId: ids.identity('id-ml-training') };
    const preview = await sut.service.previewIdentityChange(computeId, identity);
    expect(preview.principalChanges).toBe(false);
    expect(JSON.parse(preview.request.body ?? '')).toMatchObject({
      location: 'westeurope',
      identity: {
        type: 'UserAssigned',
        userAssignedIdentities: { [ids.identity('id-ml-training')]: {} },
      },
      properties: {
        computeType: 'Kubernetes',
        resourceId: ids.aks('aks-gpu-prod-weu'),
        properties: { namespace: 'team-a' },
      },
    });
    expect(preview.request.commands.az).toContain('az ml compute update --name k8s-id');
    expect(preview.request.commands.az).toContain(
      `--identity-type UserAssigned --user-assigned-identities ${ids.identity('id-ml-training')}`,
    );
    const changed = await sut.service.updateIdentity(computeId, identity);
    expect((await ended(sut, changed.operationId)).status).toBe('succeeded');
    const detail = sut.service.computeDetail(computeId);
    expect(detail.identity).toMatchObject({
      type: 'UserAssigned',
      userAssignedIdentityId: ids.identity('id-ml-training'),
    });
    expect(detail.identity.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(emu.world.findCompute(computeId, Date.now())?.identity.type).toBe('UserAssigned');
  });

  it('lists the role assignments a system-assigned principal loses', async () => {
    const computeId = ids.compute(ids.workspace('mlw-fraud-prod'), 'cpu-prod');
    const principalId = emu.world.findCompute(computeId, Date.now())?.identity;
    if (principalId?.type !== 'SystemAssigned')
      throw new Error('cpu-prod should have a system-assigned identity');
    const token = await automation.getToken([`${emu.armUrl}/.default`]);
    const scope = ids.workspace('mlw-fraud-prod');
    const assignmentUrl = `${emu.armUrl}${scope}/providers/Microsoft.Authorization/roleAssignments/5f1cbb0e-0d86-4b8b-9b0b-3a6a1b2c3d4e?api-version=2022-04-01`;
    const put = await fetchWithCa(assignmentUrl, token?.token ?? '', {
      properties: {
        roleDefinitionId: `/subscriptions/${ids.prod}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`,
        principalId: principalId.principalId,
        principalType: 'ServicePrincipal',
      },
    });
    expect(put).toBe(201);
    const preview = await sut.service.previewIdentityChange(computeId, { type: 'None' });
    expect(preview.principalChanges).toBe(true);
    expect(preview.assignmentsReadable).toBe(true);
    expect(preview.assignmentsLost).toEqual([{ roleName: 'Reader', scope }]);
  });

  it('detaches with underlyingResourceAction=Detach and keeps the compute and its history', async () => {
    const started = await sut.service.startAttach(attachRequest('k8s-gone', { type: 'None' }));
    await ended(sut, started.operationId);
    const computeId = ids.compute(recommender, 'k8s-gone');
    const preview = await sut.service.previewDetach(computeId);
    expect(preview.path).toMatch(
      /computes\/k8s-gone\?api-version=2025-09-01&underlyingResourceAction=Detach$/,
    );
    expect(preview.commands.az).toBe(
      `az ml compute detach --name k8s-gone --workspace-name mlw-recommender --resource-group rg-ml-prod-weu --subscription ${ids.prod} --yes`,
    );
    const detach = await sut.service.detach(computeId);
    expect((await ended(sut, detach.operationId)).status).toBe('succeeded');
    expect(
      armRequests(emu, /computes\/k8s-gone/).filter((line) => line.startsWith('DELETE')),
    ).toEqual([expect.stringMatching(/^DELETE 202 .*underlyingResourceAction=Detach$/)]);
    const detail = sut.service.computeDetail(computeId);
    expect(detail.compute.removedAt).not.toBeNull();
    expect(detail.stateHistory.map((entry) => entry.state)).toEqual([
      'Creating',
      'Succeeded',
      'Deleting',
      'Detached',
    ]);
    expect(detail.operations.map((operation) => operation.kind)).toEqual(['detach', 'attach']);
    // A second detach of a compute already gone: 204, recorded as already detached.
    const again = await sut.service.detach(computeId);
    expect((await ended(sut, again.operationId)).message).toMatch(/already detached/);
  });
});

async function fetchWithCa(url: string, token: string, body: unknown): Promise<number> {
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    const request = https.request(url, {
      method: 'PUT',
      ca: emu.caPem,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}
