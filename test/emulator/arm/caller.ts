import type { EmulatorContext } from '../core/context';
import type { EmulatorRequest } from '../core/request';
import type { Reply } from '../core/reply';

/** Who is calling ARM, from a verified bearer token. */
export interface Caller {
  objectId: string;
  tenantId: string;
  kind: 'user' | 'app';
  /** Username for users, client id for apps: what the request log and error messages show. */
  label: string;
}

function acceptedAudiences(ctx: EmulatorContext): Set<string> {
  return new Set(
    [
      ctx.baseUrl,
      `${ctx.baseUrl}/`,
      'https://management.azure.com',
      'https://management.azure.com/',
      'https://management.core.windows.net/',
    ].map((a) => a.toLowerCase()),
  );
}

/** ARM's 401; the challenge names the emulator's own authority, as Azure's names its login host. */
function unauthorized(
  ctx: EmulatorContext,
  code: string,
  message: string,
  description: string,
): Reply {
  return {
    status: 401,
    headers: {
      'www-authenticate': `Bearer authorization_uri="${ctx.baseUrl}/common", error="invalid_token", error_description="${description}"`,
    },
    body: { error: { code, message } },
  };
}

/** Verifies the bearer token as ARM does: signature, expiry, audience. Answers the ARM 401 otherwise. */
export function authenticate(ctx: EmulatorContext, request: EmulatorRequest): Caller | Reply {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) {
    return unauthorized(
      ctx,
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is missing.",
      "The authentication failed because of missing 'Authorization' header.",
    );
  }
  const claims = ctx.signer.verify(match[1]);
  if (!claims)
    return unauthorized(
      ctx,
      'InvalidAuthenticationToken',
      'The access token is invalid.',
      'The access token is invalid.',
    );
  const exp = typeof claims['exp'] === 'number' ? claims['exp'] : 0;
  if (exp * 1000 <= request.receivedAt) {
    return unauthorized(
      ctx,
      'ExpiredAuthenticationToken',
      'The access token expiry UTC time is earlier than current UTC time.',
      'The access token has expired.',
    );
  }
  const aud = String(claims['aud'] ?? '').toLowerCase();
  if (!acceptedAudiences(ctx).has(aud)) {
    return unauthorized(
      ctx,
      'InvalidAuthenticationToken',
      `The access token has been obtained for wrong audience or resource '${String(claims['aud'])}'. It should exactly match with one of the allowed audiences '${ctx.baseUrl}/','https://management.azure.com/'.`,
      'The access token is for the wrong audience.',
    );
  }
  const isApp = claims['idtyp'] === 'app';
  return {
    objectId: String(claims['oid'] ?? '').toLowerCase(),
    tenantId: String(claims['tid'] ?? '').toLowerCase(),
    kind: isApp ? 'app' : 'user',
    label: String((isApp ? claims['appid'] : claims['upn']) ?? claims['oid'] ?? ''),
  };
}

export function isCaller(value: Caller | Reply): value is Caller {
  return 'objectId' in value;
}
