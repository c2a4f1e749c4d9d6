import {
  AuthError,
  ClientAuthError,
  InteractionRequiredAuthError,
  ServerError,
} from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { authErrorCode, describeAuthFailure } from '../../electron/auth/auth-errors';
import { NetworkProblem } from '../../electron/network/network-errors';

const server = (code: string, description: string, errorNo?: string) =>
  new ServerError(code, 'correlation', description, undefined, errorNo);
const interaction = (code: string, description: string) =>
  new InteractionRequiredAuthError(code, 'correlation', description);

describe('authErrorCode', () => {
  it("keeps the AADSTS code of Entra's description", () => {
    expect(
      authErrorCode(server('invalid_grant', 'AADSTS700082: The refresh token has expired.')),
    ).toBe('AADSTS700082');
  });

  it("falls back to Entra's numeric error code, then to msal's error code", () => {
    expect(authErrorCode(server('invalid_request', 'Something failed.', '53003'))).toBe(
      'AADSTS53003',
    );
    expect(authErrorCode(server('temporarily_unavailable', 'Try later.'))).toBe(
      'temporarily_unavailable',
    );
  });
});

describe('describeAuthFailure', () => {
  const context = { username: 'admin@contoso.com', tenantName: 'Northwind Traders' };

  it('treats Conditional Access as a sign-in for that tenant alone', () => {
    const failure = describeAuthFailure(
      interaction('interaction_required', 'AADSTS53003: Blocked by CA.'),
      context,
    );
    expect(failure).toEqual({
      kind: 'needs-sign-in',
      accountWide: false,
      problem: {
        code: 'AADSTS53003',
        message:
          'A Conditional Access policy of tenant Northwind Traders requires an interactive sign-in (AADSTS53003); sign in to this tenant, and ask its administrator if it is still refused.',
      },
    });
  });

  it('treats missing consent as a sign-in for that tenant and names the administrator route', () => {
    const failure = describeAuthFailure(
      interaction('consent_required', 'AADSTS65001: The user has not consented.'),
      context,
    );
    expect(failure.kind).toBe('needs-sign-in');
    expect(failure.problem.message).toMatch(
      /has not consented to Mooring \(AADSTS65001\); .*administrator/,
    );
  });

  it('treats an expired refresh token as the whole account needing sign-in', () => {
    const failure = describeAuthFailure(server('invalid_grant', 'AADSTS700082: expired'), context);
    expect(failure).toMatchObject({ kind: 'needs-sign-in', accountWide: true });
  });

  it('explains an unknown application id and points at the client id setting', () => {
    const failure = describeAuthFailure(
      server('unauthorized_client', 'AADSTS700016: Application not found.'),
      context,
    );
    expect(failure.kind).toBe('error');
    expect(failure.problem.message).toMatch(/\(AADSTS700016\); check the client ID in Settings/);
  });

  it('explains an unreachable sign-in service and points at network, proxy and CA settings', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
    });
    const failure = describeAuthFailure(refused, { authorityHost: 'https://login.contoso.local' });
    expect(failure.problem.message).toBe(
      'Mooring could not reach the sign-in service at https://login.contoso.local (ECONNREFUSED); check the network, proxy and extra CA certificate settings, then try again.',
    );
  });

  it("passes on the proxy's own problem found in the cause chain instead of blaming the sign-in service", () => {
    const proxy = new NetworkProblem(
      'PROXY_TIMEOUT',
      'The proxy proxy.contoso.local:8080 did not answer in time; check the proxy settings.',
      { cause: Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }) },
    );
    // As msal-network-client wraps it, then as msal wraps that during endpoint resolution.
    const network = new AuthError('network_error', 'correlation', proxy.message, proxy.code);
    network.cause = proxy;
    const resolution = new ClientAuthError('endpoints_resolution_error', 'correlation');
    resolution.cause = network;

    const failure = describeAuthFailure(resolution, {
      ...context,
      authorityHost: 'https://login.contoso.local',
    });
    expect(failure).toEqual({
      kind: 'error',
      accountWide: false,
      problem: { code: 'PROXY_TIMEOUT', message: proxy.message },
    });
  });

  it('passes on an untrusted certificate problem found directly on the error', () => {
    const untrusted = new NetworkProblem(
      'UNTRUSTED_CERTIFICATE',
      'The certificate presented for login.contoso.local is not trusted (SELF_SIGNED_CERT_IN_CHAIN).',
    );
    expect(describeAuthFailure(untrusted).problem).toEqual({
      code: 'UNTRUSTED_CERTIFICATE',
      message: untrusted.message,
    });
  });

  it('keeps the code and the first line of anything unforeseen', () => {
    const failure = describeAuthFailure(
      server('server_error', 'AADSTS90000: Something odd.\nTrace ID: 1'),
      context,
    );
    expect(failure).toMatchObject({ kind: 'error', problem: { code: 'AADSTS90000' } });
    expect(failure.problem.message).toBe(
      'Sign-in failed with AADSTS90000 (Something odd.); try again, and check the connection settings if it keeps failing.',
    );
  });
});
