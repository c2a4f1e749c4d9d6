import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileLogger } from '../../electron/logging/file-logger';

let dir: string;
const fixedNow = () => new Date('2026-01-02T03:04:05.000Z');
const readLines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

beforeEach(() => {
  dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-logs-')), 'logs');
});
afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

describe('the file logger', () => {
  it('writes JSON lines to <dir>/main.log, creating the folder', () => {
    const logger = createFileLogger({ dir, now: fixedNow });
    logger.info('Mooring starting', { version: '0.1.0' });
    logger.warn('Slow response');
    logger.error('Attach failed', new Error('boom'));
    expect(logger.file).toBe(path.join(dir, 'main.log'));
    const lines = readLines(logger.file);
    expect(lines[0]).toEqual({
      time: '2026-01-02T03:04:05.000Z',
      level: 'info',
      message: 'Mooring starting',
      detail: { version: '0.1.0' },
    });
    expect(lines[1]).toEqual({
      time: '2026-01-02T03:04:05.000Z',
      level: 'warn',
      message: 'Slow response',
    });
    expect(lines[2]).toMatchObject({ level: 'error', detail: { name: 'Error', message: 'boom' } });
  });

  it('redacts every message and detail before writing', () => {
    const logger = createFileLogger({ dir });
    logger.info('token answer: access_token=opaque-secret-1&expires_in=3600');
    logger.warn('request', { headers: { Authorization: 'Bearer opaque-secret-2' } });
    logger.error('failed', new Error('client_secret=opaque-secret-3'));
    const text = fs.readFileSync(logger.file, 'utf8');
    for (const secret of ['opaque-secret-1', 'opaque-secret-2', 'opaque-secret-3']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[REDACTED]');
  });

  it('mirrors redacted entries when asked', () => {
    const mirror = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const logger = createFileLogger({ dir, mirror });
    logger.warn('password=hunter2', { sig: 'abc' });
    expect(mirror.warn).toHaveBeenCalledWith('password=[REDACTED]', { sig: '[REDACTED]' });
  });

  it('rotates by size and keeps at most maxFiles files', () => {
    const logger = createFileLogger({ dir, maxBytes: 400, maxFiles: 3, now: fixedNow });
    for (let index = 0; index < 40; index += 1) logger.info(`entry ${index} ${'x'.repeat(60)}`);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['main.log', 'main.log.1', 'main.log.2']);
    for (const file of files)
      expect(fs.statSync(path.join(dir, file)).size).toBeLessThanOrEqual(400);
    // The newest entry is in main.log, older ones in .1 then .2, none lost between them.
    const current = readLines(path.join(dir, 'main.log')).map((l) => l.message as string);
    const previous = readLines(path.join(dir, 'main.log.1')).map((l) => l.message as string);
    expect(current.at(-1)).toMatch(/^entry 39 /);
    const lastOfPrevious = Number(/entry (\d+)/.exec(previous.at(-1) ?? '')?.[1]);
    const firstOfCurrent = Number(/entry (\d+)/.exec(current[0] ?? '')?.[1]);
    expect(firstOfCurrent).toBe(lastOfPrevious + 1);
  });

  it('continues an existing log file and counts its size', () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'main.log'), `${'{"old":true}\n'.repeat(30)}`);
    const logger = createFileLogger({ dir, maxBytes: 400 });
    logger.info('new entry');
    expect(fs.readFileSync(path.join(dir, 'main.log.1'), 'utf8')).toContain('"old":true');
    expect(fs.readFileSync(path.join(dir, 'main.log'), 'utf8')).toContain('new entry');
  });

  it('never throws when the log cannot be written', () => {
    const blocker = path.join(path.dirname(dir), 'file-not-folder');
    fs.writeFileSync(blocker, '');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const logger = createFileLogger({ dir: path.join(blocker, 'logs') });
      expect(() => logger.error('still fine')).not.toThrow();
      expect(() => logger.error('still fine')).not.toThrow();
      expect(stderr).toHaveBeenCalledTimes(1);
    } finally {
      stderr.mockRestore();
    }
  });
});
