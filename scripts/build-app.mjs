// The build both `npm start` and `npm run demo` begin with: electron-vite, in this same Node.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Builds main, preload and renderer into out/; on failure says what was not started and exits
 * with the build's status.
 * @param {string} root the repository folder
 * @param {string} whatWaits e.g. "Mooring was not started"
 */
export function buildAppOrExit(root, whatWaits) {
  const require = createRequire(import.meta.url);
  const viteBin = path.join(
    path.dirname(require.resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js',
  );
  const build = spawnSync(process.execPath, [viteBin, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    process.stderr.write(`The build failed (see above), so ${whatWaits}.\n`);
    process.exit(build.status ?? 1);
  }
}
