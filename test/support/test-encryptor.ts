import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretEncryptor } from '../../electron/auth/secret-store';

/**
 * An encryptor as Electron's safeStorage behaves: AES-256-GCM under a key that stays in this
 * process (standing in for the OS key store). Two services given the same encryptor share the key,
 * as two runs of the app on one machine do.
 */
export function testEncryptor(protection: SecretEncryptor['protection'] = 'os'): SecretEncryptor {
  const key = randomBytes(32);
  return {
    protection,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
