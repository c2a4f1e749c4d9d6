import type { ConnectionView } from '../../shared/domain/connection';
import type { SecretEncryptor } from '../auth/secret-store';

/**
 * Whether "keep tokens on disk without a secure store" can mean anything here: not needed where
 * the OS key store protects them, possible where only a key of Mooring's own can encrypt them,
 * and impossible where nothing can encrypt at all (then tokens stay in memory whatever it says).
 */
export function tokenOptInFor(encryptor: SecretEncryptor): ConnectionView['tokenOptIn'] {
  switch (encryptor.protection) {
    case 'os':
      return 'not-needed';
    case 'weak':
      return 'available';
    default:
      return 'unavailable';
  }
}
