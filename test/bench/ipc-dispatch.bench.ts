/**
 * How much the IPC contract costs: validated dispatch against calling the service directly,
 * on a real database in a temporary folder. Prints figures and ratios; asserts nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { composeServices } from '../../electron/app/composition';
import { createSettingsRepository } from '../../electron/settings/settings-repository';
import { testCompositionOptions } from '../support/compose';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-bench-'));

async function measure(label: string, runs: number, body: (i: number) => unknown) {
  for (let i = 0; i < Math.min(runs, 500); i++) await body(i); // warm-up
  const started = performance.now();
  for (let i = 0; i < runs; i++) await body(i);
  const micros = ((performance.now() - started) * 1000) / runs;
  console.log(`${label.padEnd(44)} ${micros.toFixed(2).padStart(9)} µs/call  (${runs} calls)`);
  return micros;
}

try {
  const openStarted = performance.now();
  const services = composeServices(testCompositionOptions(dir));
  console.log(`open + migrate a new database: ${(performance.now() - openStarted).toFixed(1)} ms`);

  const context = { transport: 'test' } as const;
  const repository = createSettingsRepository(services.database);
  const themes = ['light', 'dark'] as const;

  const directRead = await measure('settings read, direct', 20_000, () => repository.get('theme'));
  const dispatchedRead = await measure('settings.get through dispatch', 20_000, () =>
    services.dispatch('settings.get', {}, context),
  );
  const directWrite = await measure('theme write, direct', 5_000, (i) =>
    repository.set('theme', themes[i % 2] ?? 'light'),
  );
  const dispatchedWrite = await measure('settings.setTheme through dispatch', 5_000, (i) =>
    services.dispatch('settings.setTheme', { theme: themes[i % 2] }, context),
  );
  await measure('invalid input refused by dispatch', 20_000, () =>
    services.dispatch('settings.setTheme', { theme: 'purple' }, context),
  );

  console.log(`dispatch overhead, read:  ${(dispatchedRead / directRead).toFixed(2)}× direct`);
  console.log(`dispatch overhead, write: ${(dispatchedWrite / directWrite).toFixed(2)}× direct`);
  const { rss, heapUsed } = process.memoryUsage();
  console.log(
    `memory: rss ${(rss / 2 ** 20).toFixed(1)} MiB, heap ${(heapUsed / 2 ** 20).toFixed(1)} MiB`,
  );
  await services.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
