import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemProgram, type WindowsSystem } from './policy-location';

/** Programs Mooring runs at start-up answer within this time, or are taken as failed. */
const PROGRAM_TIMEOUT_MS = 15_000;

/**
 * The real Windows, asked without native addons. The Windows folder comes from the kernel's
 * `\SystemRoot` link (opened through `\\?\GLOBALROOT`), which no user can redirect; failing
 * that, `C:\Windows` when it exists. Programs run by absolute path with an empty environment.
 */
export const nodeWindowsSystem: WindowsSystem = {
  windowsFolder() {
    try {
      const real = fs.realpathSync.native('\\\\?\\GLOBALROOT\\SystemRoot');
      return real.replace(/^\\\\\?\\/, '');
    } catch {
      return fs.existsSync('C:\\Windows\\System32') ? 'C:\\Windows' : null;
    }
  },
  run(program, args) {
    try {
      return execFileSync(program, [...args], {
        encoding: 'utf8',
        windowsHide: true,
        timeout: PROGRAM_TIMEOUT_MS,
        env: {},
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      return null;
    }
  },
};

/**
 * A file's ACL in SDDL, as `icacls FILE /save` writes it (UTF-16), so the account names are SIDs
 * and read the same in every Windows language. Null when it cannot be read.
 */
export function readFileAcl(system: WindowsSystem, file: string): string | null {
  const windows = system.windowsFolder();
  if (windows === null) return null;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-acl-'));
  try {
    const saved = path.join(folder, 'acl.txt');
    if (system.run(systemProgram(windows, 'icacls.exe'), [file, '/save', saved]) === null) {
      return null;
    }
    return fs.readFileSync(saved, 'utf16le').replace(/^\uFEFF/, '');
  } catch {
    return null;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
