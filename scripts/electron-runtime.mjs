// Finds the Electron binary the way node_modules/electron/index.js does, but without its side
// effect: requiring 'electron' from Node tries to download a missing binary (and throws after a
// network failure). Here a missing binary is simply reported as missing.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export const ELECTRON_MISSING_MESSAGE =
  'Mooring needs the Electron runtime, which is not installed on this machine; run "npm run demo" to use Mooring in your browser instead.';

/** The installed `electron` package folder, or null when the package is not installed. */
export function electronPackageDir(fromDir = process.cwd()) {
  try {
    const require = createRequire(path.join(fromDir, 'noop.js'));
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * Where the Electron executable is, if it exists.
 * @param {{ packageDir: string | null, env?: NodeJS.ProcessEnv }} options
 * @returns {{ found: true, executable: string } | { found: false, reason: string }}
 */
export function findElectronRuntime({ packageDir, env = process.env }) {
  if (!packageDir) return { found: false, reason: 'the electron package is not installed' };
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  let executable;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    executable = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  } else if (relative) {
    executable = path.join(packageDir, 'dist', relative);
  } else {
    return { found: false, reason: 'no Electron binary was downloaded (no path.txt)' };
  }
  if (!fs.existsSync(executable)) {
    return { found: false, reason: `${executable} does not exist` };
  }
  return { found: true, executable };
}
