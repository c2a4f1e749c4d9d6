import fs from 'node:fs';
import path from 'node:path';
import type { SecretEncryptor } from './secret-store';
import {
  createTokenCacheStore,
  removeWeakCacheFile,
  type TokenCacheStore,
  type TokenStorageMode,
} from './token-cache-plugin';

/**
 * `sign-in-cache.bin` + `management.azure.com` → `sign-in-cache.management.azure.com.bin`. Every
 * character that is not a letter, digit, dot or hyphen is written as `_` and its hex code (`:`
 * is `_3a`), so two clouds never share a file and the name is valid on every file system.
 */
export function cloudCacheFile(baseFile: string, cloud: string): string {
  const extension = path.extname(baseFile);
  const stem = baseFile.slice(0, baseFile.length - extension.length);
  const safe = cloud
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, (c) => `_${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `${stem}.${safe}${extension}`;
}

export interface CloudTokenCachesOptions {
  /** The name the per-cloud files are derived from (see cloudCacheFile); a file at this very path is a legacy one. */
  readonly baseFile: string;
  readonly encryptor: SecretEncryptor;
  readonly mode: () => TokenStorageMode;
  readonly onUnreadable?: (reason: string) => void;
  /** Something worth a line in the log happened to the cache files. */
  readonly onNotice?: (message: string) => void;
  readonly now?: () => Date;
}

/**
 * One token cache per cloud (keyed by `cloudIdentity`), each in its own encrypted file: a cloud
 * never sees the accounts, refresh tokens or access tokens of another, so choosing a new cloud
 * starts with no one signed in.
 */
export interface CloudTokenCaches {
  /** The cache of one cloud, created on first use. */
  forCloud(cloud: string): TokenCacheStore;
  mode(): TokenStorageMode;
}

export function createCloudTokenCaches(options: CloudTokenCachesOptions): CloudTokenCaches {
  const stores = new Map<string, TokenCacheStore>();
  removeLegacySharedCache(options);
  let lastMode: TokenStorageMode | undefined;

  /** Consent to weak storage withdrawn: every cloud's weakly protected file goes, not only the one in use. */
  const followMode = () => {
    const mode = options.mode();
    if (mode === lastMode) return;
    lastMode = mode;
    if (mode === 'memory')
      for (const file of cloudFiles(options.baseFile)) removeWeakCacheFile(file);
  };

  return {
    mode: options.mode,
    forCloud(cloud) {
      followMode();
      const key = cloud.toLowerCase();
      let store = stores.get(key);
      if (!store) {
        store = createTokenCacheStore({
          file: cloudCacheFile(options.baseFile, key),
          encryptor: options.encryptor,
          mode: options.mode,
          ...(options.onUnreadable ? { onUnreadable: options.onUnreadable } : {}),
          ...(options.now ? { now: options.now } : {}),
        });
        stores.set(key, store);
      }
      return store;
    },
  };
}

/** The per-cloud cache files that exist now (not files set aside as unreadable). */
function cloudFiles(baseFile: string): string[] {
  const folder = path.dirname(baseFile);
  const extension = path.extname(baseFile);
  const prefix = `${path.basename(baseFile, extension)}.`;
  try {
    return fs
      .readdirSync(folder)
      .filter(
        (name) =>
          name.startsWith(prefix) && name.endsWith(extension) && name !== path.basename(baseFile),
      )
      .map((name) => path.join(folder, name));
  } catch {
    return [];
  }
}

/**
 * Earlier versions kept one cache for every cloud, which let a newly chosen cloud use the
 * accounts of another. Its tokens are not bound to a cloud, so it is removed rather than split:
 * accounts stay listed and each cloud asks for its own sign-in.
 */
function removeLegacySharedCache(options: CloudTokenCachesOptions): void {
  if (!fs.existsSync(options.baseFile)) return;
  try {
    fs.rmSync(options.baseFile, { force: true });
    options.onNotice?.(
      'The sign-in cache shared by every cloud was removed; each cloud now keeps its own, so accounts sign in again once.',
    );
  } catch (error) {
    options.onNotice?.(
      `The old shared sign-in cache could not be removed (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}); it is no longer used.`,
    );
  }
}
