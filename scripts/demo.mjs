#!/usr/bin/env node
// `npm run demo [-- --port N]`: build the app and serve its renderer to an ordinary browser
// through the browser host (development only; never packaged). Prints the address to open,
// which carries this launch's secret, and opens nothing itself.
//
// Port: --port N, else MOORING_DEMO_PORT, else 5199. Data: ./.demo-data/ (kept between runs,
// so settings persist; delete the folder to start afresh).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const DEFAULT_PORT = '5199';
const root = path.resolve(import.meta.dirname, '..');
const userDataDir = path.join(root, '.demo-data');

const { values } = parseArgs({
  options: { port: { type: 'string', default: process.env.MOORING_DEMO_PORT ?? DEFAULT_PORT } },
});

const require = createRequire(import.meta.url);
const viteBin = path.join(
  path.dirname(require.resolve('electron-vite/package.json')),
  'bin',
  'electron-vite.js',
);
const build = spawnSync(process.execPath, [viteBin, 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  process.stderr.write('The build failed (see above), so the demo was not started.\n');
  process.exit(build.status ?? 1);
}

// The local Azure emulator (test/emulator/) starts here, before the host, once it exists: the
// host then receives the emulator's endpoints and CA through this environment.
const hostEnv = { ...process.env };

// `--import tsx` runs the TypeScript host in this same Node, with no extra wrapper process.
const host = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    path.join('test', 'browser-host', 'cli.ts'),
    '--user-data-dir',
    userDataDir,
    '--port',
    values.port,
  ],
  { cwd: root, env: hostEnv, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => host.kill(signal));
}
host.on('error', (error) => {
  process.stderr.write(`The browser host could not be started: ${error.message}\n`);
  process.exit(1);
});
host.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
