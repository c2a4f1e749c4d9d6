#!/usr/bin/env node
// `npm run demo [-- --port N --emulator-port N --browser]`: build the app, start the local Azure
// emulator with the demo scenario, and run Mooring against it — in Electron where its runtime is
// installed, otherwise in your browser through the browser host (development only; never
// packaged). Prints what to open; opens nothing itself. Data: ./.demo-data/ (kept between runs;
// delete the folder to start afresh). The work is done by test/browser-host/demo.ts.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildAppOrExit } from './build-app.mjs';

const root = path.resolve(import.meta.dirname, '..');

buildAppOrExit(root, 'the demo was not started');

// `--import tsx` runs the TypeScript demo in this same Node, with no extra wrapper process.
const demo = spawn(
  process.execPath,
  ['--import', 'tsx', path.join('test', 'browser-host', 'demo.ts'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => demo.kill(signal));
}
demo.on('error', (error) => {
  process.stderr.write(`The demo could not be started: ${error.message}\n`);
  process.exit(1);
});
demo.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
