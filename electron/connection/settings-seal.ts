import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SecretEncryptor } from '../auth/secret-store';
import type { Logger } from '../logging/logger';
import type { SettingsRepository } from '../settings/settings-repository';

/**
 * A fingerprint of settings as Mooring itself last wrote them. Where the OS key store protects
 * its key (an HMAC key encrypted like the tokens), a program that can only write the database
 * cannot make one; where there is no key store it is a plain hash, which still tells a change
 * made outside Mooring (a script, a restored backup, a hand edit) from one made in it.
 */
export interface SettingsSeal {
  sign(value: unknown): string;
  verify(value: unknown, seal: string): boolean;
}

/** JSON with keys in a fixed order, so equal values always give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function createSettingsSeal(
  settings: SettingsRepository,
  encryptor: SecretEncryptor,
  logger: Logger,
): SettingsSeal {
  const key = encryptor.protection === 'os' ? sealKey(settings, encryptor, logger) : null;
  // Only one kind is accepted on a machine: where a keyed seal is possible, a plain hash written
  // into the database by someone else does not pass.
  const sign = (value: unknown): string =>
    key
      ? `hmac-sha256:${createHmac('sha256', key).update(canonical(value)).digest('base64')}`
      : `sha256:${createHash('sha256').update(canonical(value)).digest('base64')}`;
  return {
    sign,
    verify(value, seal) {
      const expected = Buffer.from(sign(value));
      const given = Buffer.from(seal);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

/** The seal's key, made once and kept encrypted by the OS key store; a new one if it is unreadable. */
function sealKey(settings: SettingsRepository, encryptor: SecretEncryptor, logger: Logger): Buffer {
  const stored = settings.get('connection.sealKey');
  if (stored !== null) {
    try {
      return Buffer.from(encryptor.decrypt(Buffer.from(stored, 'base64')), 'base64');
    } catch (error) {
      logger.warn(
        'The key that seals the connection settings cannot be decrypted; making a new one',
        {
          reason: (error as Error).message,
        },
      );
    }
  }
  const key = randomBytes(32);
  try {
    settings.set(
      'connection.sealKey',
      encryptor.encrypt(key.toString('base64')).toString('base64'),
    );
  } catch (error) {
    logger.warn('The key that seals the connection settings cannot be saved', {
      reason: (error as Error).message,
    });
  }
  return key;
}
