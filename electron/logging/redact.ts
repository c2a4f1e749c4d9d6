/**
 * Removes secrets from anything headed for the log: tokens, passwords, client secrets,
 * authorization codes, connection strings, SAS signatures. The log is a file an admin may attach
 * to a support ticket, so it must be safe to share; a few false positives (an over-redacted
 * value) are an acceptable price.
 */
export const REDACTED = '[REDACTED]';

/** Key names (compared lower-case, without `_`, `-`, `.`) whose values are always secret. */
const SECRET_KEYS = new Set([
  'sig',
  'sas',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'codeverifier',
  'clientassertion',
  'assertion',
  'apikey',
  'privatekey',
  'primarykey',
  'secondarykey',
  'passwd',
  'pwd',
]);

/** Key-name endings that mark a secret: `access_token`, `adminPassword`, `storageConnectionString`... */
const SECRET_KEY_SUFFIXES = [
  'token',
  'secret',
  'password',
  'connectionstring',
  'accountkey',
  'accesskey',
  'sharedaccesssignature',
];

const normalizeKey = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * `code` is an OAuth authorization code in `?code=...`, but also the field every Azure and Node
 * error carries (`AuthorizationFailed`, `ENOENT`, `409`) and those are what make a log useful.
 * Authorization codes are long and full of `.`/`-`; error codes are short identifiers. So a
 * `code` value is kept only when it looks like an identifier.
 */
const looksLikeErrorCode = (value: string): boolean => /^[A-Za-z0-9_]{1,64}$/.test(value);

/** Whether the value stored under `key` must be hidden. */
export function isSecretField(key: string, value?: unknown): boolean {
  const normalized = normalizeKey(key);
  if (normalized === 'code') {
    if (typeof value === 'number') return false;
    return !(typeof value === 'string' && looksLikeErrorCode(value));
  }
  return (
    SECRET_KEYS.has(normalized) || SECRET_KEY_SUFFIXES.some((suffix) => normalized.endsWith(suffix))
  );
}

const isAlreadyRedacted = (value: string): boolean =>
  value.replace(/^["']/, '').startsWith('[REDACTED');

const unquote = (value: string): string => value.replace(/^(["'])(.*)\1$/s, '$2');

type TextRule = (text: string) => string;

/**
 * A value may itself contain pairs ("redirect: https://x/?code=..."), so after a harmless pair
 * the scan resumes right after its separator instead of skipping the whole value.
 */
function redactKeyValues(text: string): string {
  const pair = /(?<![\w-])([A-Za-z][\w-]*)([ \t]*[=:][ \t]*)("[^"]*"|'[^']*'|[^\s&;,"'<>)}\]]+)/g;
  let output = '';
  let copiedUpTo = 0;
  for (let match = pair.exec(text); match !== null; match = pair.exec(text)) {
    const [whole, key = '', separator = '', value = ''] = match;
    if (isAlreadyRedacted(value) || !isSecretField(key, unquote(value))) {
      pair.lastIndex = match.index + key.length + separator.length;
      continue;
    }
    const quote = /^["']/.test(value) ? value[0] : '';
    output += `${text.slice(copiedUpTo, match.index)}${key}${separator}${quote}${REDACTED}${quote}`;
    copiedUpTo = match.index + whole.length;
    pair.lastIndex = copiedUpTo;
  }
  return output + text.slice(copiedUpTo);
}

const TEXT_RULES: readonly TextRule[] = [
  // PEM private keys (certificate credentials).
  (text) =>
    text.replace(
      /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
      '[REDACTED-PRIVATE-KEY]',
    ),
  // Service Bus / Azure Relay connection strings (Endpoint=sb://...;SharedAccessKeyName=...;
  // SharedAccessKey=...) and storage connection strings, whole: each part helps an attacker.
  (text) => text.replace(/Endpoint=sb:\/\/[^\s"'<>]*/gi, '[REDACTED-CONNECTION-STRING]'),
  (text) => text.replace(/DefaultEndpointsProtocol=[^\s"'<>]*/gi, '[REDACTED-CONNECTION-STRING]'),
  // Credentials inside a URL (a proxy as http://user:password@host:port): keep the user name,
  // which helps diagnose, and drop the password.
  (text) =>
    // The password may itself contain '@': it runs to the last '@' before the host.
    text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/"'<>]+):[^\s/"'<>]*@/gi, `$1:${REDACTED}@`),
  // Bearer tokens, whatever their format.
  (text) => text.replace(/\bBearer\s+(?!\[REDACTED)[A-Za-z0-9\-._~+/]+=*/gi, `Bearer ${REDACTED}`),
  // JWTs (access and ID tokens): three base64url parts, the first a JSON header ("eyJ").
  (text) =>
    text.replace(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[REDACTED-JWT]'),
  // JSON fields: "access_token": "...", "password":"...", and the single-quoted form that
  // util.inspect prints ({ 'access_token': '...' }).
  (text) =>
    text.replace(
      /(["'])([A-Za-z_][\w.-]*)\1(\s*:\s*)(["'])((?:(?!\4)[^\\]|\\.)*)\4/g,
      (match, keyQuote: string, key: string, separator: string, quote: string, value: string) =>
        isSecretField(key, value) && !isAlreadyRedacted(value)
          ? `${keyQuote}${key}${keyQuote}${separator}${quote}${REDACTED}${quote}`
          : match,
    ),
  // HTTP headers whose whole value is a credential ("Authorization: Basic ...").
  (text) =>
    text.replace(
      /\b(authorization|proxy-authorization|cookie|set-cookie)([ \t]*[:=][ \t]*)([^\r\n]+)/gi,
      (match, key: string, separator: string, value: string) =>
        isAlreadyRedacted(value) ? match : `${key}${separator}${REDACTED}`,
    ),
  // key=value and key: value, in query strings, form bodies, connection strings and prose:
  // ?code=...&, client_secret=..., AccountKey=...;, sig=..., password: ...
  redactKeyValues,
];

/** Redacts secrets found in free text (messages, stacks, response bodies, URLs). */
export function redactText(text: string): string {
  return TEXT_RULES.reduce((current, rule) => rule(current), text);
}

const MAX_DEPTH = 8;

/**
 * A JSON-safe copy of `value` with every secret removed: strings go through `redactText`,
 * object fields with secret names lose their value, Errors become plain objects whose message,
 * stack, cause and extra fields are redacted too.
 */
export function redact(value: unknown): unknown {
  return redactValue(value, 0, new WeakSet());
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (value === undefined) return undefined;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return '[Function]';
  if (typeof value !== 'object') return String(value);
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Too deep]';
  seen.add(value);
  try {
    if (value instanceof Error) return redactError(value, depth, seen);
    if (value instanceof Date) return value.toISOString();
    if (value instanceof URL) return redactText(value.href);
    if (value instanceof Map) {
      return redactEntries(
        [...value.entries()].map(([k, v]) => [String(k), v]),
        depth,
        seen,
      );
    }
    if (value instanceof Set) return [...value].map((item) => redactValue(item, depth + 1, seen));
    if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
    return redactEntries(Object.entries(value), depth, seen);
  } finally {
    seen.delete(value);
  }
}

function redactEntries(
  entries: readonly (readonly [string, unknown])[],
  depth: number,
  seen: WeakSet<object>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    result[key] = isSecretField(key, item) ? REDACTED : redactValue(item, depth + 1, seen);
  }
  return result;
}

function redactError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const result: Record<string, unknown> = {
    name: error.name,
    message: redactText(error.message),
  };
  if (error.stack) result.stack = redactText(error.stack);
  if (error.cause !== undefined) result.cause = redactValue(error.cause, depth + 1, seen);
  Object.assign(
    result,
    redactEntries(
      Object.entries(error).filter(([key]) => !(key in result)),
      depth,
      seen,
    ),
  );
  return result;
}
