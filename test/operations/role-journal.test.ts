import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJournalStore } from '../../electron/operations/journal-store';
import { createRoleJournal } from '../../electron/operations/role-journal';
import type { RoleOperationRecorder } from '../../electron/roles/operation-recorder';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch-database';
import type { OperationView } from '../../shared/domain/operations';
import type { GrantView } from '../../shared/domain/roles';
import { recordingLogger } from '../auth/accounts-harness';

// Role grants and removals as rows of the operation journal: what the tray and the Activity
// area read for each, written out by hand.

const SUB = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const TENANT = 'bd79c068-555e-57b3-b248-2d47f661607e';
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud-prod`;
const COMPUTE = `${WORKSPACE}/computes/aks-prod`;
const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stfraud`;
const READER_GUID = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';
const PRINCIPAL = '22222222-2222-4222-8222-222222222222';

function grantView(overrides: Partial<GrantView> = {}): GrantView {
  return {
    grantId: 'g1',
    kind: 'grant',
    computeId: COMPUTE,
    principalId: PRINCIPAL,
    roleDefinitionGuid: READER_GUID,
    roleName: 'Storage Blob Data Reader',
    scope: { id: STORAGE, name: 'stfraud', kind: 'storage-account', kindLabel: 'storage account' },
    status: 'pending',
    attempts: 0,
    message: 'Waiting to start.',
    assignmentId: null,
    alreadyExisted: false,
    error: null,
    createdAt: '2026-12-03T08:00:00.000Z',
    updatedAt: '2026-12-03T08:00:00.000Z',
    nextAttemptAt: null,
    deadlineAt: null,
    commands: {
      az: 'az role assignment create …',
      powershell: 'New-AzRoleAssignment …',
      portalUrl: null,
    },
    ...overrides,
  };
}

let scratch: ScratchDatabase;
let db: Database;
let changed: OperationView[];
let logger: ReturnType<typeof recordingLogger>;
let roles: RoleOperationRecorder;
let access: { accountId: string; tenantId: string } | null;

beforeEach(() => {
  scratch = scratchDatabase('role-journal');
  db = scratch.db;
  changed = [];
  logger = recordingLogger();
  access = { accountId: 'account-a', tenantId: TENANT };
  roles = createRoleJournal({
    database: db,
    accessFor: (subscriptionId) => (subscriptionId === SUB ? access : null),
    changed: (operation) => changed.push(operation),
    logger,
  });
});
afterEach(() => scratch.close());

const row = (id = 'role-g1') => createJournalStore(db).read(id);

describe('a role grant in the journal', () => {
  it('is a grant-role row with the request and the command to do the same', () => {
    roles.record(grantView());
    expect(row()).toMatchObject({
      operationId: 'role-g1',
      kind: 'grant-role',
      status: 'pending',
      accountId: 'account-a',
      tenantId: TENANT,
      subscriptionId: SUB,
      computeId: COMPUTE,
      computeName: 'aks-prod',
      workspaceId: WORKSPACE,
      workspaceName: 'mlw-fraud-prod',
      clusterId: null,
      method: 'PUT',
      url: `${STORAGE}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`,
      body: JSON.stringify({
        properties: {
          roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${READER_GUID}`,
          principalId: PRINCIPAL,
          principalType: 'ServicePrincipal',
        },
      }),
      commands: {
        az: 'az role assignment create …',
        azRest: `guid=$(uuidgen); az rest --method put --url "${STORAGE}/providers/Microsoft.Authorization/roleAssignments/$guid?api-version=2022-04-01" --body '{"properties":{"roleDefinitionId":"/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${READER_GUID}","principalId":"${PRINCIPAL}","principalType":"ServicePrincipal"}}'`,
      },
      summary: 'Grant Storage Blob Data Reader on stfraud (storage account) to aks-prod',
      createdAt: '2026-12-03T08:00:00.000Z',
      startedAt: null,
      endedAt: null,
      message: 'Waiting to start.',
      errors: [],
      resume: {},
    });
    expect(changed.map((operation) => [operation.operationId, operation.status])).toEqual([
      ['role-g1', 'pending'],
    ]);
  });

  it('follows the grant: running while it waits for the directory, then failed with its error', () => {
    roles.record(grantView());
    roles.update(
      grantView({
        status: 'waiting-for-directory',
        attempts: 2,
        message: 'Waiting for Entra ID.',
        updatedAt: '2026-12-03T08:01:00.000Z',
      }),
    );
    expect(row()).toMatchObject({
      status: 'running',
      startedAt: '2026-12-03T08:01:00.000Z',
      endedAt: null,
      sendCount: 2,
      message: 'Waiting for Entra ID.',
    });
    roles.update(
      grantView({ status: 'running', attempts: 3, updatedAt: '2026-12-03T08:02:00.000Z' }),
    );
    expect(row()).toMatchObject({ status: 'running', startedAt: '2026-12-03T08:01:00.000Z' });
    const error = {
      code: 'PrincipalNotFound',
      message: 'The identity is not in the directory yet.',
    };
    roles.update(
      grantView({
        status: 'failed',
        attempts: 4,
        error,
        message: 'ignored',
        updatedAt: '2026-12-03T08:10:00.000Z',
      }),
    );
    expect(row()).toMatchObject({
      status: 'failed',
      startedAt: '2026-12-03T08:01:00.000Z',
      endedAt: '2026-12-03T08:10:00.000Z',
      errors: [error],
      message: 'The identity is not in the directory yet.',
      sendCount: 4,
    });
    expect(changed.map((operation) => operation.status)).toEqual([
      'pending',
      'running',
      'running',
      'failed',
    ]);
  });

  it('keeps its end time when the ended grant is mirrored again at a restart', () => {
    roles.record(grantView({ status: 'succeeded', updatedAt: '2026-12-03T08:05:00.000Z' }));
    roles.resumed(grantView({ status: 'succeeded', updatedAt: '2026-12-03T09:00:00.000Z' }));
    expect(row()).toMatchObject({
      status: 'succeeded',
      startedAt: '2026-12-03T08:05:00.000Z',
      endedAt: '2026-12-03T08:05:00.000Z',
    });
  });
});

describe('a grant recorded once its assignment exists', () => {
  it('still names the collection it was created in, not the assignment', () => {
    roles.record(
      grantView({
        status: 'succeeded',
        assignmentId: `${STORAGE}/providers/Microsoft.Authorization/roleAssignments/33333333-3333-4333-8333-333333333333`,
      }),
    );
    expect(row()).toMatchObject({
      method: 'PUT',
      url: `${STORAGE}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`,
    });
  });
});

describe('a role removal in the journal', () => {
  it('is a remove-role DELETE of the assignment itself', () => {
    const assignment = `${STORAGE}/providers/Microsoft.Authorization/roleAssignments/33333333-3333-4333-8333-333333333333`;
    roles.record(
      grantView({
        grantId: 'r1',
        kind: 'remove',
        assignmentId: assignment,
        roleDefinitionGuid: null,
      }),
    );
    expect(row('role-r1')).toMatchObject({
      kind: 'remove-role',
      method: 'DELETE',
      url: `${assignment}?api-version=2022-04-01`,
      body: null,
      commands: { azRest: `az rest --method delete --url "${assignment}?api-version=2022-04-01"` },
      summary: 'Remove Storage Blob Data Reader on stfraud (storage account) from aks-prod',
    });
  });
});

describe('a grant the journal cannot place', () => {
  it('of a subscription no account reaches is not mirrored, and nothing is announced', () => {
    access = null;
    roles.record(grantView());
    expect(createJournalStore(db).recent()).toEqual([]);
    expect(changed).toEqual([]);
    expect(logger.lines).toEqual([]);
  });

  it.each([
    ['no ARM id', 'not an id'],
    ['no compute below a workspace', `/subscriptions/${SUB}/resourceGroups/rg-ml`],
  ])('whose compute id is %s is not mirrored, quietly', (_case, computeId) => {
    roles.record(grantView({ computeId }));
    expect(createJournalStore(db).recent()).toEqual([]);
    expect(changed).toEqual([]);
    expect(logger.lines).toEqual([]);
  });

  it('that cannot be written is logged and does not stop the grant', () => {
    roles.record(grantView());
    db.exec('PRAGMA query_only = ON');
    expect(() => roles.update(grantView({ status: 'running', attempts: 1 }))).not.toThrow();
    db.exec('PRAGMA query_only = OFF');
    expect(logger.lines).toEqual([
      expect.stringMatching(
        /^warn A role grant could not be written to the operation journal \{"grantId":"g1","error":".+"\}$/,
      ),
    ]);
    expect(row().status).toBe('pending');
  });

  it('that cannot be written does not stop the grant when there is no logger either', () => {
    const quiet = createRoleJournal({
      database: db,
      accessFor: () => access,
      changed: () => undefined,
    });
    quiet.record(grantView());
    db.exec('PRAGMA query_only = ON');
    expect(() => quiet.update(grantView({ status: 'running', attempts: 1 }))).not.toThrow();
    db.exec('PRAGMA query_only = OFF');
    expect(row().status).toBe('pending');
  });
});
