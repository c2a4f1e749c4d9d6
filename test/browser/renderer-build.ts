import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../browser-host/host';

const BUILT_INDEX = path.join(REPO_ROOT, 'out', 'renderer', 'index.html');
const RENDERER_SOURCES = ['renderer', 'shared'].map((folder) => path.join(REPO_ROOT, folder));

function newestModification(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * Builds the app when out/renderer is missing or older than the renderer's sources, so the
 * browser tests never check a stale renderer and do not rebuild when nothing changed.
 */
export function ensureRendererBuilt(): void {
  const builtAt = existsSync(BUILT_INDEX) ? statSync(BUILT_INDEX).mtimeMs : 0;
  const sourcesAt = Math.max(...RENDERER_SOURCES.map(newestModification));
  if (builtAt > sourcesAt) return;
  try {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, stdio: 'pipe' });
  } catch (error) {
    // execFileSync's error carries the child's output when stdio is piped.
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`npx electron-vite build failed:\n${output}`, { cause: error });
  }
}
