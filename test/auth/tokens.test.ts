import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SignInRequiredError } from '../../electron/auth/auth-errors';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { decodeJwt } from '../emulator/entra/jwt';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import {
  accountNamed,
  startHarness,
  tenantIdOf,
  tenantNamed,
  type Harness,
} from './accounts-harness';
import { readTokenCache } from './token-cache-file';

let emu: RunningEmulator;
let harness: Harness;
const armScope = () => `${emu.armUrl}/.default`;

beforeAll(async () => {
  // Access tokens that live one minute are inside msal's five-minute renewal window from the
  // start: every silent request has to redeem the refresh token, as after a real expiry.
  emu = await startEmulator({
    scenario: demoScenarioPath,
    settings: { ...fastSettings, accessTokenLifetimeSeconds: 60 },
  });
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  await harness.dispose();
});

const tokenRequestsFor = async (tenantId: string) =>
  (await emu.control.requestLog()).filter(
    (e) => e.method === 'POST' && e.path.startsWith(`/${tenantId}/oauth2/v2.0/token`),
  );

describe('tokens per (account, tenant)', () => {
  it('gets a fresh token for a guest tenant silently once the cached one has expired', async () => {
    harness = startHarness(emu);
    const { account } = await harness.signInWithBrowser('admin@contoso.com');
    const fabrikam = tenantIdOf(emu, 'Fabrikam Inc');
    const credential = harness.service.credentialFor(account!.accountId, fabrikam);
    await emu.control.clearRequestLog();

    const first = await credential.getToken(armScope());
    const second = await credential.getToken(armScope());

    expect(decodeJwt(second!.token)).toMatchObject({ tid: fabrikam, aud: emu.armUrl });
    expect(second!.token).not.toBe(first!.token);
    expect(await tokenRequestsFor(fabrikam)).toHaveLength(2);
    expect(harness.openedUrls).toHaveLength(1); // the sign-in only: no browser for a refresh
  });

  it('keeps the tokens of each tenant apart: a token is for the tenant asked', async () => {
    harness = startHarness(emu);
    const { account } = await harness.signInWithBrowser('admin@contoso.com');

    for (const name of ['Contoso Ltd', 'Fabrikam Inc']) {
      const tenantId = tenantIdOf(emu, name);
      const token = await harness.service
        .credentialFor(account!.accountId, tenantId)
        .getToken(armScope());
      expect(decodeJwt(token!.token)['tid']).toBe(tenantId);
    }
  });

  it('refuses a token for the MFA tenant with a sign-in-required error, leaving the others usable', async () => {
    harness = startHarness(emu);
    const { account } = await harness.signInWithBrowser('admin@contoso.com');

    const error = await harness.service
      .credentialFor(account!.accountId, tenantIdOf(emu, 'Northwind Traders'))
      .getToken(armScope())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInRequiredError);
    expect((error as SignInRequiredError).problem.code).toBe('AADSTS50076');
    await expect(
      harness.service
        .credentialFor(account!.accountId, tenantIdOf(emu, 'Fabrikam Inc'))
        .getToken(armScope()),
    ).resolves.toBeTruthy();
  });
});

describe('a dead refresh token', () => {
  it('answers an expired refresh token with a clear error and marks the account as needing sign-in', async () => {
    harness = startHarness(emu);
    const { account } = await harness.signInWithBrowser('admin@contoso.com');
    await emu.control.expireRefreshTokens('admin@contoso.com');

    const error = await harness.service
      .credentialFor(account!.accountId, tenantIdOf(emu, 'Fabrikam Inc'))
      .getToken(armScope())
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SignInRequiredError);
    expect((error as SignInRequiredError).message).toBe(
      'The sign-in of admin@contoso.com has expired (AADSTS700082); sign in again.',
    );
    const changed = await harness.events.waitFor('accounts.changed', (accounts) =>
      accounts.some((a) => a.tenants.every((t) => t.status === 'needs-sign-in')),
    );
    const admin = accountNamed(changed, 'admin@contoso.com');
    expect(tenantNamed(admin, 'Contoso Ltd').problem?.code).toBe('AADSTS700082');
    expect(tenantNamed(admin, 'Fabrikam Inc').problem?.code).toBe('AADSTS700082');
  });

  it('answers a revoked refresh token the same way, and signing in again makes the tenants ready', async () => {
    harness = startHarness(emu);
    const { account } = await harness.signInWithBrowser('admin@contoso.com');
    await emu.control.revokeRefreshTokens('admin@contoso.com');
    const contoso = harness.service.credentialFor(
      account!.accountId,
      tenantIdOf(emu, 'Contoso Ltd'),
    );

    const error = await contoso.getToken(armScope()).catch((e: unknown) => e);
    expect((error as SignInRequiredError).problem).toMatchObject({ code: 'AADSTS50173' });
    expect((error as Error).message).toMatch(/was revoked.*\(AADSTS50173\); sign in again\./);

    const again = await harness.signInWithBrowser('admin@contoso.com');
    expect(again.account?.accountId).toBe(account!.accountId);
    expect(tenantNamed(again.account, 'Contoso Ltd').status).toBe('ready');
    expect(tenantNamed(again.account, 'Fabrikam Inc').status).toBe('ready');
    await expect(contoso.getToken(armScope())).resolves.toBeTruthy();
  });
});

describe('signing out', () => {
  it("removes one account and its tokens, leaving the other account's tokens working", async () => {
    harness = startHarness(emu);
    const admin = (await harness.signInWithBrowser('admin@contoso.com')).account!;
    const ops = (await harness.signInWithBrowser('ops@fabrikam.com')).account!;
    const fabrikam = tenantIdOf(emu, 'Fabrikam Inc');

    const remaining = await harness.service.signOut(admin.accountId);

    expect(remaining.map((a) => a.username)).toEqual(['ops@fabrikam.com']);
    expect(harness.events.of('accounts.changed').at(-1)).toEqual(remaining);
    await expect(
      harness.service.credentialFor(ops.accountId, fabrikam).getToken(armScope()),
    ).resolves.toBeTruthy();
    await expect(
      harness.service.credentialFor(admin.accountId, fabrikam).getToken(armScope()),
    ).rejects.toThrow(/no longer signed in/);
    const cache = readTokenCache(harness);
    const owners = new Set(
      [
        ...Object.values(cache.Account ?? {}),
        ...Object.values(cache.RefreshToken ?? {}),
        ...Object.values(cache.AccessToken ?? {}),
      ].map((entry) => entry.home_account_id),
    );
    expect(owners).toEqual(new Set([ops.accountId]));
  });
});
