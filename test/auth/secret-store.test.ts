import { describe, expect, it } from 'vitest';
import { encryptorFromSafeStorage, type SafeStorageLike } from '../../electron/auth/secret-store';

const safeStorage = (available: boolean, backend?: string): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from([...Buffer.from(plain)].reverse()),
  decryptString: (encrypted) => Buffer.from([...encrypted].reverse()).toString(),
  ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
});

describe('encryptorFromSafeStorage', () => {
  it('is OS-protected where safeStorage has a key store (Windows, macOS, Linux keyrings)', () => {
    expect(encryptorFromSafeStorage(safeStorage(true), 'win32').protection).toBe('os');
    expect(encryptorFromSafeStorage(safeStorage(true), 'darwin').protection).toBe('os');
    expect(encryptorFromSafeStorage(safeStorage(true, 'gnome_libsecret'), 'linux').protection).toBe(
      'os',
    );
  });

  it("is weak with Linux's basic_text backend, whose key no key store protects", () => {
    expect(encryptorFromSafeStorage(safeStorage(true, 'basic_text'), 'linux').protection).toBe(
      'weak',
    );
  });

  it('is weak when Linux cannot tell which backend it uses ("unknown")', () => {
    expect(encryptorFromSafeStorage(safeStorage(true, 'unknown'), 'linux').protection).toBe('weak');
  });

  it('reads the backend on Linux alone (elsewhere the OS key store is always used)', () => {
    // A backend name outside Linux means nothing: Windows and macOS always use DPAPI / Keychain.
    expect(encryptorFromSafeStorage(safeStorage(true, 'basic_text'), 'darwin').protection).toBe(
      'os',
    );
    expect(encryptorFromSafeStorage(safeStorage(true, 'unknown'), 'win32').protection).toBe('os');
  });

  it('is none where safeStorage cannot encrypt at all', () => {
    expect(encryptorFromSafeStorage(safeStorage(false), 'linux').protection).toBe('none');
  });

  it('encrypts and decrypts through safeStorage', () => {
    const encryptor = encryptorFromSafeStorage(safeStorage(true), 'darwin');
    expect(encryptor.decrypt(encryptor.encrypt('cache'))).toBe('cache');
  });
});
