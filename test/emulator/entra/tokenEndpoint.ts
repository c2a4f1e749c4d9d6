import { createHash } from 'node:crypto';
import type { EmulatorContext } from '../core/context';
import { formOf, type EmulatorRequest } from '../core/request';
import { json, type Reply } from '../core/reply';
import { oauthError } from './oauthErrors';
import { tenantForAccount, type TenantTarget } from './tenants';
import { appTokenResponse, parseScopes, userTokenResponse } from './tokenService';

/** The token endpoint: authorization_code (PKCE), refresh_token (MFA tenants, expiry, revocation), device code, client_credentials. */

export async function token(
  ctx: EmulatorContext,
  request: EmulatorRequest,
  target: TenantTarget,
): Promise<Reply> {
  const form = formOf(request);
  const grantType = form.get('grant_type');
  const clientId = form.get('client_id') ?? '';
  const scopes = parseScopes(form.get('scope') ?? '');
  const now = request.receivedAt;
  switch (grantType) {
    case 'authorization_code':
      return redeemCode(ctx, form, clientId, now);
    case 'refresh_token':
      return redeemRefreshToken(ctx, form, target, clientId, now);
    case 'urn:ietf:params:oauth:grant-type:device_code':
    case 'device_code':
      return redeemDeviceCode(ctx, form, now);
    case 'client_credentials': {
      if (target.kind !== 'tenant')
        return oauthError(
          400,
          'invalid_request',
          50059,
          'No tenant-identifying information found in either the request or implied by any provided credentials.',
        );
      const sp = ctx.world.directory.servicePrincipals.get(clientId.toLowerCase());
      if (!sp || sp.tenantId.toLowerCase() !== target.tenantId)
        return oauthError(
          400,
          'unauthorized_client',
          700016,
          `Application with identifier '${clientId}' was not found in the directory '${target.displayName}'.`,
        );
      if (form.get('client_secret') !== sp.clientSecret)
        return oauthError(
          401,
          'invalid_client',
          7000215,
          'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
        );
      if (!scopes.resourceScopes.some((s) => s.endsWith('/.default')))
        return oauthError(
          400,
          'invalid_scope',
          1002012,
          'The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.',
        );
      return json(
        200,
        appTokenResponse(
          ctx,
          { clientId: sp.clientId, objectId: sp.objectId, tenantId: sp.tenantId.toLowerCase() },
          scopes,
          now,
        ),
      );
    }
    default:
      return oauthError(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${grantType ?? ''}'.`,
      );
  }
}

function redeemCode(
  ctx: EmulatorContext,
  form: URLSearchParams,
  clientId: string,
  now: number,
): Reply {
  const code = ctx.signIns.redeemCode(form.get('code') ?? '', now);
  if (!code)
    return oauthError(
      400,
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired due to inactivity or was already redeemed. Send a new interactive authorization request for this user and resource.',
    );
  if (code.clientId !== clientId)
    return oauthError(
      400,
      'invalid_grant',
      70002,
      'The client_id does not match the one the authorization code was issued to.',
    );
  if ((form.get('redirect_uri') ?? '') !== code.redirectUri)
    return oauthError(
      400,
      'invalid_grant',
      50148,
      'The redirect_uri does not match the one used in the authorization request.',
    );
  const verifier = form.get('code_verifier') ?? '';
  if (createHash('sha256').update(verifier).digest('base64url') !== code.codeChallenge)
    return oauthError(
      400,
      'invalid_grant',
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    );
  const account = ctx.world.directory.findAccount(code.username);
  if (!account)
    return oauthError(
      400,
      'invalid_grant',
      50034,
      'The user account does not exist in the directory.',
    );
  return json(
    200,
    userTokenResponse(ctx, {
      account,
      tenantId: code.tenantId,
      clientId,
      scopes: parseScopes(form.get('scope') ?? code.scope),
      nonce: code.nonce,
      interactiveTenants: [code.tenantId],
      now,
    }),
  );
}

function redeemRefreshToken(
  ctx: EmulatorContext,
  form: URLSearchParams,
  target: TenantTarget,
  clientId: string,
  now: number,
): Reply {
  const record = ctx.signIns.refreshTokens.get(form.get('refresh_token') ?? '');
  if (!record || record.clientId !== clientId)
    return oauthError(
      400,
      'invalid_grant',
      9002313,
      'Invalid request. Request is malformed or invalid: the refresh token is unknown or was issued to another client.',
    );
  if (record.revoked)
    return oauthError(
      400,
      'invalid_grant',
      50173,
      'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.',
      { suberror: 'bad_token' },
    );
  if (record.expiresAt <= now)
    return oauthError(
      400,
      'invalid_grant',
      700082,
      'The refresh token has expired due to inactivity. The token was issued on an earlier date and was inactive for too long.',
      { suberror: 'bad_token' },
    );
  const account = ctx.world.directory.findAccount(record.username);
  if (!account)
    return oauthError(
      400,
      'invalid_grant',
      50034,
      'The user account does not exist in the directory.',
    );
  const tenant = tenantForAccount(target, account);
  if ('error' in tenant) return tenant.error;
  const scopes = parseScopes(form.get('scope') ?? '');
  const tenantSettings = ctx.world.directory.findTenant(tenant.tenantId);
  if (
    tenantSettings?.requiresInteractiveSignIn &&
    !record.interactiveTenants.has(tenant.tenantId)
  ) {
    return oauthError(
      400,
      'interaction_required',
      50076,
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${scopes.resource}'.`,
      { suberror: 'basic_action' },
    );
  }
  return json(
    200,
    userTokenResponse(ctx, {
      account,
      tenantId: tenant.tenantId,
      clientId,
      scopes,
      interactiveTenants: record.interactiveTenants,
      now,
    }),
  );
}

function redeemDeviceCode(ctx: EmulatorContext, form: URLSearchParams, now: number): Reply {
  const deviceCodeValue = form.get('device_code') ?? '';
  const record = ctx.signIns.deviceCodes.get(deviceCodeValue);
  if (!record)
    return oauthError(
      400,
      'invalid_grant',
      70000,
      'The provided value for the device_code is not valid.',
    );
  if (record.expiresAt <= now) {
    ctx.signIns.deviceCodes.delete(deviceCodeValue);
    return oauthError(400, 'expired_token', 70019, 'Verification code expired.');
  }
  if (!record.approvedBy)
    return oauthError(
      400,
      'authorization_pending',
      70016,
      'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
    );
  ctx.signIns.deviceCodes.delete(deviceCodeValue);
  const account = ctx.world.directory.findAccount(record.approvedBy.username);
  if (!account)
    return oauthError(
      400,
      'invalid_grant',
      50034,
      'The user account does not exist in the directory.',
    );
  // A device code sign-in is interactive: it satisfies MFA for its tenant.
  return json(
    200,
    userTokenResponse(ctx, {
      account,
      tenantId: record.approvedBy.tenantId,
      clientId: record.clientId,
      scopes: parseScopes(form.get('scope') ?? record.scope),
      interactiveTenants: [record.approvedBy.tenantId],
      now,
    }),
  );
}
