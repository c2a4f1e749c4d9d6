import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TokenCredential } from '@azure/core-auth';
import {
  createDefaultHttpClient,
  createHttpHeaders,
  type HttpClient,
} from '@azure/core-rest-pipeline';
import { contract } from '../../shared/ipc/contract';
import type { AttachRequest } from '../../shared/domain/operations';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { automationCredential, demoScenarioPath, fastSettings } from '../emulator/testing';
import { emulatorRuntime } from '../support/emulator-runtime';
import {
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
  folder.dispose();
});

const ws = ids.workspace('mlw-recommender');
const sub = `/subscriptions/${ids.prod}`;

/** Ids that try to reach another resource, another path or another query than the one named. */
const hostileIds = [
  `${ws}/../../../../providers/Microsoft.Authorization/roleAssignments/x`,
  `${ws}/./computes`,
  `${sub}/resourceGroups/rg-ml-prod-weu/providers/Microsoft.MachineLearningServices/workspaces/a%2F..%2Fb`,
  `${ws}?api-version=2015-01-01`,
  `${ws}#fragment`,
  `${ws}//computes/x`,
  `${ws} `,
  `${ws}\u200b`,
  `${ws}\\..\\x`,
  `https://evil.example${ws}`,
  `subscriptions/${ids.prod}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w`,
  `/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w`,
];

/** Well-formed ids of the wrong type for the field they are given in. */
const wrongTypes = {
  workspace: `${sub}/resourceGroups/rg-ml-prod-weu/providers/Microsoft.Storage/storageAccounts/stmlprod`,
  cluster: `${ws}/computes/gpu-prod`,
  identity: ids.aks('aks-gpu-prod-weu'),
  compute: `${ws}/computes/gpu-prod/extra/segment`,
};

const hostileNames = [
  'a/b',
  '..',
  'x?y',
  'k8s#1',
  'k8s%2F',
  'Ωmega',
  'a',
  '-lead',
  'toolong-name-12345',
];
const hostileNamespaces = ['Default', '../x', 'a/b', 'ns?x', '-ns', 'x'.repeat(64)];

const base: AttachRequest = {
  workspaceId: ws,
  clusterId: ids.aks('aks-gpu-prod-weu'),
  computeName: 'k8s-ok',
  namespace: 'default',
  description: '',
  identity: { type: 'None' },
};

/** Variants the contract's syntax check already refuses (the rest only the main process can judge). */
function syntaxVariants(): AttachRequest[] {
  return [
    ...hostileIds.map((id) => ({ ...base, workspaceId: id })),
    ...hostileIds.map((id) => ({ ...base, clusterId: id })),
    ...hostileNames.map((computeName) => ({ ...base, computeName })),
    ...hostileNamespaces.map((namespace) => ({ ...base, namespace })),
  ];
}

function attachVariants(): AttachRequest[] {
  return [
    ...hostileIds.map((id) => ({ ...base, workspaceId: id })),
    ...hostileIds.map((id) => ({ ...base, clusterId: id })),
    ...hostileIds.map((id) => ({
      ...base,
      identity: { type: 'UserAssigned' as const, identityId: id },
    })),
    { ...base, workspaceId: wrongTypes.workspace },
    { ...base, clusterId: wrongTypes.cluster },
    { ...base, identity: { type: 'UserAssigned', identityId: wrongTypes.identity } },
    ...hostileNames.map((computeName) => ({ ...base, computeName })),
    ...hostileNamespaces.map((namespace) => ({ ...base, namespace })),
    { ...base, description: 'line\u0000break' },
  ];
}

const computeVariants = [
  ...hostileIds.map((id) => `${id}/computes/k8s`),
  ...hostileIds,
  wrongTypes.compute,
  `${ws}/computes/..`,
  `${ws}/computes/x?underlyingResourceAction=Delete`,
  `${ws}/computes/x&underlyingResourceAction=Delete`,
  `${ws}/computes/toolong-name-12345`,
];

describe('hostile ids and names', () => {
  it('are refused by the contract and, again, by the main process, before any request leaves', async () => {
    const refusals: string[] = [];
    for (const request of syntaxVariants()) {
      const parsed = contract.operations['attach.start'].input.safeParse(request);
      expect(parsed.success, JSON.stringify(request)).toBe(false);
    }
    for (const request of attachVariants()) {
      for (const call of [
        () => sut.service.previewAttach(request),
        () => sut.service.startAttach(request),
        () => sut.service.startBulk([request]),
      ]) {
        await expect(call(), JSON.stringify(request)).rejects.toMatchObject({
          code: 'invalid-input',
        });
        refusals.push(request.workspaceId);
      }
    }
    for (const computeId of computeVariants) {
      for (const call of [
        () => sut.service.previewDetach(computeId),
        () => sut.service.detach(computeId),
        () => sut.service.previewIdentityChange(computeId, { type: 'SystemAssigned' }),
        () => sut.service.updateIdentity(computeId, { type: 'SystemAssigned' }),
        () => Promise.resolve().then(() => sut.service.computeDetail(computeId)),
      ]) {
        await expect(call(), computeId).rejects.toMatchObject({ code: 'invalid-input' });
        refusals.push(computeId);
      }
    }
    expect(refusals.length).toBeGreaterThan(150);
    // Nothing reached Azure, and no journal row was written.
    expect(emu.requestLog.entries().filter((entry) => entry.kind === 'arm')).toEqual([]);
    expect(sut.service.list()).toEqual([]);
  });

  it('sends an unusual but valid id to exactly the resource it names', async () => {
    const odd = `${sub}/resourceGroups/rg-(x)/providers/Microsoft.MachineLearningServices/workspaces/ws_1`;
    await expect(sut.service.previewAttach({ ...base, workspaceId: odd })).rejects.toMatchObject({
      code: 'not-found',
    });
    const arm = emu.requestLog.entries().filter((entry) => entry.kind === 'arm');
    expect(arm.map((entry) => entry.path)).toEqual([
      `${sub}/resourceGroups/rg-(x)/providers/Microsoft.MachineLearningServices/workspaces/ws_1?api-version=2025-09-01`,
    ]);
  });

  it('never follows a status URL on another host, and ends the operation from GETs of the compute', async () => {
    const runtime = emulatorRuntime(emu);
    const inner = createDefaultHttpClient();
    const forged: string[] = [];
    const httpClient: HttpClient = {
      async sendRequest(request) {
        if (!request.url.startsWith(emu.armUrl)) forged.push(request.url);
        const response = await inner.sendRequest(request);
        if (request.method !== 'PUT') return response;
        const headers = createHttpHeaders(response.headers.toJSON());
        headers.set('azure-asyncoperation', 'https://evil.example/steal?token=1');
        headers.set('location', `http://${new URL(emu.armUrl).host}/plain-http`);
        return { ...response, headers };
      },
    };
    await sut.stop();
    sut = startOperations({
      emu,
      file: folder.file,
      credentials: { automation },
      runtime: () =>
        Promise.resolve({
          ...runtime,
          armClientOptions: () => ({ ...runtime.armClientOptions(), httpClient }),
        }),
    });
    const view = await sut.service.startAttach({ ...base, computeName: 'k8s-forged' });
    expect((await ended(sut, view.operationId)).status).toBe('succeeded');
    expect(forged).toEqual([]);
    const polled = emu.requestLog
      .entries()
      .filter((entry) => entry.method === 'GET')
      .map((entry) => entry.path);
    expect(polled.every((path) => path.startsWith(sub))).toBe(true);
    expect(polled.some((path) => path.includes('/computes/k8s-forged?'))).toBe(true);
  });
});
