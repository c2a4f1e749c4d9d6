import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import {
  createJournalStore,
  operationView,
  type JournalStore,
  type NewOperation,
} from '../../electron/operations/journal-store';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch-database';

// The operation journal on its own: what a row says after each step the runner takes, and what a
// restart reads back. Values are written out by hand, not derived from the store's own mapping.

const SUBSCRIPTION = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const TENANT = 'bd79c068-555e-57b3-b248-2d47f661607e';
const WORKSPACE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud-prod`;
const computeIdOf = (name: string) => `${WORKSPACE}/computes/${name}`;

function newOperation(overrides: Partial<NewOperation> = {}): NewOperation {
  const computeName = overrides.computeName ?? 'aks-prod';
  return {
    operationId: 'op-1',
    kind: 'attach',
    accountId: 'account-a',
    // Upper case as a user may paste it: the journal keys on the lower-case form.
    tenantId: TENANT.toUpperCase(),
    subscriptionId: SUBSCRIPTION.toUpperCase(),
    computeId: computeIdOf(computeName),
    computeName,
    workspaceId: WORKSPACE,
    workspaceName: 'mlw-fraud-prod',
    clusterId: null,
    method: 'PUT',
    url: `https://management.azure.com${computeIdOf(computeName)}?api-version=2024-10-01`,
    body: '{"properties":{"computeType":"Kubernetes"}}',
    commands: { az: 'az ml compute attach …', azRest: 'az rest --method put …' },
    summary: `Attach ${computeName}`,
    resume: { expectedClusterId: '/subscriptions/x/cluster' },
    createdAt: '2026-12-03T08:00:00.000Z',
    ...overrides,
  };
}

let scratch: ScratchDatabase;
let db: Database;
let journal: JournalStore;

beforeEach(() => {
  scratch = scratchDatabase('journal-store');
  db = scratch.db;
  journal = createJournalStore(db);
});
afterEach(() => scratch.close());

function refusalOf(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the journal to refuse');
}

describe('a new journal row', () => {
  it('is pending, with the request exactly as it will be sent and nothing happened yet', () => {
    const row = journal.insert(newOperation());
    expect(row).toEqual({
      operationId: 'op-1',
      kind: 'attach',
      status: 'pending',
      computeId: computeIdOf('aks-prod'),
      computeName: 'aks-prod',
      workspaceId: WORKSPACE,
      workspaceName: 'mlw-fraud-prod',
      clusterId: null,
      subscriptionId: SUBSCRIPTION,
      tenantId: TENANT,
      accountId: 'account-a',
      summary: 'Attach aks-prod',
      createdAt: '2026-12-03T08:00:00.000Z',
      startedAt: null,
      endedAt: null,
      lastPolledAt: null,
      pollCount: 0,
      provisioningState: null,
      errors: [],
      message: null,
      method: 'PUT',
      url: `https://management.azure.com${computeIdOf('aks-prod')}?api-version=2024-10-01`,
      body: '{"properties":{"computeType":"Kubernetes"}}',
      commands: { az: 'az ml compute attach …', azRest: 'az rest --method put …' },
      resume: { expectedClusterId: '/subscriptions/x/cluster' },
      sendCount: 0,
    });
  });

  it('is refused while another operation on the same compute is unfinished, whatever the case of its id', () => {
    journal.insert(newOperation());
    const error = refusalOf(() =>
      journal.insert(
        newOperation({ operationId: 'op-2', computeId: computeIdOf('aks-prod').toUpperCase() }),
      ),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      'Mooring is already running an operation on compute aks-prod. Wait for it to end (see Operations), then try again.',
    );
    expect(error.details).toEqual({ computeId: computeIdOf('aks-prod').toUpperCase() });
    expect(journal.unfinished().map((row) => row.operationId)).toEqual(['op-1']);
  });

  it('is accepted on the same compute once the earlier one ended', () => {
    journal.insert(newOperation());
    journal.finish('op-1', {
      status: 'failed',
      at: '2026-12-03T08:05:00.000Z',
      errors: [],
      message: 'Failed.',
      state: null,
    });
    expect(journal.insert(newOperation({ operationId: 'op-2' })).status).toBe('pending');
  });

  it('lets other database failures through unchanged', () => {
    let thrown: unknown;
    try {
      journal.insert(newOperation({ body: 'not json' }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).not.toBeInstanceOf(AppError);
    expect((thrown as { code?: string }).code).toBe('SQLITE_CONSTRAINT_CHECK');
  });
});

describe('reading the journal', () => {
  it('answers not found for an operation it never recorded', () => {
    const error = refusalOf(() => journal.read('op-unknown'));
    expect(error.code).toBe('not-found');
    expect(error.message).toBe('Mooring has no record of that operation.');
  });

  it('resumes unfinished compute operations oldest first, leaving ended ones', () => {
    journal.insert(
      newOperation({
        operationId: 'op-b',
        computeName: 'b',
        createdAt: '2026-12-03T09:00:00.000Z',
      }),
    );
    journal.insert(
      newOperation({
        operationId: 'op-a',
        computeName: 'a',
        createdAt: '2026-12-03T08:00:00.000Z',
      }),
    );
    journal.insert(
      newOperation({
        operationId: 'op-c',
        computeName: 'c',
        createdAt: '2026-12-03T07:00:00.000Z',
      }),
    );
    journal.markRunning('op-b', '2026-12-03T09:01:00.000Z', {}, null, null);
    journal.finish('op-c', {
      status: 'succeeded',
      at: '2026-12-03T07:10:00.000Z',
      errors: [],
      message: 'Done.',
      state: 'Succeeded',
    });
    expect(journal.unfinished().map((row) => row.operationId)).toEqual(['op-a', 'op-b']);
  });

  it('lists the running ones first, then the most recently ended or created, fifty at most', () => {
    for (let i = 0; i < 55; i += 1) {
      const minute = String(i).padStart(2, '0');
      journal.insert(
        newOperation({
          operationId: `op-${minute}`,
          computeName: `c${minute}`,
          createdAt: `2026-12-03T08:${minute}:00.000Z`,
        }),
      );
      if (i !== 3) {
        journal.finish(`op-${minute}`, {
          status: 'succeeded',
          at: `2026-12-03T10:${minute}:00.000Z`,
          errors: [],
          message: 'Done.',
          state: 'Succeeded',
        });
      }
    }
    const recent = journal.recent().map((row) => row.operationId);
    expect(recent).toHaveLength(50);
    expect(recent.slice(0, 3)).toEqual(['op-03', 'op-54', 'op-53']);
    expect(recent.at(-1)).toBe('op-06');
  });

  it('finds a compute’s operations by its id in any case, newest first', () => {
    journal.insert(newOperation({ operationId: 'op-1', createdAt: '2026-12-03T08:00:00.000Z' }));
    journal.finish('op-1', {
      status: 'succeeded',
      at: '2026-12-03T08:01:00.000Z',
      errors: [],
      message: 'Done.',
      state: null,
    });
    journal.insert(newOperation({ operationId: 'op-2', createdAt: '2026-12-03T09:00:00.000Z' }));
    journal.insert(newOperation({ operationId: 'op-3', computeName: 'other' }));
    expect(
      journal.ofCompute(computeIdOf('aks-prod').toUpperCase()).map((row) => row.operationId),
    ).toEqual(['op-2', 'op-1']);
  });

  it('gives the contract view without the request internals', () => {
    const view = operationView(journal.insert(newOperation()));
    expect(view).toMatchObject({ operationId: 'op-1', status: 'pending', computeName: 'aks-prod' });
    for (const key of ['method', 'url', 'body', 'commands', 'resume', 'sendCount'])
      expect(view).not.toHaveProperty(key);
  });
});

describe('the steps of an operation', () => {
  beforeEach(() => {
    journal.insert(newOperation());
  });

  it('counts every send before the request leaves', () => {
    journal.markSent('op-1');
    journal.markSent('op-1');
    expect(journal.read('op-1').sendCount).toBe(2);
  });

  it('keeps the first start time and the last known state while running', () => {
    journal.markRunning(
      'op-1',
      '2026-12-03T08:01:00.000Z',
      { asyncOperationUrl: 'https://management.azure.com/op?x=1' },
      'Creating',
      'Sent; Azure is creating the compute.',
    );
    journal.markRunning(
      'op-1',
      '2026-12-03T08:02:00.000Z',
      { locationUrl: 'https://l' },
      null,
      null,
    );
    expect(journal.read('op-1')).toMatchObject({
      status: 'running',
      startedAt: '2026-12-03T08:01:00.000Z',
      resume: { locationUrl: 'https://l' },
      provisioningState: 'Creating',
      message: null,
    });
  });

  it('takes a note without losing the state unless a new one is given', () => {
    journal.markRunning('op-1', '2026-12-03T08:01:00.000Z', {}, 'Creating', null);
    journal.note('op-1', 'Azure is slow to answer; still waiting.');
    expect(journal.read('op-1')).toMatchObject({
      message: 'Azure is slow to answer; still waiting.',
      provisioningState: 'Creating',
    });
    journal.note('op-1', null, 'Updating');
    expect(journal.read('op-1')).toMatchObject({ message: null, provisioningState: 'Updating' });
  });

  it('numbers the polls in order and counts them on the row', () => {
    const poll = (at: string, status: string) => ({
      at,
      httpStatus: 200,
      status,
      retryAfterSeconds: 5,
      note: null,
    });
    journal.recordPoll('op-1', poll('2026-12-03T08:01:00.000Z', 'InProgress'));
    journal.recordPoll('op-1', {
      ...poll('2026-12-03T08:02:00.000Z', 'Succeeded'),
      httpStatus: null,
      retryAfterSeconds: null,
      note: 'no answer',
    });
    expect(journal.polls('op-1')).toEqual([
      {
        at: '2026-12-03T08:01:00.000Z',
        httpStatus: 200,
        status: 'InProgress',
        retryAfterSeconds: 5,
        note: null,
      },
      {
        at: '2026-12-03T08:02:00.000Z',
        httpStatus: null,
        status: 'Succeeded',
        retryAfterSeconds: null,
        note: 'no answer',
      },
    ]);
    const numbers = db
      .prepare(
        'SELECT poll_number FROM operation_polls WHERE operation_id = ? ORDER BY poll_number',
      )
      .all('op-1');
    expect(numbers).toEqual([{ poll_number: 1 }, { poll_number: 2 }]);
    expect(journal.read('op-1')).toMatchObject({
      pollCount: 2,
      lastPolledAt: '2026-12-03T08:02:00.000Z',
    });
  });

  it('ends once: a later step cannot change an ended row', () => {
    journal.markRunning('op-1', '2026-12-03T08:01:00.000Z', {}, 'Creating', null);
    journal.finish('op-1', {
      status: 'failed',
      at: '2026-12-03T08:03:00.000Z',
      errors: [{ code: 'KubernetesExtensionMissing', message: 'No extension.' }],
      message: 'The attach failed.',
      state: null,
    });
    journal.finish('op-1', {
      status: 'succeeded',
      at: '2026-12-03T08:04:00.000Z',
      errors: [],
      message: 'Done.',
      state: 'Succeeded',
    });
    journal.markRunning(
      'op-1',
      '2026-12-03T08:05:00.000Z',
      { alreadyGone: true },
      'Deleting',
      'again',
    );
    journal.note('op-1', 'late note', 'Updating');
    expect(journal.read('op-1')).toMatchObject({
      status: 'failed',
      endedAt: '2026-12-03T08:03:00.000Z',
      errors: [{ code: 'KubernetesExtensionMissing', message: 'No extension.' }],
      message: 'The attach failed.',
      provisioningState: 'Creating',
      resume: {},
    });
  });
});
