import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeServices } from '../../electron/app/composition';
import { createFileLogger } from '../../electron/logging/file-logger';
import { databaseFiles } from '../../electron/store/database';
import { testCompositionOptions } from '../support/compose';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
let base: string;

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-modes-'));
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')(
  'private folders and files (POSIX modes; Windows keeps them private through the profile ACL)',
  () => {
    it('makes the user-data folder 0700 and the database, its WAL and SHM 0600', async () => {
      const userData = path.join(base, 'userData');
      // As Electron or an earlier version may have left them: open to everyone.
      fs.mkdirSync(userData, { mode: 0o755 });
      fs.chmodSync(userData, 0o755);
      const composition = composeServices(testCompositionOptions(userData));
      try {
        composition.handlers['settings.setTheme']({ theme: 'dark' }, { transport: 'test' });
        expect(modeOf(userData)).toBe(0o700);
        for (const file of databaseFiles(composition.databasePath)) {
          expect(fs.existsSync(file), `${file} exists`).toBe(true);
          expect(modeOf(file), file).toBe(0o600);
        }
      } finally {
        await composition.close();
      }
    });

    it('tightens a database left readable by others when it is opened again', async () => {
      const userData = path.join(base, 'userData');
      await composeServices(testCompositionOptions(userData)).close();
      const database = databaseFiles(path.join(userData, 'mooring.sqlite3'))[0] ?? '';
      fs.chmodSync(database, 0o644);
      const composition = composeServices(testCompositionOptions(userData));
      await composition.close();
      expect(modeOf(database)).toBe(0o600);
    });

    it('makes the logs folder 0700 and the log files 0600, old ones too', () => {
      const logs = path.join(base, 'logs');
      fs.mkdirSync(logs, { mode: 0o755 });
      fs.chmodSync(logs, 0o755);
      fs.writeFileSync(path.join(logs, 'main.log'), '', { mode: 0o644 });
      fs.chmodSync(path.join(logs, 'main.log'), 0o644);
      const logger = createFileLogger({ dir: logs, maxBytes: 200 });
      logger.info('first');
      for (let line = 0; line < 5; line += 1) logger.info('a line long enough to rotate the log');
      expect(modeOf(logs)).toBe(0o700);
      const files = fs.readdirSync(logs);
      expect(files.length).toBeGreaterThan(1);
      for (const file of files) expect(modeOf(path.join(logs, file)), file).toBe(0o600);
    });
  },
);
