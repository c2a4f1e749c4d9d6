// Renderer logic, tested in plain Node (see scope-model.test.ts for why it lives here).
import { describe, expect, it } from 'vitest';
import { createAccountsStore } from '../../renderer/src/state/accounts-store';
import { createSubscriptionsStore } from '../../renderer/src/state/subscriptions-store';
import type { SubscriptionsSnapshot } from '../../shared/domain/subscriptions';
import { deferred, megan, scriptedClient, subscription } from './fixtures';

const prompt = (signInId: string) => ({
  signInId,
  userCode: 'F7KQ-M2XP',
  verificationUri: 'https://microsoft.com/devicelogin',
  message: 'To sign in, enter the code F7KQ-M2XP.',
  expiresAt: '2026-11-25T10:15:00.000Z',
});

describe('the accounts view cache', () => {
  it('shows a device code that was pushed before the sign-in request answered', async () => {
    const started = deferred<unknown>();
    const { client } = scriptedClient({ 'accounts.signIn': () => started.promise });
    const store = createAccountsStore(client);

    const starting = store.getState().startSignIn('device-code', { kind: 'account' });
    store.getState().receiveDeviceCode(prompt('s1'));
    started.resolve({ ok: true, value: { signInId: 's1' } });
    await starting;

    expect(store.getState().session).toMatchObject({ signInId: 's1', deviceCode: prompt('s1') });
  });

  it('ends a sign-in whose outcome was pushed before the request answered', async () => {
    const started = deferred<unknown>();
    const { client } = scriptedClient({ 'accounts.signIn': () => started.promise });
    const store = createAccountsStore(client);

    const starting = store.getState().startSignIn('browser', { kind: 'account' });
    store.getState().receiveSignInFinished({
      signInId: 's1',
      outcome: 'signed-in',
      account: megan,
      problem: null,
    });
    started.resolve({ ok: true, value: { signInId: 's1' } });
    await starting;

    expect(store.getState().session).toBeNull();
    expect(store.getState().outcome).toMatchObject({ kind: 'signed-in', account: megan });
  });

  it('keeps the AADSTS code of a failed sign-in', async () => {
    const { client } = scriptedClient({
      'tenants.signIn': async () => ({ ok: true, value: { signInId: 's9' } }),
    });
    const store = createAccountsStore(client);
    const target = {
      kind: 'tenant' as const,
      accountId: megan.accountId,
      username: megan.username,
      tenantId: '6b4a7449-492c-501f-8df8-29fe7db32aaf',
      tenantName: 'Northwind Traders',
    };

    await store.getState().startSignIn('browser', target);
    const problem = { code: 'AADSTS50076', message: 'Northwind requires MFA: sign in again.' };
    store
      .getState()
      .receiveSignInFinished({ signInId: 's9', outcome: 'failed', account: null, problem });

    expect(store.getState().outcome).toEqual({ kind: 'failed', target, problem });
    expect(store.getState().session).toBeNull();
  });

  it('cancels in the main process a sign-in the user gave up on before it had an id', async () => {
    const started = deferred<unknown>();
    const { client, calls } = scriptedClient({
      'accounts.signIn': () => started.promise,
      'accounts.cancelSignIn': async () => ({ ok: true, value: { cancelled: true } }),
    });
    const store = createAccountsStore(client);

    const starting = store.getState().startSignIn('browser', { kind: 'account' });
    await store.getState().cancelSignIn();
    expect(store.getState().session).toBeNull();
    started.resolve({ ok: true, value: { signInId: 's1' } });
    await starting;

    expect(calls.map((call) => [call.name, call.input])).toContainEqual([
      'accounts.cancelSignIn',
      { signInId: 's1' },
    ]);
    expect(store.getState().session).toBeNull();
  });

  it('says why a sign-in could not start', async () => {
    const { client } = scriptedClient({
      'accounts.signIn': async () => ({
        ok: false,
        error: { code: 'unavailable', message: 'Sign-in is not available in this build yet.' },
      }),
    });
    const store = createAccountsStore(client);

    await store.getState().startSignIn('browser', { kind: 'account' });

    expect(store.getState().session).toBeNull();
    expect(store.getState().requestError).toEqual({
      title: 'Signing in could not start',
      error: { code: 'unavailable', message: 'Sign-in is not available in this build yet.' },
    });
  });
});

describe('the subscriptions view cache', () => {
  const stored = (subscriptions: SubscriptionsSnapshot['subscriptions']) => ({
    subscriptions,
    problems: [],
    refreshedAt: '2026-11-25T10:00:00.000Z',
  });

  it('shows a filter change at once and puts the stored filters back when it is refused', async () => {
    const original = subscription({ selected: false });
    const answer = deferred<unknown>();
    const { client } = scriptedClient({
      'subscriptions.get': async () => ({ ok: true, value: stored([original]) }),
      'subscriptions.setFilters': () => answer.promise,
    });
    const store = createSubscriptionsStore(client);
    await store.getState().load();

    const saving = store
      .getState()
      .setFilters([{ subscriptionId: original.subscriptionId, selected: true }]);
    const shown = () => {
      const snapshot = store.getState().snapshot;
      return snapshot.status === 'ready' ? snapshot.value.subscriptions[0]?.selected : undefined;
    };
    expect(shown()).toBe(true);

    const refusal = { code: 'internal' as const, message: 'The filters could not be stored.' };
    answer.resolve({ ok: false, error: refusal });
    await saving;

    expect(shown()).toBe(false);
    expect(store.getState().filterError).toEqual(refusal);
  });

  it('lets a slow answer to an earlier change not undo a later one', async () => {
    const target = subscription({ favourite: false });
    const answers = [deferred<unknown>(), deferred<unknown>()];
    let call = 0;
    const { client } = scriptedClient({
      'subscriptions.get': async () => ({ ok: true, value: stored([target]) }),
      'subscriptions.setFilters': () => answers[call++]!.promise,
    });
    const store = createSubscriptionsStore(client);
    await store.getState().load();
    const id = target.subscriptionId;

    const first = store.getState().setFilters([{ subscriptionId: id, favourite: true }]);
    const second = store.getState().setFilters([{ subscriptionId: id, favourite: false }]);
    answers[1]!.resolve({ ok: true, value: stored([{ ...target, favourite: false }]) });
    await second;
    answers[0]!.resolve({ ok: true, value: stored([{ ...target, favourite: true }]) });
    await first;

    const snapshot = store.getState().snapshot;
    expect(snapshot.status === 'ready' && snapshot.value.subscriptions[0]?.favourite).toBe(false);
  });
});
