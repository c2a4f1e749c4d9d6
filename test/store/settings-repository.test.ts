import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { createSettingsRepository } from '../../electron/settings/settings-repository';

describe('settings repository', () => {
  it('answers the default when nothing is stored', () => {
    const repo = createSettingsRepository(openDatabase({ path: ':memory:' }));
    expect(repo.get('theme')).toBe('system');
  });

  it('stores and reads back a typed value', () => {
    const db = openDatabase({ path: ':memory:' });
    const repo = createSettingsRepository(db, { now: () => new Date('2026-11-25T10:00:00Z') });
    repo.set('theme', 'dark');
    expect(repo.get('theme')).toBe('dark');
    expect(db.prepare('SELECT * FROM settings').all()).toEqual([
      { key: 'theme', value_json: '"dark"', updated_at: '2026-11-25T10:00:00.000Z' },
    ]);
  });

  it('refuses to store a value of the wrong type', () => {
    const repo = createSettingsRepository(openDatabase({ path: ':memory:' }));
    // @ts-expect-error: the type forbids it; the runtime check must too
    expect(() => repo.set('theme', 'purple')).toThrow();
    expect(repo.get('theme')).toBe('system');
  });

  it('falls back to the default and reports a stored value that no longer fits its type', () => {
    const db = openDatabase({ path: ':memory:' });
    db.prepare("INSERT INTO settings VALUES ('theme', '\"sepia\"', '2026-01-01')").run();
    const onInvalidValue = vi.fn();
    const repo = createSettingsRepository(db, { onInvalidValue });
    expect(repo.get('theme')).toBe('system');
    expect(onInvalidValue).toHaveBeenCalledWith('theme', '"sepia"');
  });
});
