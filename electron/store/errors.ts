import { AppError } from '../core/errors';

/** The database file belongs to a newer Mooring: we must not touch it. */
export class DatabaseTooNewError extends AppError {
  constructor(
    readonly path: string,
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      'unavailable',
      `The local database at ${path} was written by a newer version of Mooring (schema ${fileVersion}, this app knows ${appVersion}). Install the newer Mooring, or move that file away to start with an empty record. The file was left untouched.`,
      { path, fileVersion, appVersion },
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** The file at the database path is not a SQLite database (damaged, or something else). */
export class NotADatabaseError extends AppError {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(
      'unavailable',
      `The file at ${path} is not a Mooring database (it may be damaged). Move it away or restore it from a backup, then start Mooring again; the file was left untouched.`,
      { path, reason: cause instanceof Error ? cause.message : String(cause) },
    );
    this.name = 'NotADatabaseError';
  }
}
