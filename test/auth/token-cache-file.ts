import fs from 'node:fs';
import type { SecretEncryptor } from '../../electron/auth/secret-store';

/** The parts of msal's serialized cache the tests look at. */
interface CacheEntry {
  home_account_id: string;
  secret?: string;
}
export interface SerializedTokenCache {
  Account?: Record<string, CacheEntry>;
  AccessToken?: Record<string, CacheEntry>;
  RefreshToken?: Record<string, CacheEntry>;
  IdToken?: Record<string, CacheEntry>;
}

/** The first line of the cache file: how its key is protected. */
export function tokenCacheHeader(file: string): string {
  const bytes = fs.readFileSync(file);
  return bytes.subarray(0, bytes.indexOf(0x0a)).toString('latin1');
}

/** Decrypts the cache file as the next run of the app would. */
export function readTokenCache(harness: {
  cacheFile: string;
  encryptor: SecretEncryptor;
}): SerializedTokenCache {
  const bytes = fs.readFileSync(harness.cacheFile);
  const body = bytes.subarray(bytes.indexOf(0x0a) + 1);
  return JSON.parse(harness.encryptor.decrypt(body)) as SerializedTokenCache;
}

/** Every token string (access, refresh, id) the cache holds. */
export function tokenSecrets(cache: SerializedTokenCache): string[] {
  return [cache.AccessToken, cache.RefreshToken, cache.IdToken]
    .flatMap((entries) => Object.values(entries ?? {}))
    .map((entry) => entry.secret ?? '')
    .filter((secret) => secret.length > 0);
}
