import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where the build reads from: a change in any of these makes out/ stale. */
export const BUILD_SOURCES = ['electron', 'shared', 'renderer', 'electron.vite.config.ts'];
/** The files electron-vite writes that tests load. */
export const BUILD_OUTPUTS = [
  'out/main/main.js',
  'out/preload/preload.cjs',
  'out/renderer/index.html',
];

function newestModification(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry, { withFileTypes: true, recursive: true })) {
    if (child.isFile()) {
      newest = Math.max(newest, statSync(path.join(child.parentPath, child.name)).mtimeMs);
    }
  }
  return newest;
}

/** Whether `outputs` (relative to `root`) are missing or older than any of `sources`. */
export function buildIsStale(
  root: string,
  outputs: readonly string[] = BUILD_OUTPUTS,
  sources: readonly string[] = BUILD_SOURCES,
): boolean {
  const builtAt = Math.min(
    ...outputs.map((file) => {
      const full = path.join(root, file);
      return existsSync(full) ? statSync(full).mtimeMs : 0;
    }),
  );
  const sourcesAt = Math.max(
    ...sources.map((source) => newestModification(path.join(root, source))),
  );
  return builtAt <= sourcesAt;
}

function electronViteBuild(root: string): void {
  try {
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
      { cwd: root, stdio: 'pipe' },
    );
  } catch (error) {
    // execFileSync's error carries the child's output when stdio is piped.
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`electron-vite build failed:\n${output}`, { cause: error });
  }
}

/**
 * Builds the app when out/ is missing or older than its sources, so tests that load the built
 * main process, preload or renderer never check a stale build, and do not rebuild when nothing
 * changed. Returns whether it built.
 */
export function ensureAppBuilt(
  root: string,
  build: (root: string) => void = electronViteBuild,
): boolean {
  if (!buildIsStale(root)) return false;
  build(root);
  return true;
}
