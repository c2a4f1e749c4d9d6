import type { EmulatorContext } from '../core/context';
import type { EmulatorRequest } from '../core/request';
import { json, type Reply } from '../core/reply';
import { authorizePage, loginSubmitted, logout } from './browserSignIn';
import { deviceCode, deviceLogin } from './deviceCodeFlow';
import { oauthError } from './oauthErrors';
import { resolveTenant } from './tenants';
import { token } from './tokenEndpoint';
import { openIdConfiguration } from './tokenService';

const entraPath =
  /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/(?:authorize|token|devicecode|logout)|login)$/i;

export function isEntraPath(path: string): boolean {
  return entraPath.test(path) || path.toLowerCase() === '/devicelogin';
}

export async function handleEntra(ctx: EmulatorContext, request: EmulatorRequest): Promise<Reply> {
  if (request.path.toLowerCase() === '/devicelogin') return deviceLogin(ctx, request);
  const [, segment = '', endpoint = ''] = entraPath.exec(request.path) ?? [];
  const target = resolveTenant(ctx, segment);
  if (!target)
    return oauthError(
      400,
      'invalid_request',
      90002,
      `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    );
  const name = endpoint.toLowerCase();
  if (name.endsWith('openid-configuration')) {
    return json(
      200,
      openIdConfiguration(ctx, segment, target.kind === 'tenant' ? target.tenantId : '{tenantid}'),
    );
  }
  if (name === 'discovery/v2.0/keys') return json(200, ctx.signer.jwks());
  if (name === 'oauth2/v2.0/authorize' && request.method === 'GET')
    return authorizePage(ctx, request, segment, target);
  if (name === 'login' && request.method === 'POST') return loginSubmitted(ctx, request);
  if (name === 'oauth2/v2.0/logout') return logout(request);
  if (request.method !== 'POST')
    return json(405, { error: 'invalid_request', error_description: 'Use POST.' });
  if (name === 'oauth2/v2.0/devicecode') return deviceCode(ctx, request, segment);
  return token(ctx, request, target);
}
