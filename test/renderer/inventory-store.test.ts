// Renderer logic, tested in plain Node (see scope-model.test.ts for why it lives here).
import { describe, expect, it } from 'vitest';
import { createInventoryStore } from '../../renderer/src/state/inventory-store';
import { deferred, scriptedClient } from './fixtures';
import { compute, snapshotOf, workspace } from './inventory-fixtures';

const fraud = workspace('mlw-fraud');
const older = snapshotOf([fraud], [compute(fraud, 'k8s', { provisioningState: 'Creating' })]);
const newer = snapshotOf([fraud], [compute(fraud, 'k8s')]);
const unavailable = {
  code: 'unavailable' as const,
  message: 'The inventory is not available in this build yet.',
};
const answer =
  <T>(value: T) =>
  async () => ({ ok: true, value });

describe('the inventory view cache', () => {
  it('reads nothing until something asks for the record', () => {
    const { client, calls } = scriptedClient({});
    const store = createInventoryStore(client);

    store.getState().scopeChanged('a');
    store.getState().scopeChanged('b');

    expect(store.getState().view).toEqual({ status: 'idle' });
    expect(calls).toEqual([]);
  });

  it('shows the main process’s own message when the inventory is unavailable', async () => {
    const { client } = scriptedClient({
      'inventory.get': async () => ({ ok: false, error: unavailable }),
    });
    const store = createInventoryStore(client);

    await store.getState().load();

    expect(store.getState().view).toEqual({ status: 'failed', error: unavailable });
  });

  it('does not let a slow local read undo a refresh that answered before it', async () => {
    const read = deferred<unknown>();
    const { client } = scriptedClient({
      'inventory.get': () => read.promise,
      'inventory.refresh': answer(newer),
    });
    const store = createInventoryStore(client);

    const reading = store.getState().load();
    await store.getState().refreshFromAzure();
    read.resolve({ ok: true, value: older });
    await reading;

    expect(store.getState().view).toEqual({ status: 'ready', value: newer });
  });

  it('keeps the record on screen when a refresh fails, and says why', async () => {
    const refusal = { code: 'unavailable' as const, message: 'Azure could not be reached.' };
    const { client } = scriptedClient({
      'inventory.get': answer(older),
      'inventory.refresh': async () => ({ ok: false, error: refusal }),
    });
    const store = createInventoryStore(client);
    await store.getState().load();

    await store.getState().refreshFromAzure();

    expect(store.getState().view).toEqual({ status: 'ready', value: older });
    expect(store.getState().refresh).toEqual({ status: 'failed', error: refusal });
  });

  it('reads the record again when the stored selection of subscriptions changes', async () => {
    const { client, calls } = scriptedClient({ 'inventory.get': answer(older) });
    const store = createInventoryStore(client);
    store.getState().scopeChanged('sub-a');
    await store.getState().load();

    store.getState().scopeChanged('sub-a');
    expect(calls).toHaveLength(1);
    store.getState().scopeChanged('sub-a,sub-b');
    expect(calls).toHaveLength(2);
  });

  it('takes pushed snapshots as they come', () => {
    const { client } = scriptedClient({});
    const store = createInventoryStore(client);

    store.getState().receiveSnapshot(newer);

    expect(store.getState().view).toEqual({ status: 'ready', value: newer });
  });

  it('reads the record for the palette only when it is not there yet', async () => {
    const { client, calls } = scriptedClient({ 'inventory.get': answer(older) });
    const store = createInventoryStore(client);

    await store.getState().loadIfNeeded();
    await store.getState().loadIfNeeded();

    expect(calls.map((call) => call.name)).toEqual(['inventory.get']);
  });

  it('numbers each jump so the same target can be jumped to twice', () => {
    const { client } = scriptedClient({});
    const store = createInventoryStore(client);
    const target = { kind: 'compute' as const, id: `${fraud.id}/computes/k8s` };

    store.getState().jumpTo(target);
    const first = store.getState().jump;
    store.getState().jumpHandled();
    store.getState().jumpTo(target);

    expect(store.getState().jump).toEqual({ ...target, request: (first?.request ?? 0) + 1 });
  });
});
