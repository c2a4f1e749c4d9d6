#!/usr/bin/env node
// `npm start`: build the app, then run it in Electron. Without an Electron binary (CI and build
// machines cannot download one) say so in one sentence and exit 1: no build, no stack trace.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildAppOrExit } from './build-app.mjs';
import {
  ELECTRON_MISSING_MESSAGE,
  electronPackageDir,
  findElectronRuntime,
} from './electron-runtime.mjs';

const root = path.resolve(import.meta.dirname, '..');

const runtime = findElectronRuntime({ packageDir: electronPackageDir(root) });
if (!runtime.found) {
  process.stderr.write(`${ELECTRON_MISSING_MESSAGE}\n`);
  process.exit(1);
}

buildAppOrExit(root, 'Mooring was not started');

// ELECTRON_RUN_AS_NODE in the environment would turn Electron into plain Node.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(runtime.executable, ['.', ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  process.stderr.write(`Electron could not be started: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
