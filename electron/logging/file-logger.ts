import fs from 'node:fs';
import path from 'node:path';
import {
  PRIVATE_FILE_MODE,
  ensurePrivateFolder,
  makeFilesPrivate,
} from '../security/private-files';
import type { Logger } from './logger';
import { redact, redactText } from './redact';

export type LogLevel = 'info' | 'warn' | 'error';

export interface FileLoggerOptions {
  /** The logs folder (`<userData>/logs`); created if missing. */
  readonly dir: string;
  readonly fileName?: string;
  /** Rotate when the current file would grow past this many bytes. */
  readonly maxBytes?: number;
  /** How many files to keep, the current one included (main.log, main.log.1, main.log.2). */
  readonly maxFiles?: number;
  readonly now?: () => Date;
  /** Also pass every (already redacted) entry here, e.g. the console in development. */
  readonly mirror?: Logger;
}

export interface FileLogger extends Logger {
  /** Full path of the current log file. */
  readonly file: string;
  readonly dir: string;
}

export const LOG_FILE_NAME = 'main.log';
export const DEFAULT_MAX_LOG_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_LOG_FILES = 3;

/**
 * A small synchronous JSON-lines logger. Synchronous appends keep the last lines before a crash
 * and the volume is low (operations, not per-frame events). Every message and detail passes
 * through `redact` before it reaches the disk or the mirror. Logging never throws: a full disk
 * must not take the app down.
 */
export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const fileName = options.fileName ?? LOG_FILE_NAME;
  const file = path.join(options.dir, fileName);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_LOG_BYTES;
  const maxFiles = Math.max(1, options.maxFiles ?? DEFAULT_MAX_LOG_FILES);
  const now = options.now ?? (() => new Date());
  let size = -1; // unknown until the first write
  let reportedFailure = false;

  const rotate = () => {
    size = 0;
    if (maxFiles === 1) {
      fs.rmSync(file, { force: true });
      return;
    }
    // Oldest first: main.log.2 is dropped, main.log.1 -> .2, main.log -> .1.
    fs.rmSync(`${file}.${maxFiles - 1}`, { force: true });
    for (let index = maxFiles - 2; index >= 0; index -= 1) {
      const from = index === 0 ? file : `${file}.${index}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${file}.${index + 1}`);
    }
  };

  const write = (level: LogLevel, message: string, detail: unknown) => {
    const entry: Record<string, unknown> = {
      time: now().toISOString(),
      level,
      message: redactText(message),
    };
    const safeDetail = detail === undefined ? undefined : redact(detail);
    if (safeDetail !== undefined) entry.detail = safeDetail;
    options.mirror?.[level](entry.message as string, safeDetail);
    const line = `${JSON.stringify(entry)}\n`;
    const bytes = Buffer.byteLength(line);
    try {
      if (size < 0) {
        // Logs name tenants, subscriptions and hosts: private, like the database.
        ensurePrivateFolder(options.dir);
        makeFilesPrivate([file]);
        size = fs.existsSync(file) ? fs.statSync(file).size : 0;
      }
      if (size > 0 && size + bytes > maxBytes) rotate();
      fs.appendFileSync(file, line, { mode: PRIVATE_FILE_MODE });
      size += bytes;
    } catch (error) {
      size = -1; // re-read the size next time; the file may have been moved or deleted
      if (!reportedFailure) {
        reportedFailure = true;
        process.stderr.write(`Mooring could not write its log at ${file}: ${String(error)}\n`);
      }
    }
  };

  return {
    file,
    dir: options.dir,
    info: (message, detail) => write('info', message, detail),
    warn: (message, detail) => write('warn', message, detail),
    error: (message, detail) => write('error', message, detail),
  };
}
