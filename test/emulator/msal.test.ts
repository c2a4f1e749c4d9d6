import {
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
} from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './emulator';
import { decodeJwt } from './entra/jwt';
import { demoScenarioPath, fastSettings } from './testing';
import { msalOptionsFor } from './trust';

let emu: RunningEmulator;
const clientId = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
const tenantId = (displayName: string) =>
  emu.scenario.tenants.find((t) => t.displayName === displayName)?.id ?? '';

function app(tenant = 'organizations'): PublicClientApplication {
  const options = msalOptionsFor(emu, tenant);
  return new PublicClientApplication({
    auth: { ...options.auth, clientId },
    system: options.system,
  });
}

const armScopes = () => [`${emu.armUrl}/.default`];

/**
 * msal-node looks up cached tokens by `account.tenantId` before the request authority, so a request for another
 * tenant of the same account passes that tenant in both (the refresh token is shared across tenants).
 */
function inTenant(account: AccountInfo, tenant: string) {
  return { account: { ...account, tenantId: tenant }, authority: emu.authorityUrl(tenant) };
}

async function interactiveSignIn(
  pca: PublicClientApplication,
  username: string,
  authority?: string,
) {
  return pca.acquireTokenInteractive({
    scopes: armScopes(),
    ...(authority ? { authority } : {}),
    openBrowser: async (url) => {
      await emu.control.completeBrowserSignIn(url, username);
    },
  });
}

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
});

afterAll(async () => {
  await emu.close();
});

describe('@azure/msal-node PublicClientApplication against the emulator', () => {
  it('signs in interactively with the loopback redirect and PKCE', async () => {
    const result = await interactiveSignIn(app(), 'admin@contoso.com');
    expect(result.account?.username).toBe('admin@contoso.com');
    expect(result.tenantId).toBe(tenantId('Contoso Ltd'));
    const claims = decodeJwt(result.accessToken);
    expect(claims['aud']).toBe(emu.armUrl);
    expect(claims['scp']).toBe('user_impersonation');
    expect(result.idTokenClaims).toMatchObject({
      preferred_username: 'admin@contoso.com',
      tid: tenantId('Contoso Ltd'),
    });
  });

  it('signs in with a device code approved through the control API', async () => {
    const result = await app().acquireTokenByDeviceCode({
      scopes: armScopes(),
      deviceCodeCallback: (response) => {
        void emu.control.approveDeviceCode(response.userCode, 'ops@fabrikam.com');
      },
    });
    expect(result?.account?.username).toBe('ops@fabrikam.com');
    expect(result?.tenantId).toBe(tenantId('Fabrikam Inc'));
  });

  it('gets a token for a guest tenant silently with the shared refresh token', async () => {
    const pca = app();
    const first = await interactiveSignIn(pca, 'admin@contoso.com');
    const account = first.account as AccountInfo;
    const fabrikam = await pca.acquireTokenSilent({
      ...inTenant(account, tenantId('Fabrikam Inc')),
      scopes: armScopes(),
    });
    expect(fabrikam.tenantId).toBe(tenantId('Fabrikam Inc'));
    expect(decodeJwt(fabrikam.accessToken)['tid']).toBe(tenantId('Fabrikam Inc'));
    // A guest is another object in the resource tenant.
    expect(decodeJwt(fabrikam.accessToken)['oid']).not.toBe(decodeJwt(first.accessToken)['oid']);
  });

  it('asks for interaction in the MFA tenant only, and an interactive sign-in there then succeeds', async () => {
    const pca = app();
    const first = await interactiveSignIn(pca, 'admin@contoso.com');
    const account = first.account as AccountInfo;
    const northwind = emu.authorityUrl(tenantId('Northwind Traders'));
    const error = await pca
      .acquireTokenSilent({
        ...inTenant(account, tenantId('Northwind Traders')),
        scopes: armScopes(),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InteractionRequiredAuthError);
    expect((error as InteractionRequiredAuthError).errorMessage).toMatch(/AADSTS50076/);
    await expect(
      pca.acquireTokenSilent({
        ...inTenant(account, tenantId('Fabrikam Inc')),
        scopes: armScopes(),
      }),
    ).resolves.toMatchObject({ tenantId: tenantId('Fabrikam Inc') });
    const mfa = await interactiveSignIn(pca, 'admin@contoso.com', northwind);
    expect(mfa.tenantId).toBe(tenantId('Northwind Traders'));
  });

  it('refuses a tenant the account is not a member of', async () => {
    const pca = app();
    const account = (await interactiveSignIn(pca, 'reader@contoso.com')).account as AccountInfo;
    const error = await pca
      .acquireTokenSilent({ ...inTenant(account, tenantId('Fabrikam Inc')), scopes: armScopes() })
      .catch((e: unknown) => e);
    expect((error as InteractionRequiredAuthError).errorMessage).toMatch(/AADSTS50020/);
  });

  it('answers invalid_grant for an expired refresh token and for a revoked one', async () => {
    const pca = app();
    const account = (await interactiveSignIn(pca, 'reader@contoso.com')).account as AccountInfo;
    await emu.control.expireRefreshTokens('reader@contoso.com');
    const expired = await pca
      .acquireTokenSilent({ account, scopes: armScopes(), forceRefresh: true })
      .catch((e: unknown) => e);
    expect(expired).toMatchObject({ errorCode: 'invalid_grant' });
    expect((expired as InteractionRequiredAuthError).errorMessage).toMatch(/AADSTS700082/);

    const again = (await interactiveSignIn(pca, 'reader@contoso.com')).account as AccountInfo;
    await emu.control.revokeRefreshTokens('reader@contoso.com');
    const revoked = await pca
      .acquireTokenSilent({ account: again, scopes: armScopes(), forceRefresh: true })
      .catch((e: unknown) => e);
    expect(revoked).toMatchObject({ errorCode: 'invalid_grant' });
    expect((revoked as InteractionRequiredAuthError).errorMessage).toMatch(/AADSTS50173/);
  });

  it('refuses a token exchange whose PKCE verifier does not match', async () => {
    const options = msalOptionsFor(emu, 'organizations');
    const pca = new PublicClientApplication({
      auth: { ...options.auth, clientId },
      system: options.system,
    });
    const error = await pca
      .acquireTokenInteractive({
        scopes: armScopes(),
        openBrowser: async (url) => {
          // Tamper with the challenge: the code is then bound to a challenge msal's verifier does not match.
          const tampered = new URL(url);
          tampered.searchParams.set('code_challenge', 'A'.repeat(43));
          await emu.control.completeBrowserSignIn(tampered.toString(), 'admin@contoso.com');
        },
      })
      .catch((e: unknown) => e);
    expect((error as { errorMessage?: string }).errorMessage).toMatch(/AADSTS501481/);
  });
});
