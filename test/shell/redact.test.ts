import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactText } from '../../electron/logging/redact';

// Fake but realistically shaped secrets.
const JWT =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6Im5PbzNaRHJPRFhFSzFqS1doWHNsSFJfS1hFZyJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tIiwib2lkIjoiMTIzIn0.c2lnbmF0dXJlLXBhcnQtd2l0aC1lbm91Z2gtbGVuZ3Ro';
const AUTH_CODE =
  '0.AXEAv4j5cvGGr0GRqy180BHbR-Tz-0aUvP5FhvHmWcv1oVhxAAA.AgABAAIAAAD--DLA3VO7QrddgJg7WevrAgDs_wUA9P8Kb9n3';
const ACCOUNT_KEY = 'Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy+/A==';

const expectGone = (output: string, ...secrets: string[]) => {
  for (const secret of secrets) expect(output).not.toContain(secret);
};

describe('redactText', () => {
  it('removes bearer tokens', () => {
    const out = redactText('GET /subscriptions Authorization header was Bearer abc.def-ghi_jkl');
    expect(out).toContain(`Bearer ${REDACTED}`);
    expectGone(out, 'abc.def-ghi_jkl');
  });

  it('removes JWTs wherever they appear', () => {
    const out = redactText(`token cache entry ${JWT} expired`);
    expectGone(out, JWT, 'eyJhdWQ');
    expect(out).toBe('token cache entry [REDACTED-JWT] expired');
  });

  it.each([
    ['access_token', `access_token=${'a'.repeat(40)}&token_type=Bearer`],
    ['refresh_token', `grant_type=refresh_token&refresh_token=${'r'.repeat(40)}&scope=x`],
    ['id_token', `id_token=${'i'.repeat(40)}`],
    ['client_secret', 'client_id=abc&client_secret=S3cr3t~Value.With-Chars&grant_type=x'],
    ['password', 'password: hunter2'],
    ['code_verifier', 'code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'],
    ['code (authorization code)', `redirect: http://localhost/?code=${AUTH_CODE}&state=xyz`],
  ])('removes %s in key=value form', (_label, text) => {
    const out = redactText(text);
    expect(out).toContain(REDACTED);
    const secret = /(?:token|secret|password|verifier|code)[=:]\s*([^&\s]+)/.exec(text)?.[1] ?? '';
    expect(secret.length).toBeGreaterThan(3);
    expectGone(out, secret);
  });

  it('removes secret JSON fields and keeps the others', () => {
    const body = JSON.stringify({
      token_type: 'Bearer',
      access_token: 'opaque-access-token-value',
      refresh_token: 'opaque-refresh-token-value',
      id_token: 'opaque-id-token-value',
      client_secret: 'opaque-client-secret',
      password: 'opaque-password',
      code: AUTH_CODE,
      expires_in: 3599,
    });
    const out = redactText(body);
    expectGone(
      out,
      'opaque-access-token-value',
      'opaque-refresh-token-value',
      'opaque-id-token-value',
      'opaque-client-secret',
      'opaque-password',
      AUTH_CODE,
    );
    expect(out).toContain('"token_type":"Bearer"');
    expect(out).toContain('"expires_in":3599');
  });

  it('removes Authorization and Cookie headers', () => {
    const out = redactText(
      'POST /token\nAuthorization: Basic dXNlcjpwYXNz\ncookie: session=abcdef\nAccept: */*',
    );
    expectGone(out, 'dXNlcjpwYXNz', 'abcdef');
    expect(out).toContain('Accept: */*');
  });

  it('removes storage connection strings and account keys', () => {
    const text = `DefaultEndpointsProtocol=https;AccountName=stml;AccountKey=${ACCOUNT_KEY};EndpointSuffix=core.windows.net`;
    const out = redactText(`using ${text} now`);
    expectGone(out, ACCOUNT_KEY);
    expect(out).toBe('using [REDACTED-CONNECTION-STRING] now');
    expectGone(redactText(`AccountKey=${ACCOUNT_KEY}`), ACCOUNT_KEY);
  });

  it('removes Service Bus and Relay connection strings', () => {
    const text =
      'Endpoint=sb://relay-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=K3yV4lu3+/abc=';
    const out = redactText(`relay ${text}`);
    expectGone(out, 'K3yV4lu3', 'relay-ns', 'RootManageSharedAccessKey');
    expectGone(redactText('SharedAccessKey=K3yV4lu3+/abc='), 'K3yV4lu3');
  });

  it('removes relayConnectionString and serviceBusConnectionString values', () => {
    const out = redactText(
      '{"relayConnectionString":"opaque-relay","serviceBusConnectionString":"opaque-sb"}',
    );
    expectGone(out, 'opaque-relay', 'opaque-sb');
    expectGone(redactText('relayConnectionString=opaque-relay'), 'opaque-relay');
  });

  it('removes SAS signatures from URLs', () => {
    const url =
      'https://stml.blob.core.windows.net/c/b?sv=2022-11-02&se=2026-01-01&sp=r&sig=AbCdEf%2Bghij%3D';
    const out = redactText(url);
    expectGone(out, 'AbCdEf%2Bghij%3D');
    expect(out).toContain('sv=2022-11-02');
    expect(out).toContain(`sig=${REDACTED}`);
  });

  it('removes PEM private keys', () => {
    const out = redactText(
      'cert -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY----- done',
    );
    expectGone(out, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
  });

  it.each([
    'Attached compute gpu-pool to workspace ws-prod in 3.2 s',
    'PUT https://management.azure.com/subscriptions/0000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/k8s?api-version=2024-10-01 -> 409',
    '{"error":{"code":"LinkedAuthorizationFailed","message":"The client has permission to perform action on scope, however the linked subscription was not found."}}',
    'Error: ENOENT: no such file or directory, open /home/u/.config/Mooring/mooring.sqlite3',
    'code: SQLITE_BUSY',
    'Token cache opened; 3 accounts',
    'Reset the password in the portal',
    'Settings changed: theme=dark',
    'Retry-After: 12',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(redactText(text)).toBe(text);
  });

  it('is stable when applied twice', () => {
    const once = redactText(`password=abc Authorization: Bearer x ${JWT} sig=1`);
    expect(redactText(once)).toBe(once);
  });
});

describe('redact (structured values)', () => {
  it('hides fields with secret names at any depth and keeps the rest', () => {
    const out = redact({
      account: 'admin@contoso.com',
      tokens: { accessToken: 'a1', refreshToken: 'r1', expiresOn: 5 },
      request: { headers: { Authorization: 'Bearer xyz', 'Content-Type': 'application/json' } },
      credential: { clientSecret: 's1', clientId: 'id-1' },
      list: [{ password: 'p1' }, { sig: 's' }],
      error: { code: 'AuthorizationFailed' },
      status: { code: 409 },
    });
    expect(out).toEqual({
      account: 'admin@contoso.com',
      tokens: { accessToken: REDACTED, refreshToken: REDACTED, expiresOn: 5 },
      request: { headers: { Authorization: REDACTED, 'Content-Type': 'application/json' } },
      credential: { clientSecret: REDACTED, clientId: 'id-1' },
      list: [{ password: REDACTED }, { sig: REDACTED }],
      error: { code: 'AuthorizationFailed' },
      status: { code: 409 },
    });
  });

  it('redacts inside string values', () => {
    expect(redact({ url: `https://x/cb?code=${AUTH_CODE}` })).toEqual({
      url: `https://x/cb?code=${REDACTED}`,
    });
  });

  it("redacts an Error's message, stack, cause and extra fields", () => {
    const cause = new Error(`refresh failed for ${JWT}`);
    const error = Object.assign(
      new Error(`token request failed: client_secret=abc123def`, { cause }),
      {
        code: 'invalid_client',
        body: '{"access_token":"opaque-at"}',
      },
    );
    const out = redact(error) as Record<string, unknown>;
    const serialized = JSON.stringify(out);
    expectGone(serialized, 'abc123def', JWT, 'opaque-at');
    expect(out.name).toBe('Error');
    expect(out.code).toBe('invalid_client');
    expect(String(out.stack)).toContain('token request failed');
    expect(JSON.stringify(out.cause)).toContain('refresh failed');
  });

  it('survives cycles, Maps, Dates and odd values', () => {
    const node: Record<string, unknown> = { name: 'n' };
    node.self = node;
    const out = redact({
      node,
      map: new Map([['password', 'p']]),
      when: new Date(0),
      big: 10n,
      fn: () => 1,
    }) as Record<string, unknown>;
    expect(out.node).toEqual({ name: 'n', self: '[Circular]' });
    expect(out.map).toEqual({ password: REDACTED });
    expect(out.when).toBe('1970-01-01T00:00:00.000Z');
    expect(out.big).toBe('10');
    expect(out.fn).toBe('[Function]');
  });
});

describe('credentials inside URLs', () => {
  it('drops the password of a proxy URL and keeps the rest', () => {
    const text = redact('Using proxy http://svc-mooring:S3cr3t!pw@proxy.contoso.com:3128 for ARM');
    expect(text).not.toContain('S3cr3t');
    expect(text).toContain('svc-mooring');
    expect(text).toContain('proxy.contoso.com:3128');
  });

  it('leaves URLs without credentials alone', () => {
    const text = 'GET https://management.azure.com/subscriptions?api-version=2022-12-01';
    expect(redact(text)).toBe(text);
  });
});

describe('redaction edge cases', () => {
  it('drops a URL password that itself contains @', () => {
    const text = redact('proxy http://alice:p@ss@proxy.contoso.com:8080 refused');
    expect(text).not.toContain('ss@proxy');
    expect(text).not.toContain('p@ss');
    expect(text).toContain('proxy.contoso.com:8080');
  });

  it('drops an authorization header written with =', () => {
    expect(redact('Authorization=Basic YWxpY2U6c2VjcmV0')).not.toContain('YWxpY2U6c2VjcmV0');
  });

  it('drops secret fields in the single-quoted form util.inspect prints', () => {
    const text = redact("{ 'access_token': 'abc.def-123', 'expires_in': 3599 }");
    expect(text).not.toContain('abc.def-123');
    expect(text).toContain('3599');
  });
});
