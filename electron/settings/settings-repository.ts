import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { CloudId, ConnectionSettings, ProxySetting } from '../../shared/domain/connection';
import type {
  ConnectionSettings as ConnectionSettingsValue,
  CloudId as CloudIdValue,
  ProxySetting as ProxySettingValue,
} from '../../shared/domain/connection';
import { ThemeChoice } from '../../shared/domain/theme';
import { TableDensity } from '../../shared/domain/inventory-rows';
import type { TableDensity as TableDensityValue } from '../../shared/domain/inventory-rows';
import type { ThemeChoice as ThemeChoiceValue } from '../../shared/domain/theme';
import {
  DEFAULT_REFRESH_INTERVAL_MINUTES,
  RefreshIntervalMinutes,
} from '../../shared/ipc/contract-refresh';
import { CloudEndpointsSchema, type CloudEndpoints } from '../azure/clouds';

/** A custom cloud's endpoints as last read from its metadata, so start-up works offline. */
export interface ResolvedCustomCloud {
  /** The Resource Manager URL the endpoints were read from. */
  readonly resourceManagerUrl: string;
  readonly endpoints: CloudEndpoints;
  readonly resolvedAt: string;
}

const ResolvedCustomCloudSchema = z.object({
  resourceManagerUrl: z.string(),
  endpoints: CloudEndpointsSchema,
  resolvedAt: z.string(),
});

/**
 * The type of every setting Mooring stores. Connection settings are one key per field (the
 * user's own values; an administrator's policy file is applied on top when read), so a field
 * added later never invalidates the others.
 */
export interface SettingValues {
  theme: ThemeChoiceValue;
  'connection.cloud': CloudIdValue;
  'connection.customResourceManagerUrl': string | null;
  'connection.clientId': string | null;
  'connection.proxy': ProxySettingValue;
  'connection.extraCaFile': string | null;
  'connection.allowWeakTokenProtection': boolean;
  'connection.resolvedCustomCloud': ResolvedCustomCloud | null;
  /** The manual proxy's password, encrypted with the SecretEncryptor; never stored in plain text. */
  'connection.proxyPassword': StoredProxyPassword | null;
  /** The connection settings as last confirmed in Mooring, sealed (see confirmed-settings.ts). */
  'connection.confirmed': ConfirmedConnection | null;
  /** The key of that seal, encrypted with the OS key store (base64); null where there is none. */
  'connection.sealKey': string | null;
  /** Minutes between automatic inventory refreshes; 0 turns them off. */
  'inventory.refreshIntervalMinutes': number;
  /** The inventory table's row density. */
  'inventory.density': TableDensityValue;
}

/** What the user last confirmed (or Mooring itself set), and a seal over it. */
export interface ConfirmedConnection {
  readonly settings: ConnectionSettingsValue;
  readonly customCloud: ResolvedCustomCloud | null;
  readonly seal: string;
}

/** A proxy password encrypted at rest, bound to the proxy URL (without password) it was entered for. */
export interface StoredProxyPassword {
  /** The proxy URL it belongs to, as stored in `connection.proxy` (with the user name, no password). */
  readonly proxyUrl: string;
  /** The encrypted password (base64). */
  readonly encrypted: string;
  /** `weak`: encrypted without OS protection, because the user opted in. */
  readonly protection: 'os' | 'weak';
}

const StoredProxyPasswordSchema = z.object({
  proxyUrl: z.string(),
  encrypted: z.string(),
  protection: z.enum(['os', 'weak']),
});

export type SettingKey = keyof SettingValues;
export type SettingValue<K extends SettingKey> = SettingValues[K];

type SettingDefinitions = {
  [K in SettingKey]: { schema: z.ZodType<SettingValues[K]>; fallback: SettingValues[K] };
};

/** How each setting is checked when read back, and the value used when none is stored. */
export const settingDefinitions: SettingDefinitions = {
  theme: { schema: ThemeChoice, fallback: 'system' },
  'connection.cloud': { schema: CloudId, fallback: 'AzureCloud' },
  'connection.customResourceManagerUrl': { schema: z.string().nullable(), fallback: null },
  'connection.clientId': { schema: z.string().nullable(), fallback: null },
  'connection.proxy': { schema: ProxySetting, fallback: { mode: 'system' } },
  'connection.extraCaFile': { schema: z.string().nullable(), fallback: null },
  'connection.allowWeakTokenProtection': { schema: z.boolean(), fallback: false },
  'connection.resolvedCustomCloud': {
    schema: ResolvedCustomCloudSchema.nullable(),
    fallback: null,
  },
  'connection.proxyPassword': { schema: StoredProxyPasswordSchema.nullable(), fallback: null },
  'connection.confirmed': {
    schema: z
      .object({
        settings: ConnectionSettings,
        customCloud: ResolvedCustomCloudSchema.nullable(),
        seal: z.string(),
      })
      .nullable(),
    fallback: null,
  },
  'connection.sealKey': { schema: z.string().nullable(), fallback: null },
  'inventory.refreshIntervalMinutes': {
    schema: RefreshIntervalMinutes,
    fallback: DEFAULT_REFRESH_INTERVAL_MINUTES,
  },
  'inventory.density': { schema: TableDensity, fallback: 'comfortable' },
};

export interface SettingsRepository {
  get<K extends SettingKey>(key: K): SettingValue<K>;
  /**
   * `eraseOldValue`: the value replaced held a secret, so SQLite overwrites the freed bytes and
   * the write-ahead log is checkpointed and emptied, leaving no copy in the database's files.
   */
  set<K extends SettingKey>(
    key: K,
    value: SettingValue<K>,
    options?: { readonly eraseOldValue?: boolean },
  ): void;
}

export interface SettingsRepositoryOptions {
  /** Called when a stored value no longer matches its type; the default is used instead. */
  onInvalidValue?: (key: SettingKey, raw: string) => void;
  now?: () => Date;
}

export function createSettingsRepository(
  db: Database,
  options: SettingsRepositoryOptions = {},
): SettingsRepository {
  const now = options.now ?? (() => new Date());
  const select = db.prepare<[string], { value_json: string }>(
    'SELECT value_json FROM settings WHERE key = ?',
  );
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  );

  return {
    get(key) {
      const definition = settingDefinitions[key];
      const row = select.get(key);
      if (!row) return definition.fallback;
      const parsed = definition.schema.safeParse(JSON.parse(row.value_json));
      if (parsed.success) return parsed.data;
      options.onInvalidValue?.(key, row.value_json);
      return definition.fallback;
    },
    set(key, value, setOptions) {
      const checked = settingDefinitions[key].schema.parse(value);
      if (!setOptions?.eraseOldValue) {
        upsert.run(key, JSON.stringify(checked), now().toISOString());
        return;
      }
      const secureDelete = db.pragma('secure_delete', { simple: true }) as number;
      db.pragma('secure_delete = ON');
      try {
        upsert.run(key, JSON.stringify(checked), now().toISOString());
      } finally {
        db.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
      }
      if (db.pragma('journal_mode', { simple: true }) === 'wal') {
        db.pragma('wal_checkpoint(TRUNCATE)');
      }
    },
  };
}
