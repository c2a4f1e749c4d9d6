import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { startEmulator } from '../emulator/emulator';
import { demoScenarioPath } from '../emulator/testing';
import { REPO_ROOT, startBrowserHost } from './host';
import { consoleLogger } from '../../electron/logging/logger';
import { startOfflineKey, type OfflineKey } from './offline-key';
import { terminalConfirmer } from './system-stand-ins';

/**
 * `npm run demo`: the local Azure emulator with the demo scenario, and Mooring pointed at it —
 * in Electron where its runtime is installed, otherwise in the browser host. Everything stays in
 * ./.demo-data (the emulator's certificates too, so a browser that accepted them once keeps
 * doing so).
 */

interface RuntimeModule {
  electronPackageDir(fromDir?: string): string | null;
  findElectronRuntime(options: {
    packageDir: string | null;
  }): { found: true; executable: string } | { found: false; reason: string };
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.MOORING_DEMO_PORT ?? '5199' },
    'emulator-port': { type: 'string', default: process.env.MOORING_DEMO_EMULATOR_PORT ?? '5198' },
    browser: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
const emulatorPort = Number(values['emulator-port']);
for (const [name, value] of [
  ['--port', port],
  ['--emulator-port', emulatorPort],
] as const) {
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${name} must be a whole number from 0 to 65535.`);
    process.exit(2);
  }
}

const dataDir = path.join(REPO_ROOT, '.demo-data');
mkdirSync(dataDir, { recursive: true });

const emulator = await startEmulator({
  scenario: demoScenarioPath,
  port: emulatorPort,
  certsDir: path.join(dataDir, 'emulator-certs'),
}).catch((error: unknown) => {
  console.error(`The local Azure emulator could not start: ${String(error)}`);
  process.exit(1);
});
const azure = { resourceManagerUrl: emulator.armUrl, caFile: emulator.caPath };
const accounts = emulator.scenario.accounts.map((account) => account.username).join(', ');

const runtimeModule = (await import(
  pathToFileURL(path.join(REPO_ROOT, 'scripts/electron-runtime.mjs')).href
)) as RuntimeModule;
const electron = runtimeModule.findElectronRuntime({
  packageDir: runtimeModule.electronPackageDir(REPO_ROOT),
});

const intro = [
  'Mooring demo, against the local Azure emulator (no Azure account needed)',
  `  Azure (emulated):  ${emulator.armUrl}  — its CA: ${emulator.caPath}`,
  `  sign in as any of: ${accounts}`,
  `  emulator control:  ${emulator.controlUrl}  — header x-emulator-secret: ${emulator.controlSecret}`,
  '                     (faults, scripted sign-ins, changes outside Mooring: test/emulator/README.md)',
  '  press o here:      take the local Azure offline (connections refused) and back, Mooring running',
  '  Your browser will warn about the emulator’s certificate on the sign-in page: accept it, or',
  '  trust the CA above. Or pick “Use a device code” and open the address Mooring shows.',
];

let stopHost: () => Promise<void> = () => Promise.resolve();
let offlineKey: OfflineKey | undefined;
if (electron.found && !values.browser) {
  const app = spawn(electron.executable, [path.join(REPO_ROOT, 'out', 'main', 'main.js')], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      MOORING_TEST_USER_DATA_DIR: path.join(dataDir, 'electron'),
      MOORING_DEV_AZURE_ARM_URL: azure.resourceManagerUrl,
      MOORING_DEV_AZURE_CA_FILE: azure.caFile,
    },
  });
  console.log([...intro, '  Mooring runs in Electron; close its window to stop.'].join('\n'));
  app.on('exit', () => void emulator.close().then(() => process.exit(0)));
  stopHost = async () => {
    app.kill();
  };
} else {
  const host = await startBrowserHost({
    userDataDir: path.join(dataDir, 'browser'),
    port,
    azure,
    automaticRefresh: true,
    // A question asked in this terminal has it to itself: the o key waits meanwhile.
    confirmSecurityChange: {
      confirm: (request) => {
        offlineKey?.suspend();
        return terminalConfirmer(consoleLogger)
          .confirm(request)
          .finally(() => offlineKey?.resume());
      },
    },
  }).catch(async (error: unknown) => {
    console.error(`The browser host could not start: ${String(error)}`);
    await emulator.close();
    process.exit(1);
  });
  stopHost = () => host.close();
  console.log(
    [
      ...intro,
      `  open Mooring:      ${host.url}`,
      '  A change to the cloud, client id, proxy, certificates or token storage is confirmed here,',
      '  in this terminal (the stand-in for the app’s own dialog, which the page cannot answer).',
      '  (the address carries this launch’s secret; it changes every time). Ctrl+C stops.',
    ].join('\n'),
  );
}

// Only with a terminal to press it in (not when the demo's input is a pipe or a file).
if (process.stdin.isTTY) {
  offlineKey = startOfflineKey({ input: process.stdin, output: process.stdout, azure: emulator });
}

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  offlineKey?.stop();
  void stopHost()
    .then(() => emulator.close())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
