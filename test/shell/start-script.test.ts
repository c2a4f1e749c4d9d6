import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

type RuntimeCheck = { found: true; executable: string } | { found: false; reason: string };
interface RuntimeModule {
  ELECTRON_MISSING_MESSAGE: string;
  electronPackageDir(fromDir?: string): string | null;
  findElectronRuntime(options: {
    packageDir: string | null;
    env?: NodeJS.ProcessEnv;
  }): RuntimeCheck;
}
// A computed specifier: the script is plain JavaScript without type declarations.
const loadRuntimeModule = async () =>
  (await import(
    pathToFileURL(path.join(root, 'scripts/electron-runtime.mjs')).href
  )) as RuntimeModule;

let scratch: string;
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-start-'));
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('npm start without an Electron binary', () => {
  it('prints one clear sentence and exits 1, without building or a stack trace', () => {
    // ELECTRON_OVERRIDE_DIST_PATH is Electron's own switch for where the binary lives; an empty
    // folder makes "no binary" true on any machine, including ones that have Electron.
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/start.mjs')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: scratch },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'Mooring needs the Electron runtime, which is not installed on this machine; run "npm run demo" to use Mooring in your browser instead.\n',
    );
    expect(run.stdout).toBe('');
  });
});

describe('findElectronRuntime', () => {
  it('reports a missing electron package', async () => {
    const { findElectronRuntime } = await loadRuntimeModule();
    expect(findElectronRuntime({ packageDir: null, env: {} }).found).toBe(false);
  });

  it('reports a package whose binary was never downloaded (no path.txt), without downloading', async () => {
    const { findElectronRuntime } = await loadRuntimeModule();
    expect(findElectronRuntime({ packageDir: scratch, env: {} })).toMatchObject({ found: false });
    expect(fs.readdirSync(scratch)).toEqual([]);
  });

  it('reports a path.txt pointing at a missing binary', async () => {
    const { findElectronRuntime } = await loadRuntimeModule();
    fs.writeFileSync(path.join(scratch, 'path.txt'), 'electron');
    expect(findElectronRuntime({ packageDir: scratch, env: {} })).toMatchObject({ found: false });
  });

  it('finds a downloaded binary, and honours ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const { findElectronRuntime } = await loadRuntimeModule();
    fs.writeFileSync(path.join(scratch, 'path.txt'), 'electron');
    fs.mkdirSync(path.join(scratch, 'dist'));
    fs.writeFileSync(path.join(scratch, 'dist', 'electron'), '');
    expect(findElectronRuntime({ packageDir: scratch, env: {} })).toEqual({
      found: true,
      executable: path.join(scratch, 'dist', 'electron'),
    });
    const elsewhere = path.join(scratch, 'elsewhere');
    expect(
      findElectronRuntime({ packageDir: scratch, env: { ELECTRON_OVERRIDE_DIST_PATH: elsewhere } }),
    ).toMatchObject({ found: false });
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(elsewhere, 'electron'), '');
    expect(
      findElectronRuntime({ packageDir: scratch, env: { ELECTRON_OVERRIDE_DIST_PATH: elsewhere } }),
    ).toEqual({ found: true, executable: path.join(elsewhere, 'electron') });
  });

  it("locates this project's electron package", async () => {
    const { electronPackageDir } = await loadRuntimeModule();
    expect(electronPackageDir(root)).toBe(path.join(root, 'node_modules', 'electron'));
  });
});
