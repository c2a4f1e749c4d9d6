import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { ThemeChoice } from '../../shared/domain/theme';
import type { ThemeChoice as ThemeChoiceValue } from '../../shared/domain/theme';

/** The type of every setting Mooring stores. */
export interface SettingValues {
  theme: ThemeChoiceValue;
}

export type SettingKey = keyof SettingValues;
export type SettingValue<K extends SettingKey> = SettingValues[K];

type SettingDefinitions = {
  [K in SettingKey]: { schema: z.ZodType<SettingValues[K]>; fallback: SettingValues[K] };
};

/** How each setting is checked when read back, and the value used when none is stored. */
export const settingDefinitions: SettingDefinitions = {
  theme: { schema: ThemeChoice, fallback: 'system' },
};

export interface SettingsRepository {
  get<K extends SettingKey>(key: K): SettingValue<K>;
  set<K extends SettingKey>(key: K, value: SettingValue<K>): void;
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
    set(key, value) {
      const checked = settingDefinitions[key].schema.parse(value);
      upsert.run(key, JSON.stringify(checked), now().toISOString());
    },
  };
}
