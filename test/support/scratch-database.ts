import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../electron/store/database';

export interface ScratchDatabase {
  readonly db: Database;
  /** The folder holding the database file. */
  readonly dir: string;
  /** Closes the database and removes its folder. */
  close(): void;
}

/** The app's database, every migration applied, in a new temporary folder named after `name`. */
export function scratchDatabase(name: string): ScratchDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mooring-${name}-`));
  const db = openDatabase({ path: path.join(dir, 'mooring.sqlite3') });
  return {
    db,
    dir,
    close: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
