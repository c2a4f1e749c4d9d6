import path from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserHost } from './host';

/**
 * `tsx test/browser-host/cli.ts --user-data-dir DIR [--port 5199] [--renderer-dir out/renderer]`
 * Serves the built renderer to an ordinary browser and prints the address to open.
 */

const DEFAULT_PORT = 5199;

const USAGE =
  'Usage: tsx test/browser-host/cli.ts --user-data-dir DIR [--port N (default 5199, 0 = any free)] [--renderer-dir DIR]';

function readOptions() {
  const { values } = parseArgs({
    options: {
      'user-data-dir': { type: 'string' },
      port: { type: 'string', default: String(DEFAULT_PORT) },
      'renderer-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values['user-data-dir']) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not ${values.port}.\n${USAGE}`);
    process.exit(2);
  }
  return {
    userDataDir: path.resolve(values['user-data-dir']),
    port,
    rendererDir: values['renderer-dir'] && path.resolve(values['renderer-dir']),
  };
}

const options = readOptions();
const host = await startBrowserHost({
  userDataDir: options.userDataDir,
  port: options.port,
  automaticRefresh: true,
  ...(options.rendererDir ? { rendererDir: options.rendererDir } : {}),
}).catch((error: unknown) => {
  console.error(
    `The browser host could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});

console.log(
  [
    'Mooring browser host (development and tests only)',
    `  local database: ${host.databasePath}`,
    `  open:           ${host.url}`,
    'The address carries this launch’s secret; it changes every time the host starts.',
    'Press Ctrl+C to stop.',
  ].join('\n'),
);

// A terminal's Ctrl+C reaches both `npm run demo` and this process, which then forwards it
// too: stop once, however many signals arrive.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  host.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('The browser host did not close cleanly.', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
