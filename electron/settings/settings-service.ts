import type { AppSettings } from '../../shared/ipc/contract';
import type { ThemeChoice } from '../../shared/domain/theme';
import type { EventHub } from '../ipc/handlers';
import type { SettingsRepository } from './settings-repository';

export interface SettingsService {
  read(): AppSettings;
  setTheme(theme: ThemeChoice): AppSettings;
}

export function createSettingsService(
  repository: SettingsRepository,
  events: EventHub,
): SettingsService {
  const read = (): AppSettings => ({ theme: repository.get('theme') });
  return {
    read,
    setTheme(theme) {
      repository.set('theme', theme);
      const settings = read();
      events.emit('settings.changed', settings);
      return settings;
    },
  };
}
