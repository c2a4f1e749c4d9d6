import { parseArgs } from 'node:util';
import { startEmulator } from './emulator';
import { ScenarioError } from './scenario/load';

/**
 * `npm run emulator -- --scenario FILE [--port N] [--certs DIR]`: starts the emulator and prints one JSON line
 * `{"caPath","armUrl","authorityUrl","controlUrl","controlSecret"}`; stops on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string' },
      port: { type: 'string', default: '0' },
      certs: { type: 'string' },
      'control-secret': { type: 'string' },
    },
  });
  if (!values.scenario) {
    process.stderr.write(
      'Usage: npm run emulator -- --scenario FILE [--port N] [--certs DIR] [--control-secret S]\n',
    );
    process.exit(2);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be an integer between 0 and 65535, not '${values.port}'\n`);
    process.exit(2);
  }
  const emulator = await startEmulator({
    scenario: values.scenario,
    port,
    ...(values.certs ? { certsDir: values.certs } : {}),
    ...(values['control-secret'] ? { controlSecret: values['control-secret'] } : {}),
  });
  process.stdout.write(
    `${JSON.stringify({ caPath: emulator.caPath, armUrl: emulator.armUrl, authorityUrl: emulator.authorityHost, controlUrl: emulator.controlUrl, controlSecret: emulator.controlSecret })}\n`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ScenarioError ? error.message : String(error)}\n`);
  process.exit(1);
});
