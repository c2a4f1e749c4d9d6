import {
  createHash,
  createPublicKey,
  randomBytes,
  verify,
  type JsonWebKey as NodeJsonWebKey,
} from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './emulator';
import { decodeJwt } from './entra/jwt';
import { rawRequest } from './rawClient';
import { demoScenarioPath, fastSettings } from './testing';

let emu: RunningEmulator;
let contoso = '';
const clientId = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  contoso = emu.scenario.tenants[0]?.id ?? '';
});

afterAll(async () => {
  await emu.close();
});

const post = (path: string, form: Record<string, string>) =>
  rawRequest(`${emu.authorityHost}${path}`, emu.caPem, {
    method: 'POST',
    body: new URLSearchParams(form).toString(),
  });

describe('Entra ID endpoints', () => {
  it('publishes the OpenID configuration of a tenant', async () => {
    const response = await rawRequest(
      `${emu.authorityUrl(contoso)}/v2.0/.well-known/openid-configuration`,
      emu.caPem,
    );
    expect(response.body).toMatchObject({
      issuer: `${emu.authorityHost}/${contoso}/v2.0`,
      token_endpoint: `${emu.authorityUrl(contoso)}/oauth2/v2.0/token`,
      authorization_endpoint: `${emu.authorityUrl(contoso)}/oauth2/v2.0/authorize`,
      jwks_uri: `${emu.authorityUrl(contoso)}/discovery/v2.0/keys`,
    });
    expect(
      (
        await rawRequest(
          `${emu.authorityHost}/no-such-tenant.example/v2.0/.well-known/openid-configuration`,
          emu.caPem,
        )
      ).body,
    ).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
  });

  it('completes a browser sign-in through the HTML pages, with an id token signed by the published key', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://localhost:53123';
    const authorize = new URL(`${emu.authorityUrl('organizations')}/oauth2/v2.0/authorize`);
    for (const [k, v] of Object.entries({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      response_mode: 'form_post',
      scope: `${emu.armUrl}/.default openid profile offline_access`,
      state: 'abc',
      nonce: 'n-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }))
      authorize.searchParams.set(k, v);
    const page = await rawRequest(authorize.toString(), emu.caPem);
    expect(page.status).toBe(200);
    expect(page.text).toContain('admin@contoso.com');
    const requestId = /name="request" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const formPost = await post('/organizations/login', {
      request: requestId,
      username: 'admin@contoso.com',
    });
    expect(formPost.text).toContain(`action="${redirectUri}"`);
    expect(formPost.text).toContain('name="state" value="abc"');
    const code = /name="code" value="([^"]+)"/.exec(formPost.text)?.[1] ?? '';
    const tokens = await post('/organizations/oauth2/v2.0/token', {
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      scope: `${emu.armUrl}/.default openid profile offline_access`,
      client_info: '1',
    });
    expect(tokens.status).toBe(200);
    const body = tokens.body as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'client_info',
      'expires_in',
      'ext_expires_in',
      'id_token',
      'refresh_token',
      'scope',
      'token_type',
    ]);
    expect(JSON.parse(Buffer.from(body['client_info'] ?? '', 'base64url').toString())).toEqual({
      uid: expect.any(String),
      utid: contoso,
    });
    const idToken = body['id_token'] ?? '';
    expect(decodeJwt(idToken)).toMatchObject({
      aud: clientId,
      nonce: 'n-1',
      tid: contoso,
      preferred_username: 'admin@contoso.com',
      name: 'Megan Bowen',
    });
    const jwks = (await rawRequest(`${emu.authorityUrl(contoso)}/discovery/v2.0/keys`, emu.caPem))
      .body as { keys: NodeJsonWebKey[] };
    const [header, payload, signature] = idToken.split('.');
    const key = createPublicKey({ key: jwks.keys[0] ?? {}, format: 'jwk' });
    expect(
      verify(
        'RSA-SHA256',
        Buffer.from(`${header}.${payload}`),
        key,
        Buffer.from(signature ?? '', 'base64url'),
      ),
    ).toBe(true);
    // Codes are single use.
    const replay = await post('/organizations/oauth2/v2.0/token', {
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    expect(replay.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers authorization_pending until a device code is approved', async () => {
    const device = (
      await post(`/${contoso}/oauth2/v2.0/devicecode`, {
        client_id: clientId,
        scope: `${emu.armUrl}/.default offline_access`,
      })
    ).body as { device_code: string; user_code: string; verification_uri: string };
    expect(device.verification_uri).toBe(`${emu.authorityHost}/devicelogin`);
    const poll = () =>
      post(`/${contoso}/oauth2/v2.0/token`, {
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        client_id: clientId,
        device_code: device.device_code,
      });
    expect((await poll()).body).toMatchObject({
      error: 'authorization_pending',
      error_codes: [70016],
    });
    const approval = await post('/devicelogin', {
      user_code: device.user_code,
      username: 'reader@contoso.com',
    });
    expect(approval.status).toBe(200);
    expect((await poll()).body).toMatchObject({
      token_type: 'Bearer',
      refresh_token: expect.any(String),
    });
  });

  it('issues app tokens by client_credentials to scenario service principals only', async () => {
    const sp = emu.scenario.servicePrincipals[0];
    const form = {
      grant_type: 'client_credentials',
      client_id: sp?.clientId ?? '',
      scope: `${emu.armUrl}/.default`,
    };
    const ok = await post(`/${contoso}/oauth2/v2.0/token`, {
      ...form,
      client_secret: sp?.clientSecret ?? '',
    });
    expect(decodeJwt((ok.body as { access_token: string }).access_token)).toMatchObject({
      idtyp: 'app',
      tid: contoso,
      aud: emu.armUrl,
    });
    const wrong = await post(`/${contoso}/oauth2/v2.0/token`, {
      ...form,
      client_secret: 'wrong-secret',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
  });

  it('signs out with a redirect to the loopback post-logout URI', async () => {
    const response = await rawRequest(
      `${emu.authorityUrl(contoso)}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent('http://localhost:4000/')}`,
      emu.caPem,
    );
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('http://localhost:4000/');
  });
});
