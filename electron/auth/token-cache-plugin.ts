import fs from 'node:fs';
import path from 'node:path';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { SecretEncryptor } from './secret-store';

/**
 * Where the sign-in cache lives between runs:
 * `encrypted` — on disk, encrypted with the OS key store;
 * `memory` — never written; every start needs a sign-in (the default without an OS key store);
 * `weak-encrypted` — on disk, encrypted with a key the OS does not protect; only by opt-in.
 */
export type TokenStorageMode = 'encrypted' | 'memory' | 'weak-encrypted';

export interface TokenStoragePreference {
  /** The user agreed to keep tokens on disk even where no OS key store protects them. */
  readonly allowWeakProtection: boolean;
}

export function chooseTokenStorage(
  encryptor: SecretEncryptor,
  preference: TokenStoragePreference,
): TokenStorageMode {
  if (encryptor.protection === 'os') return 'encrypted';
  if (encryptor.protection === 'weak' && preference.allowWeakProtection) return 'weak-encrypted';
  return 'memory';
}

/**
 * The file starts with a header naming how its key is protected, so that withdrawing consent for
 * weak storage can remove exactly the weakly protected file and never an OS-protected one.
 */
const HEADERS = {
  encrypted: Buffer.from('MOORING-TOKEN-CACHE 2 os\n'),
  'weak-encrypted': Buffer.from('MOORING-TOKEN-CACHE 2 weak\n'),
} as const;

type PersistentMode = keyof typeof HEADERS;

function headerOf(bytes: Buffer): PersistentMode | undefined {
  for (const mode of Object.keys(HEADERS) as PersistentMode[]) {
    const header = HEADERS[mode];
    if (bytes.subarray(0, header.length).equals(header)) return mode;
  }
  return undefined;
}

export interface TokenCacheStoreOptions {
  readonly file: string;
  readonly encryptor: SecretEncryptor;
  /** Asked at every access, so opting in or out of weak storage takes effect without a restart. */
  readonly mode: () => TokenStorageMode;
  /** The saved cache could not be used; the user will have to sign in again. */
  readonly onUnreadable?: (reason: string) => void;
  readonly now?: () => Date;
}

/**
 * The serialized msal cache of one cloud for one app run, shared by every msal client the run
 * builds for that cloud (one per client id; rebuilt when connection settings change) so a
 * rebuild loses no sign-in, even in memory-only mode. Persists it encrypted according to the
 * storage mode. Each cloud has its own (see cloud-token-caches.ts).
 */
export interface TokenCacheStore {
  /** A cache plugin for one msal client. */
  plugin(): ICachePlugin;
  /** The mode in force now. */
  mode(): TokenStorageMode;
  /**
   * Removes every entry (account, id, access and refresh tokens) of one account from this cache
   * and its file. Needs no msal client, so signing out works even when the
   * connection settings cannot build one.
   */
  removeAccount(homeAccountId: string): void;
}

/** Consent to weak storage withdrawn: a weakly protected file goes; an OS-protected one stays. */
export function removeWeakCacheFile(file: string): void {
  try {
    const bytes = fs.readFileSync(file);
    if (headerOf(bytes) === 'weak-encrypted') fs.rmSync(file, { force: true });
  } catch {
    // No file, or unreadable: nothing of ours to remove.
  }
}

/** msal's serialized cache: sections (Account, AccessToken, ...) of entries keyed by cache key. */
type SerializedCache = Record<string, Record<string, { home_account_id?: unknown }> | undefined>;

export function createTokenCacheStore(options: TokenCacheStoreOptions): TokenCacheStore {
  const { file, encryptor } = options;
  const now = options.now ?? (() => new Date());
  let serialized: string | undefined;
  let fileRead = false;

  const setAside = (reason: string) => {
    const aside = `${file}.unreadable-${now().getTime()}`;
    let where = `it was moved to ${aside}`;
    try {
      fs.renameSync(file, aside);
    } catch (error) {
      where = `it could not be moved aside (${(error as Error).message})`;
    }
    options.onUnreadable?.(
      `The saved sign-in cache could not be read (${reason}); ${where}. Sign in again.`,
    );
  };

  const readFile = (): string | undefined => {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      options.onUnreadable?.(
        `The saved sign-in cache at ${file} could not be opened (${(error as Error).message}). Sign in again.`,
      );
      return undefined;
    }
    const mode = headerOf(bytes);
    if (!mode) {
      setAside('unknown format');
      return undefined;
    }
    try {
      const text = encryptor.decrypt(bytes.subarray(HEADERS[mode].length));
      JSON.parse(text);
      return text;
    } catch (error) {
      setAside((error as Error).message);
      return undefined;
    }
  };

  const writeFile = (mode: PersistentMode, text: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, Buffer.concat([HEADERS[mode], encryptor.encrypt(text)]), {
      mode: 0o600,
    });
    fs.renameSync(temporary, file); // atomic replace: a crash never leaves half a cache
  };

  let lastMode: TokenStorageMode | undefined;
  /** Reads the file the first time a persistent mode is in force; drops a weak file when consent goes. */
  const enterMode = (mode: TokenStorageMode) => {
    if (mode === lastMode) return;
    lastMode = mode;
    if (mode === 'memory') {
      removeWeakCacheFile(file);
      return;
    }
    if (fileRead) return;
    fileRead = true;
    const text = readFile();
    if (text !== undefined && serialized === undefined) serialized = text;
  };

  return {
    mode: options.mode,
    removeAccount(homeAccountId) {
      const mode = options.mode();
      enterMode(mode);
      if (serialized === undefined) return;
      const cache = JSON.parse(serialized) as SerializedCache;
      for (const section of Object.values(cache)) {
        if (!section) continue;
        for (const [key, entry] of Object.entries(section))
          if (entry.home_account_id === homeAccountId) delete section[key];
      }
      // msal clients rebuild their in-memory cache from this text at their next access.
      serialized = JSON.stringify(cache);
      if (mode !== 'memory') writeFile(mode, serialized);
    },
    plugin() {
      return {
        async beforeCacheAccess(context: TokenCacheContext) {
          enterMode(options.mode());
          // msal clears its in-memory cache before every silent lookup and rebuilds it from what is
          // deserialized here, so the current state is handed over at every access.
          if (serialized !== undefined) context.tokenCache.deserialize(serialized);
        },
        async afterCacheAccess(context: TokenCacheContext) {
          if (!context.cacheHasChanged) return;
          serialized = context.tokenCache.serialize();
          const mode = options.mode();
          enterMode(mode);
          if (mode !== 'memory') writeFile(mode, serialized);
        },
      };
    },
  };
}
