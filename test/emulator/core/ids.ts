import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * A GUID derived from its inputs, so that a scenario without explicit object ids still gives every
 * principal the same id on every run (tests and demo screenshots stay stable).
 */
export function stableGuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  // Version 5 and RFC 4122 variant bits, like a name-based UUID.
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

export function newGuid(): string {
  return randomUUID();
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Case-insensitive equality, as ARM compares resource ids and names. */
export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** True when `scope` covers `target`: equal, or a parent path of it (segment boundary). */
export function scopeCovers(scope: string, target: string): boolean {
  const s = normalizeScope(scope).toLowerCase();
  const t = normalizeScope(target).toLowerCase();
  return s === '' || t === s || t.startsWith(s + '/');
}

/** `/subscriptions/x/` and `subscriptions/x` are the same scope; `/` is the root scope (''). */
export function normalizeScope(scope: string): string {
  const trimmed = scope.replace(/\/+/g, '/').replace(/\/$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
