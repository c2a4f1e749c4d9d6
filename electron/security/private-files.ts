import fs from 'node:fs';

/** Only the user who runs Mooring may list or enter its folders, or read and write its files. */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** Set before anything is created, so every new file and folder starts private. */
export const PRIVATE_UMASK = 0o077;

// Windows has no POSIX modes (its files inherit the user profile's ACL, private already).
const hasPosixModes = (platform: NodeJS.Platform) => platform !== 'win32';

/**
 * Creates the folder (and its parents) if missing and makes it private. A folder that already
 * exists — made by Electron before any of our code ran, or by an earlier version — is tightened
 * too, since the mode given to mkdir applies to new folders only.
 */
export function ensurePrivateFolder(
  dir: string,
  platform: NodeJS.Platform = process.platform,
): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (hasPosixModes(platform)) fs.chmodSync(dir, PRIVATE_FOLDER_MODE);
}

/** Makes each existing file private; a file not (yet) there is skipped. */
export function makeFilesPrivate(
  files: readonly string[],
  platform: NodeJS.Platform = process.platform,
): void {
  if (!hasPosixModes(platform)) return;
  for (const file of files) {
    try {
      fs.chmodSync(file, PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
