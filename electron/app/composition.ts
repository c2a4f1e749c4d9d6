import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { createDispatcher } from '../ipc/dispatcher';
import type { Dispatch } from '../ipc/dispatcher';
import type { Logger } from '../logging/logger';
import { createEventHub } from '../ipc/handlers';
import type { EventHub, HandlerMap } from '../ipc/handlers';
import { createSettingsRepository } from '../settings/settings-repository';
import { createSettingsService } from '../settings/settings-service';
import { DATABASE_FILE_NAME, openDatabase } from '../store/database';

export interface CompositionOptions {
  /** The per-user folder for the database (Electron's `userData`, or a test folder). */
  readonly userDataDir: string;
  readonly appName: string;
  readonly appVersion: string;
  readonly platform: string;
  readonly logger: Logger;
}

export interface Composition {
  readonly handlers: HandlerMap;
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly databasePath: string;
  readonly database: Database;
  close(): void;
}

/**
 * Builds every Electron-free service and the handler map the transports serve. The Electron
 * shell and the browser host both call this, so both run the same code paths.
 */
export function composeServices(options: CompositionOptions): Composition {
  const databasePath = path.join(options.userDataDir, DATABASE_FILE_NAME);
  const database = openDatabase({ path: databasePath });
  const events = createEventHub();
  const settings = createSettingsService(
    createSettingsRepository(database, {
      onInvalidValue: (key, raw) =>
        options.logger.warn(`Ignored an invalid stored value for setting ${key}`, raw),
    }),
    events,
  );

  const handlers: HandlerMap = {
    'app.getInfo': () => ({
      name: options.appName,
      version: options.appVersion,
      databasePath,
      platform: options.platform,
    }),
    'settings.get': () => settings.read(),
    'settings.setTheme': ({ theme }) => settings.setTheme(theme),
  };

  return {
    handlers,
    dispatch: createDispatcher(handlers, options.logger),
    events,
    databasePath,
    database,
    close: () => database.close(),
  };
}
