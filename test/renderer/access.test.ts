// The compute page's Access section (view model and view cache) and the attach wizard's presets,
// in plain Node over a scripted contract client.
import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, attachRequests } from '../../renderer/src/attach/attach-form';
import {
  REPLICATION_MESSAGE,
  assignmentRows,
  carriedOverGrants,
  grantFor,
  grantLine,
  pastedScopeProblem,
  presetState,
  removalQuestion,
} from '../../renderer/src/compute/access-model';
import { createAccessStore } from '../../renderer/src/state/access-store';
import { AttachRequest } from '../../shared/domain/operations';
import type {
  ComputeAccess,
  GrantView,
  PresetView,
  RoleAssignmentView,
  RolePrincipal,
  ScopeView,
} from '../../shared/domain/roles';
import { deferred, scriptedClient } from './fixtures';
import { workspace } from './inventory-fixtures';

const SUB = '55555555-5555-4555-8555-555555555555';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-ml`;
const COMPUTE = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-main/computes/k8s-a`;
const storage: ScopeView = {
  id: `${RG}/providers/Microsoft.Storage/storageAccounts/stmain`,
  name: 'stmain',
  kind: 'storage-account',
  kindLabel: 'storage account',
};
const group: ScopeView = {
  id: RG,
  name: 'rg-ml',
  kind: 'resource-group',
  kindLabel: 'resource group',
};
const commands = {
  az: 'az role assignment create …',
  powershell: 'New-AzRoleAssignment …',
  portalUrl: null,
};
const principal: RolePrincipal = {
  kind: 'system-assigned',
  principalId: '11111111-1111-4111-8111-111111111111',
  clientId: null,
  tenantId: '44444444-4444-4444-8444-444444444444',
  directoryName: 'ws-main/computes/k8s-a',
  identityId: null,
  identityName: null,
  resourceGroup: null,
};
const READER = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';

const assignment = (overrides: Partial<RoleAssignmentView> = {}): RoleAssignmentView => ({
  assignmentId: `${storage.id}/providers/Microsoft.Authorization/roleAssignments/a1`,
  roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${READER}`,
  roleName: 'Storage Blob Data Reader',
  scope: storage,
  inherited: false,
  createdOn: '2026-12-01T10:00:00.000Z',
  firstSeenAt: '2026-12-02T10:00:00.000Z',
  lastSeenAt: '2026-12-03T10:00:00.000Z',
  removeCommands: commands,
  ...overrides,
});
const preset = (overrides: Partial<PresetView> = {}): PresetView => ({
  key: 'storage-blob-data-reader',
  roleName: 'Storage Blob Data Reader',
  roleDefinitionGuid: READER,
  purpose: 'Read training data.',
  scope: storage,
  state: 'not-granted',
  reason: null,
  grantCommands: commands,
  ...overrides,
});
const grant = (overrides: Partial<GrantView> = {}): GrantView => ({
  grantId: 'g1',
  kind: 'grant',
  computeId: COMPUTE,
  principalId: principal.principalId,
  roleDefinitionGuid: READER,
  roleName: 'Storage Blob Data Reader',
  scope: storage,
  status: 'running',
  attempts: 1,
  message: null,
  assignmentId: null,
  alreadyExisted: false,
  error: null,
  createdAt: '2026-12-03T10:00:00.000Z',
  updatedAt: '2026-12-03T10:00:00.000Z',
  nextAttemptAt: null,
  deadlineAt: null,
  commands,
  ...overrides,
});
const access = (overrides: Partial<ComputeAccess> = {}): ComputeAccess => ({
  computeId: COMPUTE,
  computeName: 'k8s-a',
  workspaceName: 'ws-main',
  subscriptionId: SUB,
  principal,
  noPrincipalReason: null,
  assignments: [],
  presets: [preset()],
  readAt: null,
  problem: null,
  grants: [],
  ...overrides,
});
const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
const settleAll = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the Access section view model', () => {
  it('lists direct assignments before inherited ones, with readable scope, origin and age', () => {
    const rows = assignmentRows(
      [
        assignment({ assignmentId: 'b', roleName: 'Reader', scope: group, inherited: true }),
        assignment({ assignmentId: 'a' }),
      ],
      Date.parse('2026-12-03T10:00:00.000Z'),
    );
    expect(rows.map((row) => [row.role, row.scope, row.origin])).toEqual([
      ['Storage Blob Data Reader', 'stmain (storage account)', 'Direct'],
      ['Reader', 'rg-ml (resource group)', 'Inherited'],
    ]);
    expect(rows[0]?.since).toMatch(/^since 2 days ago/);
  });

  it('offers a preset in one click until it is granted, and says when a grant waits for Entra ID', () => {
    expect(presetState(preset(), null).action).toBe('Grant Storage Blob Data Reader');
    expect(presetState(preset({ state: 'granted' }), null)).toMatchObject({
      label: 'Granted',
      action: null,
    });
    const waiting = grant({ status: 'waiting-for-directory', attempts: 3 });
    expect(presetState(preset(), waiting)).toMatchObject({
      label: 'Waiting for Entra ID',
      action: null,
    });
    expect(grantLine(waiting)).toContain(REPLICATION_MESSAGE);
    expect(presetState(preset(), grant({ status: 'failed' })).label).toMatch(/failed/);
    expect(presetState(preset({ state: 'unavailable', scope: null }), null).action).toBeNull();
    expect(grantFor([grant()], READER, storage.id.toUpperCase())?.grantId).toBe('g1');
  });

  it('names role, scope and identity in the removal question', () => {
    expect(removalQuestion(assignment(), principal)).toBe(
      'Remove Storage Blob Data Reader on stmain (storage account) from ws-main/computes/k8s-a (system-assigned identity)?',
    );
  });

  it('checks a pasted scope with the ARM id rules before anything is sent', () => {
    expect(pastedScopeProblem('')).toMatch(/Paste/);
    expect(pastedScopeProblem('/subscriptions/not-a-guid')).not.toBeNull();
    expect(pastedScopeProblem(`  ${storage.id} `)).toBeNull();
  });
});

describe('the Access view cache', () => {
  it('shows the local record, then what Azure answered', async () => {
    const refreshed = deferred<unknown>();
    const { client, calls } = scriptedClient({
      'roles.get': () => ok(access()),
      'roles.refresh': () => refreshed.promise,
    });
    const store = createAccessStore(client);
    store.getState().open(COMPUTE);
    await settleAll();
    expect(store.getState().access).toMatchObject({ status: 'ready', value: { readAt: null } });
    expect(store.getState().refreshing).toBe(true);
    refreshed.resolve({ ok: true, value: access({ readAt: '2026-12-03T10:00:00.000Z' }) });
    await settleAll();
    expect(store.getState().access).toMatchObject({
      value: { readAt: '2026-12-03T10:00:00.000Z' },
    });
    expect(calls.map((call) => call.name).slice(0, 2)).toEqual(['roles.get', 'roles.refresh']);
  });

  it('reads whether the account may grant each preset still to grant, and keeps why not', async () => {
    const refusal = {
      scope: storage,
      mayAssign: false,
      detail: 'Your account may not assign roles at stmain (storage account).',
      rolesThatAllow: ['Owner', 'User Access Administrator'],
      commands,
    };
    const { client, calls } = scriptedClient({
      'roles.get': () => ok(access()),
      'roles.refresh': () =>
        ok(access({ presets: [preset(), preset({ key: 'acr-pull', state: 'granted' })] })),
      'roles.checkPermission': () => ok(refusal),
    });
    const store = createAccessStore(client);
    store.getState().open(COMPUTE);
    await settleAll();
    await settleAll();
    const checks = calls.filter((call) => call.name === 'roles.checkPermission');
    // Only the preset not granted yet is checked, at its own scope and for its own role.
    expect(checks.map((call) => call.input)).toEqual([
      { computeId: COMPUTE, scopeId: storage.id, roleDefinitionGuid: READER },
    ]);
    expect(store.getState().presetPermissions['storage-blob-data-reader']?.mayAssign).toBe(false);
  });

  it('follows a preset grant by its events and reads Azure again when it ends', async () => {
    const { client, calls } = scriptedClient({
      'roles.get': () => ok(access()),
      'roles.refresh': () => ok(access()),
      'roles.grantPreset': () => ok(grant({ status: 'pending' })),
    });
    const store = createAccessStore(client);
    store.getState().open(COMPUTE);
    await settleAll();
    const started = await store.getState().grantPreset('storage-blob-data-reader');
    expect(started?.status).toBe('pending');
    store.getState().receiveGrant(grant({ status: 'waiting-for-directory', updatedAt: 'b' }));
    expect(store.getState().grants['g1']?.status).toBe('waiting-for-directory');
    const refreshesBefore = calls.filter((call) => call.name === 'roles.refresh').length;
    store.getState().receiveGrant(grant({ status: 'succeeded', updatedAt: 'c' }));
    await settleAll();
    expect(calls.filter((call) => call.name === 'roles.refresh').length).toBe(refreshesBefore + 1);
    // Another compute's grant is not this section's.
    store.getState().receiveGrant(grant({ grantId: 'other', computeId: `${COMPUTE}x` }));
    expect(store.getState().grants['other']).toBeUndefined();
  });

  it('gives a new identity the roles of the old one once its identity change has succeeded', async () => {
    const { client, calls } = scriptedClient({
      'roles.get': () => ok(access()),
      'roles.refresh': () => ok(access()),
      'roles.grant': () => ok(grant({ grantId: 'carried', status: 'pending' })),
    });
    const store = createAccessStore(client);
    store.getState().open(COMPUTE);
    await settleAll();
    const offered = carriedOverGrants([
      assignment(),
      assignment({ assignmentId: 'mg', removeCommands: null }),
    ]);
    expect(offered).toEqual([
      {
        roleDefinitionGuid: READER,
        scopeId: storage.id,
        label: 'Storage Blob Data Reader on stmain (storage account)',
      },
    ]);
    store.getState().carryOverAfter('op-1', { computeId: COMPUTE, grants: offered });
    await store.getState().operationChanged({ operationId: 'op-1', status: 'running' });
    expect(calls.some((call) => call.name === 'roles.grant')).toBe(false);
    await store.getState().operationChanged({ operationId: 'op-1', status: 'succeeded' });
    expect(calls.filter((call) => call.name === 'roles.grant').map((call) => call.input)).toEqual([
      { computeId: COMPUTE, roleDefinitionGuid: READER, scopeId: storage.id },
    ]);
    expect(store.getState().grants['carried']).toBeDefined();
    // Only once, even if the event comes again.
    await store.getState().operationChanged({ operationId: 'op-1', status: 'succeeded' });
    expect(calls.filter((call) => call.name === 'roles.grant')).toHaveLength(1);
  });

  it('keeps a refused grant inline with why', async () => {
    const { client } = scriptedClient({
      'roles.get': () => ok(access()),
      'roles.refresh': () => ok(access()),
      'roles.grant': () =>
        Promise.resolve({
          ok: false as const,
          error: { code: 'forbidden', message: 'You may not.' },
        }),
    });
    const store = createAccessStore(client);
    store.getState().open(COMPUTE);
    await settleAll();
    expect(await store.getState().grant(READER, storage.id)).toBeNull();
    expect(store.getState().actionError).toMatchObject({
      what: 'The role could not be granted',
      error: { message: 'You may not.' },
    });
    expect(store.getState().sending).toBeNull();
  });
});

describe('the attach wizard presets', () => {
  const withRegistry = workspace('ws-main', {
    storageAccount: storage.id,
    containerRegistry: `${RG}/providers/Microsoft.ContainerRegistry/registries/crmain`,
  });
  const bare = workspace('ws-bare', { storageAccount: storage.id });
  const form = {
    ...EMPTY_FORM,
    workspaceIds: [withRegistry.id, bare.id],
    clusterId: `${RG}/providers/Microsoft.ContainerService/managedClusters/aks-a`,
    computeName: 'k8s-a',
    presets: ['acr-pull', 'storage-blob-data-reader'] as const,
  };

  it('sends the chosen presets with each request, leaving out what a workspace cannot have', () => {
    const requests = attachRequests(form, [withRegistry, bare]);
    expect(requests?.map((request) => request.grants)).toEqual([
      ['acr-pull', 'storage-blob-data-reader'],
      ['storage-blob-data-reader'],
    ]);
    for (const request of requests ?? [])
      expect(AttachRequest.safeParse(request).success).toBe(true);
  });

  it('grants nothing for identity None', () => {
    const requests = attachRequests({ ...form, identityKind: 'None' }, [withRegistry, bare]);
    expect(requests?.every((request) => request.grants?.length === 0)).toBe(true);
  });
});
