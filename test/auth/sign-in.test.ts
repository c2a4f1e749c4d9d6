import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountView } from '../../shared/domain/accounts';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import {
  accountNamed,
  startHarness,
  tenantIdOf,
  tenantNamed,
  type Harness,
} from './accounts-harness';

let emu: RunningEmulator;
let harness: Harness;

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  await harness.dispose();
});

describe('signing in an account', () => {
  it('signs in through the system browser and lists the account with its home tenant ready', async () => {
    harness = startHarness(emu);
    const finished = await harness.signInWithBrowser('reader@contoso.com');

    expect(finished).toMatchObject({ outcome: 'signed-in', problem: null });
    expect(AccountView.parse(finished.account)).toMatchObject({
      username: 'reader@contoso.com',
      name: 'Alex Wilber',
      homeTenantId: tenantIdOf(emu, 'Contoso Ltd'),
    });
    expect(new URL(harness.openedUrls[0] ?? '').searchParams.get('prompt')).toBe('select_account');
    expect(tenantNamed(finished.account, 'Contoso Ltd')).toMatchObject({
      status: 'ready',
      isHomeTenant: true,
      problem: null,
    });
    expect(await harness.service.list()).toEqual([finished.account]);
  });

  it("lists the account's tenants from ARM with their names and default domains", async () => {
    harness = startHarness(emu);
    const { account } = await harness.signInWithBrowser('admin@contoso.com');

    const tenants = account?.tenants.map((t) => [t.displayName, t.defaultDomain, t.isHomeTenant]);
    expect(tenants).toEqual([
      ['Contoso Ltd', 'contoso.onmicrosoft.com', true],
      ['Fabrikam Inc', 'fabrikam.onmicrosoft.com', false],
      ['Northwind Traders', 'northwindtraders.onmicrosoft.com', false],
    ]);
  });

  it('marks the MFA tenant as needing sign-in with its AADSTS code while the other tenants are ready', async () => {
    harness = startHarness(emu);
    const { account } = await harness.signInWithBrowser('admin@contoso.com');

    expect(tenantNamed(account, 'Fabrikam Inc').status).toBe('ready');
    const northwind = tenantNamed(account, 'Northwind Traders');
    expect(northwind.status).toBe('needs-sign-in');
    expect(northwind.problem?.code).toBe('AADSTS50076');
    expect(northwind.problem?.message).toMatch(
      /multi-factor authentication \(AADSTS50076\).*sign in to this tenant/,
    );
  });

  it('makes the MFA tenant ready after a sign-in for that tenant alone', async () => {
    harness = startHarness(emu);
    const { account } = await harness.signInWithBrowser('admin@contoso.com');
    const northwindId = tenantIdOf(emu, 'Northwind Traders');

    const { signInId } = harness.service.startTenantSignIn(
      account!.accountId,
      northwindId,
      'browser',
    );
    const finished = await harness.events.waitFor(
      'signIn.finished',
      (e) => e.signInId === signInId,
    );

    expect(finished.outcome).toBe('signed-in');
    const authorize = new URL(harness.openedUrls.at(-1) ?? '');
    expect(authorize.pathname).toBe(`/${northwindId}/oauth2/v2.0/authorize`);
    expect(authorize.searchParams.get('login_hint')).toBe('admin@contoso.com');
    expect(tenantNamed(finished.account, 'Northwind Traders')).toMatchObject({
      status: 'ready',
      problem: null,
    });
    await expect(
      harness.service
        .credentialFor(account!.accountId, northwindId)
        .getToken(`${emu.armUrl}/.default`),
    ).resolves.toMatchObject({ token: expect.any(String) });
  });

  it('signs in with a device code shown to the user and approved elsewhere', async () => {
    harness = startHarness(emu);
    const { signInId } = harness.service.startSignIn('device-code');
    const prompt = await harness.events.waitFor(
      'signIn.deviceCode',
      (e) => e.signInId === signInId,
    );

    expect(prompt.userCode).toMatch(/\S{6,}/);
    expect(new URL(prompt.verificationUri).origin).toBe(emu.armUrl);
    expect(prompt.message).toContain(prompt.userCode);
    expect(Date.parse(prompt.expiresAt)).toBeGreaterThan(Date.now());

    await emu.control.approveDeviceCode(prompt.userCode, 'ops@fabrikam.com');
    const finished = await harness.events.waitFor(
      'signIn.finished',
      (e) => e.signInId === signInId,
    );
    expect(finished.outcome).toBe('signed-in');
    expect(finished.account?.username).toBe('ops@fabrikam.com');
    expect(tenantNamed(finished.account, 'Fabrikam Inc').status).toBe('ready');
  });

  it('keeps two accounts signed in at once, each with its own tenants', async () => {
    harness = startHarness(emu);
    await harness.signInWithBrowser('admin@contoso.com');
    await harness.signInWithDeviceCode('ops@fabrikam.com');

    const accounts = await harness.service.list();
    expect(accounts.map((a) => a.username).sort()).toEqual([
      'admin@contoso.com',
      'ops@fabrikam.com',
    ]);
    expect(accountNamed(accounts, 'admin@contoso.com').tenants).toHaveLength(3);
    expect(accountNamed(accounts, 'ops@fabrikam.com').tenants.map((t) => t.displayName)).toEqual([
      'Fabrikam Inc',
    ]);
  });

  it('ends every sign-in with exactly one signIn.finished followed by accounts.changed', async () => {
    harness = startHarness(emu);
    const { signInId } = await harness.signInWithBrowser('reader@contoso.com');
    await harness.service.close(); // waits until the sign-in has emitted everything

    const names = harness.events.all.map((e) => e.name);
    expect(
      harness.events.of('signIn.finished').filter((e) => e.signInId === signInId),
    ).toHaveLength(1);
    expect(names.lastIndexOf('accounts.changed')).toBeGreaterThan(names.indexOf('signIn.finished'));
    expect(
      harness.events
        .of('accounts.changed')
        .at(-1)
        ?.map((a) => a.username),
    ).toEqual(['reader@contoso.com']);
  });
});

describe('events', () => {
  it('match the IPC contract and carry no token', async () => {
    harness = startHarness(emu);
    await harness.signInWithBrowser('admin@contoso.com');
    await harness.signInWithDeviceCode('ops@fabrikam.com');
    const { signInId } = harness.service.startSignIn('device-code');
    await harness.events.waitFor('signIn.deviceCode', (e) => e.signInId === signInId);
    harness.service.cancelSignIn(signInId);
    await harness.service.close();

    expect(harness.events.violations).toEqual([]);
    const names = new Set(harness.events.all.map((e) => e.name));
    expect(names).toEqual(new Set(['signIn.deviceCode', 'signIn.finished', 'accounts.changed']));
    // JWTs (access and id tokens) start with a base64url '{"' header; refresh tokens are never returned.
    expect(JSON.stringify(harness.events.all)).not.toMatch(/eyJ[\w-]{10,}\.[\w-]+/);
  });
});

describe('cancelling a sign-in', () => {
  it("ends a device-code sign-in at once, without waiting for msal's next poll", async () => {
    // msal would next look at its cancel flag an hour from now.
    await emu.control.updateSettings({ deviceCodeIntervalSeconds: 3600 });
    try {
      harness = startHarness(emu);
      const { signInId } = harness.service.startSignIn('device-code');
      await harness.events.waitFor('signIn.deviceCode', (e) => e.signInId === signInId);
      expect(harness.service.cancelSignIn(signInId)).toBe(true);
      const finished = await harness.events.waitFor(
        'signIn.finished',
        (e) => e.signInId === signInId,
      );
      expect(finished).toMatchObject({ outcome: 'cancelled' });
    } finally {
      await emu.control.updateSettings({
        deviceCodeIntervalSeconds: fastSettings.deviceCodeIntervalSeconds,
      });
    }
  });

  it('stops a device-code sign-in the user has not approved', async () => {
    harness = startHarness(emu);
    const { signInId } = harness.service.startSignIn('device-code');
    const prompt = await harness.events.waitFor(
      'signIn.deviceCode',
      (e) => e.signInId === signInId,
    );

    expect(harness.service.cancelSignIn(signInId)).toBe(true);
    const finished = await harness.events.waitFor(
      'signIn.finished',
      (e) => e.signInId === signInId,
    );

    expect(finished).toMatchObject({ outcome: 'cancelled', account: null, problem: null });
    // Approving afterwards signs no one in.
    await emu.control
      .approveDeviceCode(prompt.userCode, 'reader@contoso.com')
      .catch(() => undefined);
    expect(await harness.service.list()).toEqual([]);
    expect(harness.service.cancelSignIn(signInId)).toBe(false);
  });

  it('stops a browser sign-in and closes its loopback listener', async () => {
    harness = startHarness(emu);
    harness.browserUser = null; // the user never finishes in the browser
    const { signInId } = harness.service.startSignIn('browser');
    await waitUntil(() => harness.openedUrls.length === 1);
    const redirectUri = new URL(harness.openedUrls[0] ?? '').searchParams.get('redirect_uri') ?? '';

    expect(harness.service.cancelSignIn(signInId)).toBe(true);
    const finished = await harness.events.waitFor(
      'signIn.finished',
      (e) => e.signInId === signInId,
    );

    expect(finished).toMatchObject({ outcome: 'cancelled', account: null });
    // Finishing in the browser afterwards reaches no one: the loopback listener is gone.
    const late = await emu.control
      .completeBrowserSignIn(harness.openedUrls[0] ?? '', 'reader@contoso.com')
      .catch((e: unknown) => e);
    expect(late).toMatchObject({ redirectStatus: -1 }); // the emulator could not connect
    expect(redirectUri).toMatch(/^http:\/\/localhost:\d+/);
    expect(await harness.service.list()).toEqual([]);
  });
});

describe('sign-in errors', () => {
  it('fails a tenant sign-in done as another account and keeps only the expected account', async () => {
    harness = startHarness(emu);
    // Short-lived access tokens and a dead refresh token: the silent attempt fails, the browser opens.
    await emu.control.updateSettings({ accessTokenLifetimeSeconds: 60 });
    const { account } = await harness.signInWithBrowser('admin@contoso.com');
    await emu.control.updateSettings({ accessTokenLifetimeSeconds: 3600 });
    await emu.control.expireRefreshTokens('admin@contoso.com');
    harness.browserUser = 'reader@contoso.com'; // also a member of Contoso

    const { signInId } = harness.service.startTenantSignIn(
      account!.accountId,
      tenantIdOf(emu, 'Contoso Ltd'),
      'browser',
    );
    const finished = await harness.events.waitFor(
      'signIn.finished',
      (e) => e.signInId === signInId,
    );

    expect(finished).toMatchObject({ outcome: 'failed', account: null });
    expect(finished.problem).toEqual({
      code: 'wrong_account',
      message:
        'You signed in as reader@contoso.com, not admin@contoso.com; sign in to Contoso Ltd again as admin@contoso.com.',
    });
    expect((await harness.service.list()).map((a) => a.username)).toEqual(['admin@contoso.com']);
  });

  it('finishes a tenant sign-in silently when the tenant no longer needs the browser', async () => {
    harness = startHarness(emu);
    const { account } = await harness.signInWithBrowser('admin@contoso.com');

    const { signInId } = harness.service.startTenantSignIn(
      account!.accountId,
      tenantIdOf(emu, 'Fabrikam Inc'),
      'browser',
    );
    const finished = await harness.events.waitFor(
      'signIn.finished',
      (e) => e.signInId === signInId,
    );

    expect(finished.outcome).toBe('signed-in');
    expect(harness.openedUrls).toHaveLength(1); // the account's sign-in only
  });

  it('keeps the AADSTS code and says what to do when a tenant refuses the account', async () => {
    harness = startHarness(emu);
    const { account } = await harness.signInWithBrowser('admin@contoso.com');
    harness.browserUser = 'reader@contoso.com'; // not a member of Northwind

    const { signInId } = harness.service.startTenantSignIn(
      account!.accountId,
      tenantIdOf(emu, 'Northwind Traders'),
      'browser',
    );
    const finished = await harness.events.waitFor(
      'signIn.finished',
      (e) => e.signInId === signInId,
    );

    expect(finished.outcome).toBe('failed');
    expect(finished.problem?.code).toBe('AADSTS50020');
    expect(finished.problem?.message).toBe(
      'The account used is not a member of tenant Northwind Traders (AADSTS50020); ask its administrator to invite the account, or sign in with another one.',
    );
    const accounts = await harness.service.list();
    expect(tenantNamed(accounts[0], 'Northwind Traders').status).toBe('needs-sign-in');
  });

  it('refuses a tenant sign-in for an account it does not know', () => {
    harness = startHarness(emu);
    expect(() =>
      harness.service.startTenantSignIn(
        'nobody.nowhere',
        tenantIdOf(emu, 'Contoso Ltd'),
        'browser',
      ),
    ).toThrow(/not in the Accounts list/);
  });
});

/** Waits until `condition` holds, failing after 10 s with what it waited for. */
async function waitUntil(condition: () => boolean, what = 'the sign-in state'): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Gave up after 10 s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
