/**
 * How Mooring protects secrets at rest. In the app this wraps Electron's `safeStorage`; tests and
 * the browser host pass their own. Service code never imports Electron.
 */
export interface SecretEncryptor {
  /**
   * `os`: an OS key store protects the key (DPAPI, Keychain, libsecret/kwallet).
   * `weak`: encryption is possible but the key is not protected by the OS (Electron's Linux
   * `basic_text` backend) — only used when the user opts in.
   * `none`: nothing can encrypt.
   */
  readonly protection: 'os' | 'weak' | 'none';
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

/** The facts of Electron's safeStorage that decide how tokens may be kept. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only; elsewhere absent. */
  getSelectedStorageBackend?(): string;
}

export function encryptorFromSafeStorage(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): SecretEncryptor {
  const available = safeStorage.isEncryptionAvailable();
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  const protection: SecretEncryptor['protection'] = !available
    ? 'none'
    : backend === 'basic_text' || backend === 'unknown'
      ? 'weak'
      : 'os';
  return {
    protection,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (encrypted) => safeStorage.decryptString(encrypted),
  };
}
