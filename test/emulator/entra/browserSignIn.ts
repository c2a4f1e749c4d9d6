import type { EmulatorContext } from '../core/context';
import { formOf, type EmulatorRequest } from '../core/request';
import { html, type Reply } from '../core/reply';
import { accountPickerPage, formPostPage, messagePage } from './pages';
import type { PendingAuthorization } from './signInStore';
import { accountsFor, resolveTenant, tenantForAccount, type TenantTarget } from './tenants';

/** The authorization code flow's browser side: authorize page, account choice, form_post back to the app. */

/** Checks an authorize URL's parameters the way Entra ID does for a public client with PKCE. */
export function validateAuthorizeRequest(
  ctx: EmulatorContext,
  url: URL,
): { pending: Omit<PendingAuthorization, 'id'>; target: TenantTarget } | { error: string } {
  const segment = /^\/([^/]+)\/oauth2\/v2\.0\/authorize\/?$/i.exec(url.pathname)?.[1];
  if (!segment) return { error: `not an authorize URL: ${url.pathname}` };
  const target = resolveTenant(ctx, segment);
  if (!target) return { error: `AADSTS90002: Tenant '${segment}' not found.` };
  const q = url.searchParams;
  const clientId = q.get('client_id');
  const redirectUri = q.get('redirect_uri');
  const codeChallenge = q.get('code_challenge');
  const responseMode = q.get('response_mode') ?? 'query';
  if (!clientId)
    return {
      error: "AADSTS900144: The request body must contain the following parameter: 'client_id'.",
    };
  if (q.get('response_type') !== 'code')
    return { error: "AADSTS700054: response_type 'code' is required for this flow." };
  if (!redirectUri || !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/.*)?$/.test(redirectUri))
    return {
      error: `AADSTS50011: The redirect URI '${redirectUri ?? ''}' specified in the request does not match the loopback redirect URIs configured for the application.`,
    };
  if (!codeChallenge)
    return {
      error:
        'AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
    };
  if (q.get('code_challenge_method') !== 'S256')
    return { error: "AADSTS5002708: code_challenge_method must be 'S256'." };
  if (responseMode !== 'form_post' && responseMode !== 'query')
    return {
      error: `AADSTS900144: response_mode '${responseMode}' is not supported here; use form_post.`,
    };
  return {
    target,
    pending: {
      tenantSegment: segment,
      clientId,
      redirectUri,
      responseMode,
      scope: q.get('scope') ?? 'openid profile offline_access',
      state: q.get('state') ?? undefined,
      nonce: q.get('nonce') ?? undefined,
      codeChallenge,
      loginHint: q.get('login_hint') ?? undefined,
      createdAt: Date.now(),
    },
  };
}

export function authorizePage(
  ctx: EmulatorContext,
  request: EmulatorRequest,
  segment: string,
  target: TenantTarget,
): Reply {
  const checked = validateAuthorizeRequest(ctx, request.url);
  if ('error' in checked) return html(400, messagePage('Sign-in error', checked.error));
  const pending = ctx.signIns.addPending({ ...checked.pending, createdAt: request.receivedAt });
  const tenantName = target.kind === 'tenant' ? target.displayName : 'your home tenant';
  return html(
    200,
    accountPickerPage(
      `/${segment}/login`,
      { request: pending.id },
      accountsFor(ctx, target),
      `Pick an account to sign in to ${tenantName}.`,
    ),
  );
}

/** Where and what to post back to the app after a successful or failed browser sign-in. */
export interface AuthorizationResponse {
  redirectUri: string;
  responseMode: 'form_post' | 'query';
  fields: Record<string, string>;
}

/** Completes a pending authorize request as `username`: issues the code (or an error) for the app's redirect URI. */
export function completeAuthorization(
  ctx: EmulatorContext,
  pending: Omit<PendingAuthorization, 'id'>,
  username: string,
  now: number,
): AuthorizationResponse {
  const state: Record<string, string> = pending.state !== undefined ? { state: pending.state } : {};
  const base = { redirectUri: pending.redirectUri, responseMode: pending.responseMode };
  const account = ctx.world.directory.findAccount(username);
  const target = resolveTenant(ctx, pending.tenantSegment);
  if (!account || !target) {
    return {
      ...base,
      fields: {
        error: 'access_denied',
        error_description: `AADSTS50034: The user account ${username} does not exist in the directory.`,
        ...state,
      },
    };
  }
  const tenant = tenantForAccount(target, account);
  if ('error' in tenant) {
    return {
      ...base,
      fields: {
        error: 'access_denied',
        error_description: `AADSTS50020: User account '${username}' does not exist in this tenant.`,
        ...state,
      },
    };
  }
  const code = ctx.signIns.issueCode(
    {
      username: account.username,
      tenantId: tenant.tenantId,
      clientId: pending.clientId,
      redirectUri: pending.redirectUri,
      codeChallenge: pending.codeChallenge,
      scope: pending.scope,
      nonce: pending.nonce,
    },
    now,
  );
  return {
    ...base,
    fields: {
      code: code.code,
      client_info: Buffer.from(
        JSON.stringify({ uid: account.homeObjectId, utid: account.homeTenantId }),
      ).toString('base64url'),
      ...state,
      session_state: code.code.slice(2, 38),
    },
  };
}

export function loginSubmitted(ctx: EmulatorContext, request: EmulatorRequest): Reply {
  const form = formOf(request);
  const pending = ctx.signIns.takePending(form.get('request') ?? '', request.receivedAt);
  if (!pending)
    return html(
      400,
      messagePage(
        'Sign-in expired',
        'This sign-in request is unknown or was already used. Start the sign-in again from the app.',
      ),
    );
  const response = completeAuthorization(
    ctx,
    pending,
    form.get('username') ?? '',
    request.receivedAt,
  );
  if (response.responseMode === 'query') {
    const location = new URL(response.redirectUri);
    for (const [k, v] of Object.entries(response.fields)) location.searchParams.set(k, v);
    return { status: 302, headers: { location: location.toString() } };
  }
  return html(200, formPostPage(response.redirectUri, response.fields));
}

export function logout(request: EmulatorRequest): Reply {
  const next = request.url.searchParams.get('post_logout_redirect_uri');
  if (next && /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(next))
    return { status: 302, headers: { location: next } };
  return html(
    200,
    messagePage(
      'Signed out',
      'You have signed out of your account. It is a good idea to close all browser windows.',
    ),
  );
}
