// The operations, attach and compute view caches over a scripted contract client, in plain Node.
import { describe, expect, it } from 'vitest';
import { createAttachStore } from '../../renderer/src/state/attach-store';
import { createComputeStore } from '../../renderer/src/state/compute-store';
import { createOperationsStore } from '../../renderer/src/state/operations-store';
import type { AttachRequestInput, RequestPreview } from '../../shared/domain/operations';
import { deferred, scriptedClient } from './fixtures';
import { workspace } from './inventory-fixtures';
import { cluster, operation, report } from './operations-fixtures';

const fraud = workspace('ws-fraud');
const churn = workspace('ws-churn');
const aks = cluster('aks-prod');
const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
const refused = (message: string) =>
  Promise.resolve({ ok: false as const, error: { code: 'forbidden', message } });

const request = (workspaceId: string): AttachRequestInput => ({
  workspaceId,
  clusterId: aks.id,
  computeName: 'k8s-a',
  namespace: 'default',
  description: '',
  identity: { type: 'SystemAssigned' },
});
const preview: RequestPreview = {
  method: 'PUT',
  path: '/subscriptions/…/computes/k8s-a?api-version=2025-09-01',
  body: '{}',
  commands: { az: 'az ml compute attach …', azRest: 'az rest …' },
};

describe('the operations view cache', () => {
  it('reloads the open details when their operation changes', async () => {
    const running = operation(fraud, 'k8s-a');
    const { client, calls } = scriptedClient({
      'operations.get': () => ok({ operation: running, request: preview, polls: [] }),
    });
    const store = createOperationsStore(client);
    await store.getState().openDetails(running.operationId);
    expect(store.getState().open?.detail.status).toBe('ready');

    store.getState().receive({ ...running, pollCount: 1 });
    expect(store.getState().operations).toHaveLength(1);
    expect(calls.filter((call) => call.name === 'operations.get')).toHaveLength(2);
  });

  it('ignores details that arrive after the user opened another operation', async () => {
    const first = operation(fraud, 'k8s-a');
    const second = operation(churn, 'k8s-b');
    const slow = deferred<unknown>();
    const { client } = scriptedClient({
      'operations.get': (input) =>
        (input as { operationId: string }).operationId === first.operationId
          ? slow.promise
          : ok({ operation: second, request: preview, polls: [] }),
    });
    const store = createOperationsStore(client);
    const opening = store.getState().openDetails(first.operationId);
    await store.getState().openDetails(second.operationId);
    slow.resolve({ ok: true, value: { operation: first, request: preview, polls: [] } });
    await opening;
    const open = store.getState().open;
    expect(open?.operationId).toBe(second.operationId);
    expect(open?.detail.status === 'ready' && open.detail.value.operation.computeName).toBe(
      'k8s-b',
    );
  });
});

describe('the attach wizard’s view cache', () => {
  it('reviews every request of a bulk attach and starts them in one bulk call', async () => {
    const started = [operation(fraud, 'k8s-a'), operation(churn, 'k8s-a')];
    const { client, calls } = scriptedClient({
      'attach.preflight': () => ok(report(['passed'])),
      'attach.preview': () => ok(preview),
      'attach.startBulk': () => ok(started),
    });
    const store = createAttachStore(client);
    const requests = [request(fraud.id), request(churn.id)];
    await store.getState().review(requests);
    const reviewed = store.getState().preflight;
    expect(reviewed?.status === 'ready' && reviewed.value).toHaveLength(2);

    await store.getState().attach(requests);
    expect(calls.map((call) => call.name)).toEqual([
      'attach.preflight',
      'attach.preflight',
      'attach.preview',
      'attach.preview',
      'attach.startBulk',
    ]);
    expect(store.getState()).toMatchObject({
      step: 'progress',
      start: { status: 'started', operationIds: started.map((entry) => entry.operationId) },
    });
  });

  it('starts a single attach with attach.start and keeps a refusal’s message', async () => {
    const { client, calls } = scriptedClient({
      'attach.start': () => refused('You may not write computes in ws-fraud.'),
    });
    const store = createAttachStore(client);
    await store.getState().attach([request(fraud.id)]);
    expect(calls.map((call) => call.name)).toEqual(['attach.start']);
    expect(store.getState().start).toEqual({
      status: 'failed',
      error: { code: 'forbidden', message: 'You may not write computes in ws-fraud.' },
    });
  });

  it('forgets the preflight when the form changes, so the review asks again', async () => {
    const { client } = scriptedClient({
      'attach.preflight': () => ok(report(['failed'])),
      'attach.preview': () => ok(preview),
    });
    const store = createAttachStore(client);
    await store.getState().review([request(fraud.id)]);
    store.getState().setAttachAnyway(true);
    store.getState().update({ ...store.getState().form, computeName: 'k8s-b' });
    expect(store.getState()).toMatchObject({ preflight: null, attachAnyway: false });
  });

  it('opens from a workspace with it chosen, to land on the first step still to do', () => {
    const { client } = scriptedClient({});
    const store = createAttachStore(client);
    store.getState().begin({ workspaceId: fraud.id });
    expect(store.getState()).toMatchObject({ landing: true, form: { workspaceIds: [fraud.id] } });
    store.getState().land('cluster');
    expect(store.getState()).toMatchObject({ landing: false, step: 'cluster' });
  });
});

describe('the compute page’s view cache', () => {
  it('sends a detach for the open compute only', async () => {
    const detaching = operation(fraud, 'k8s-a', { kind: 'detach' });
    const { client, calls } = scriptedClient({
      'computes.get': () => refused('not scripted in detail'),
      'computes.detach': () => ok(detaching),
    });
    const store = createComputeStore(client);
    expect(await store.getState().detachCompute()).toBeNull();
    store.getState().open(detaching.computeId);
    expect(await store.getState().detachCompute()).toBe(detaching);
    expect(calls.filter((call) => call.name === 'computes.detach')).toEqual([
      { name: 'computes.detach', input: { computeId: detaching.computeId } },
    ]);
    expect(store.getState().detach).toEqual({ status: 'sent', operation: detaching });
  });
});
