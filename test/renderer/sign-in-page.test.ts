import { describe, expect, it } from 'vitest';
import { createAccountsStore } from '../../renderer/src/state/accounts-store';
import { scriptedClient } from './fixtures';

describe('the page of a browser sign-in', () => {
  const url = 'https://login.example/organizations/oauth2/v2.0/authorize?client_id=x';

  it('is kept on the browser sign-in on screen, saying whether a browser opened it', async () => {
    const { client } = scriptedClient({
      'accounts.signIn': async () => ({ ok: true, value: { signInId: 'one' } }),
    });
    const store = createAccountsStore(client);
    await store
      .getState()
      .startSignIn('browser', { kind: 'account', signInAs: 'reader@contoso.com' });
    expect(store.getState().session?.browserPage).toBeNull();

    store.getState().receiveBrowserPage({ url, opened: false });

    expect(store.getState().session).toMatchObject({
      browserPage: { url, opened: false },
      target: { kind: 'account', signInAs: 'reader@contoso.com' },
    });
  });

  it('is ignored by a device-code sign-in, which has its own address', async () => {
    const { client } = scriptedClient({
      'accounts.signIn': async () => ({ ok: true, value: { signInId: 'two' } }),
    });
    const store = createAccountsStore(client);
    await store.getState().startSignIn('device-code', { kind: 'account' });
    store.getState().receiveBrowserPage({ url, opened: false });
    expect(store.getState().session?.browserPage).toBeNull();
  });
});
