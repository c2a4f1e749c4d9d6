import { base64UrlJson, newGuid } from '../core/ids';
import type { EmulatorContext } from '../core/context';
import type { Account } from '../world/directory';

const oidcScopes = new Set(['openid', 'profile', 'offline_access', 'email']);
const graphResource = '00000003-0000-0000-c000-000000000000';
const appIdScope = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[^/]+$/i;

export interface TokenRequestScopes {
  all: string[];
  /** The resource the access token is for (audience), from the first non-OIDC scope. */
  resource: string;
  /** Scopes granted on the resource, echoed back in `scope`. */
  resourceScopes: string[];
  openid: boolean;
  offlineAccess: boolean;
}

export function parseScopes(scope: string): TokenRequestScopes {
  const all = scope.split(/\s+/).filter(Boolean);
  const resourceScopes = all.filter((s) => !oidcScopes.has(s.toLowerCase()));
  const first = resourceScopes[0];
  // `https://host/.default` -> `https://host` (and `https://host//.default` -> `https://host/`); short
  // scopes such as `User.Read` belong to Microsoft Graph, as in Entra ID.
  // An application id with a scope (`6dae42f8-…/.default`, the AKS server app) is a resource too.
  const resource = first?.includes('://')
    ? first.replace(/\/[^/]*$/, '')
    : first && appIdScope.test(first)
      ? first.slice(0, first.indexOf('/')).toLowerCase()
      : graphResource;
  return {
    all,
    resource,
    resourceScopes,
    openid: all.includes('openid'),
    offlineAccess: all.includes('offline_access'),
  };
}

function issuer(ctx: EmulatorContext, tenantId: string): string {
  return `${ctx.baseUrl}/${tenantId}/v2.0`;
}

export interface UserTokenInput {
  account: Account;
  tenantId: string;
  clientId: string;
  scopes: TokenRequestScopes;
  nonce?: string | undefined;
  interactiveTenants: Iterable<string>;
  now: number;
}

/** The token endpoint's success body for a user: access token, id token, refresh token and client_info. */
export function userTokenResponse(
  ctx: EmulatorContext,
  input: UserTokenInput,
): Record<string, unknown> {
  const settings = ctx.world.settings;
  const { account, tenantId, clientId, scopes } = input;
  const iat = Math.floor(input.now / 1000);
  const exp = iat + settings.accessTokenLifetimeSeconds;
  const oid = account.objectIdIn(tenantId) ?? account.homeObjectId;
  const common = {
    iss: issuer(ctx, tenantId),
    iat,
    nbf: iat,
    exp,
    tid: tenantId,
    oid,
    sub: oid,
    name: account.name,
    ver: '2.0',
  };
  const accessToken = ctx.signer.sign({
    ...common,
    aud: scopes.resource,
    scp: 'user_impersonation',
    upn: account.username,
    preferred_username: account.username,
    unique_name: account.username,
    appid: clientId,
    azp: clientId,
    idtyp: 'user',
    uti: newGuid(),
  });
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: (scopes.resourceScopes.length
      ? scopes.resourceScopes
      : [`${graphResource}/.default`]
    ).join(' '),
    expires_in: settings.accessTokenLifetimeSeconds,
    ext_expires_in: settings.accessTokenLifetimeSeconds,
    access_token: accessToken,
    client_info: base64UrlJson({ uid: account.homeObjectId, utid: account.homeTenantId }),
  };
  if (scopes.openid) {
    body['id_token'] = ctx.signer.sign({
      ...common,
      aud: clientId,
      preferred_username: account.username,
      ...(input.nonce ? { nonce: input.nonce } : {}),
    });
  }
  if (scopes.offlineAccess) {
    const refresh = ctx.signIns.issueRefreshToken(
      account.username,
      clientId,
      settings.refreshTokenLifetimeSeconds * 1000,
      input.interactiveTenants,
      input.now,
    );
    body['refresh_token'] = refresh.token;
  }
  return body;
}

/** The token endpoint's success body for client_credentials (an app token: no scp, idtyp app). */
export function appTokenResponse(
  ctx: EmulatorContext,
  sp: { clientId: string; objectId: string; tenantId: string },
  scopes: TokenRequestScopes,
  now: number,
): Record<string, unknown> {
  const lifetime = ctx.world.settings.accessTokenLifetimeSeconds;
  const iat = Math.floor(now / 1000);
  const accessToken = ctx.signer.sign({
    aud: scopes.resource,
    iss: issuer(ctx, sp.tenantId),
    iat,
    nbf: iat,
    exp: iat + lifetime,
    tid: sp.tenantId,
    oid: sp.objectId,
    sub: sp.objectId,
    appid: sp.clientId,
    azp: sp.clientId,
    idtyp: 'app',
    roles: [],
    ver: '2.0',
    uti: newGuid(),
  });
  return {
    token_type: 'Bearer',
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: accessToken,
  };
}

export function openIdConfiguration(
  ctx: EmulatorContext,
  tenantSegment: string,
  tenantIdOrPlaceholder: string,
): Record<string, unknown> {
  const base = `${ctx.baseUrl}/${tenantSegment}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: [
      'client_secret_post',
      'private_key_jwt',
      'client_secret_basic',
    ],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${ctx.baseUrl}/${tenantIdOrPlaceholder}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${ctx.baseUrl}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'oid',
    ],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'localhost',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}
