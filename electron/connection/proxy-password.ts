import type { ConnectionSettings, ConnectionView } from '../../shared/domain/connection';
import type { SecretEncryptor } from '../auth/secret-store';
import type { Logger } from '../logging/logger';
import { checkProxyUrl, describeProxy } from '../network/proxy-route';
import type { SettingsRepository, StoredProxyPassword } from '../settings/settings-repository';

/**
 * A manual proxy URL split into what may be stored in the settings and shown in the renderer
 * (scheme, user name, host and port) and its password, percent-encoded as in a URL (null: none).
 * A URL that cannot be parsed is answered as it is, without password: the field rules refuse it.
 */
export function splitProxyCredentials(url: string): { url: string; password: string | null } {
  const checked = checkProxyUrl(url);
  if (!('url' in checked) || checked.url.password === '')
    return { url: url.trim(), password: null };
  const { protocol, username, host } = checked.url;
  return {
    url: `${protocol}//${username ? `${username}@` : ''}${host}`,
    password: checked.url.password,
  };
}

/** The proxy URL the tunnel uses: the stored one with its password put back. */
export function withProxyPassword(url: string, password: string | null): string {
  if (password === null) return url;
  const checked = checkProxyUrl(url);
  if (!('url' in checked)) return url;
  checked.url.password = password;
  return checked.url.href;
}

/** Whether the URL names a user (so a stored password can belong to it). */
export function proxyUserOf(url: string): string {
  const checked = checkProxyUrl(url);
  return 'url' in checked ? checked.url.username : '';
}

/** Same scheme, user name, host and port: a password entered for one still belongs to the other. */
export function sameProxyAccount(a: string, b: string): boolean {
  const first = checkProxyUrl(a);
  const second = checkProxyUrl(b);
  if (!('url' in first) || !('url' in second)) return false;
  return (
    first.url.username !== '' &&
    first.url.protocol === second.url.protocol &&
    first.url.username === second.url.username &&
    first.url.host === second.url.host
  );
}

export type ProxyPasswordStorage = NonNullable<ConnectionView['proxyPassword']>;

/**
 * Keeps the manual proxy's password out of the settings' plain text: encrypted with the
 * SecretEncryptor where the OS protects it (or where the user opted in to weak protection, as for
 * tokens), otherwise in memory only for this run. Each password is bound to the proxy URL
 * (without password) it was entered for, and is not used for any other.
 */
export interface ProxyPasswordVault {
  /** The password for this stored proxy URL, or null when none is known. */
  get(proxyUrl: string): string | null;
  /** How the password of this proxy URL is kept, or null when there is none. */
  storage(proxyUrl: string): Exclude<ProxyPasswordStorage, 'policy'> | null;
  /** Keeps this password for this proxy URL, replacing any other. */
  set(proxyUrl: string, password: string, allowWeak: boolean): void;
  /** Forgets the password, on disk and in memory. */
  clear(): void;
  /** Moves a known password to where the opt-in now says (disk or memory). */
  reconcile(proxyUrl: string | null, allowWeak: boolean): void;
}

export function createProxyPasswordVault(
  settings: SettingsRepository,
  encryptor: SecretEncryptor,
  logger: Logger,
): ProxyPasswordVault {
  // The password known in this run (entered now, or decrypted from disk).
  let known: { proxyUrl: string; password: string } | null = null;
  let undecryptable: string | null = null;

  const onDisk = (): StoredProxyPassword | null => settings.get('connection.proxyPassword');

  const protectionFor = (allowWeak: boolean): StoredProxyPassword['protection'] | null =>
    encryptor.protection === 'os'
      ? 'os'
      : encryptor.protection === 'weak' && allowWeak
        ? 'weak'
        : null;

  const get = (proxyUrl: string): string | null => {
    if (known?.proxyUrl === proxyUrl) return known.password;
    const stored = onDisk();
    if (!stored || stored.proxyUrl !== proxyUrl || undecryptable === stored.encrypted) return null;
    try {
      const password = encryptor.decrypt(Buffer.from(stored.encrypted, 'base64'));
      known = { proxyUrl, password };
      return password;
    } catch (error) {
      undecryptable = stored.encrypted;
      logger.warn('The saved proxy password cannot be decrypted; enter it again under Settings', {
        reason: (error as Error).message,
      });
      return null;
    }
  };

  const encrypt = (password: string): string | null => {
    try {
      return encryptor.encrypt(password).toString('base64');
    } catch (error) {
      logger.warn('The proxy password cannot be encrypted; it is kept until Mooring closes', {
        reason: (error as Error).message,
      });
      return null;
    }
  };

  const set = (proxyUrl: string, password: string, allowWeak: boolean) => {
    known = { proxyUrl, password };
    const protection = protectionFor(allowWeak);
    const encrypted = protection ? encrypt(password) : null;
    settings.set(
      'connection.proxyPassword',
      protection && encrypted !== null ? { proxyUrl, protection, encrypted } : null,
    );
  };

  return {
    get,
    storage(proxyUrl) {
      if (get(proxyUrl) === null) return null;
      const stored = onDisk();
      if (!stored || stored.proxyUrl !== proxyUrl) return 'memory';
      return stored.protection === 'os' ? 'encrypted' : 'weak-encrypted';
    },
    set,
    clear() {
      known = null;
      if (onDisk() !== null) settings.set('connection.proxyPassword', null);
    },
    reconcile(proxyUrl, allowWeak) {
      // An unknown password (none, or one this run cannot decrypt) is left as it is.
      const password = proxyUrl === null ? null : get(proxyUrl);
      if (proxyUrl === null || password === null) return;
      const stored = onDisk();
      const where = stored?.proxyUrl === proxyUrl ? stored.protection : null;
      if (where !== protectionFor(allowWeak)) set(proxyUrl, password, allowWeak);
    },
  };
}

/** Nothing can encrypt: a proxy password stays in memory for this run. */
export const memoryOnlyEncryptor: SecretEncryptor = {
  protection: 'none',
  encrypt: () => {
    throw new Error('No secret encryption is available.');
  },
  decrypt: () => {
    throw new Error('No secret encryption is available.');
  },
};

/** The settings as they may leave the service: a manual proxy URL without its password. */
export function withoutProxyPassword(current: ConnectionSettings): ConnectionSettings {
  if (current.proxy.mode !== 'manual') return current;
  return {
    ...current,
    proxy: { mode: 'manual', url: splitProxyCredentials(current.proxy.url).url },
  };
}

/** The proxy as it may appear in a log: mode and host only, never credentials. */
export function proxyForLog(current: ConnectionSettings): string {
  if (current.proxy.mode !== 'manual') return current.proxy.mode;
  const checked = checkProxyUrl(current.proxy.url);
  return 'url' in checked ? `manual ${describeProxy(checked.url)}` : 'manual (invalid URL)';
}

/**
 * What an update does to the stored proxy password. The URL it saves never keeps the password
 * (`own.proxy` is rewritten without it). A URL with a password replaces the stored one; the same
 * user and host without a password keep it; another user, no user or another mode remove it.
 */
export function proxyPasswordAfter(
  own: Partial<ConnectionSettings>,
  before: ConnectionSettings,
  passwords: Pick<ProxyPasswordVault, 'get'>,
): { kind: 'keep' } | { kind: 'clear' } | { kind: 'set'; password: string } {
  if (own.proxy === undefined) return { kind: 'keep' };
  if (own.proxy.mode !== 'manual') return { kind: 'clear' };
  const split = splitProxyCredentials(own.proxy.url);
  own.proxy = { mode: 'manual', url: split.url };
  if (split.password !== null) return { kind: 'set', password: split.password };
  if (proxyUserOf(split.url) === '' || before.proxy.mode !== 'manual') return { kind: 'clear' };
  if (!sameProxyAccount(before.proxy.url, split.url)) return { kind: 'clear' };
  const kept = passwords.get(before.proxy.url);
  return kept === null ? { kind: 'clear' } : { kind: 'set', password: kept };
}
