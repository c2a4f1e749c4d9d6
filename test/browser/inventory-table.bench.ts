/**
 * The inventory table in Chromium with 50,000 computes in the record, through the browser host
 * (the same handler map as the app): first paint of the table's rows after the page starts
 * loading (target under 1 s), and a keystroke in the search to the updated list drawn (target
 * under 30 ms), both from the renderer's performance marks. Prints figures, writes them as JSON;
 * asserts nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserHost } from '../browser-host/host';
import { recordingLogger } from '../browser-host/test-support';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/store/database';
import { median, writeBenchJson } from '../inventory/bench-output';
import { FIFTY_THOUSAND, seedRows } from '../inventory/rows-fixture';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

declare global {
  interface Window {
    __rowsDrawn?: Promise<number>;
    __keyAt?: number;
  }
}

const TYPED = 'team-3 west';
const RUNS = 3;

if (!chromiumAvailable) {
  console.log(`No Chromium at ${CHROMIUM_PATH}: the renderer benchmark did not run.`);
  process.exit(0);
}
ensureRendererBuilt();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-table-render-bench-'));
const database = openDatabase({ path: path.join(dir, DATABASE_FILE_NAME) });
seedRows(database, FIFTY_THOUSAND);
database.close();
const host = await startBrowserHost({ userDataDir: dir, logger: recordingLogger() });
const browser = await launchChromium();
try {
  const firstRows: number[] = [];
  const keystrokes: number[] = [];
  const paints: { domContentLoadedMs: number; firstContentfulPaintMs: number }[] = [];
  const everyRun: { firstRowsMs: number; keystrokesMs: number[] }[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    await page.goto(host.url);
    // The app opens on Inventory: the table asks for its first window before anything else.
    await page.waitForFunction(
      () => performance.getEntriesByName('inventory-table-first-rows').length > 0,
      undefined,
      { timeout: 60_000 },
    );
    const firstRowsMs = await page.evaluate(
      () => performance.getEntriesByName('inventory-table-first-rows')[0]?.startTime ?? -1,
    );
    firstRows.push(firstRowsMs);
    paints.push(
      await page.evaluate(() => ({
        domContentLoadedMs:
          (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)
            ?.domContentLoadedEventEnd ?? -1,
        firstContentfulPaintMs:
          performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
      })),
    );
    // The rest of the page (the whole record, for the status line and the palette) has arrived.
    await page.getByTestId('inventory-refreshed-at').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    const search = page.getByTestId('table-search');
    await search.focus();
    const times: number[] = [];
    for (let length = 1; length <= TYPED.length; length += 1) {
      const expected = TYPED.slice(0, length);
      await page.evaluate((wanted) => {
        window.__keyAt = undefined;
        document.addEventListener('keydown', () => (window.__keyAt = performance.now()), {
          once: true,
          capture: true,
        });
        window.__rowsDrawn = new Promise<number>((resolve) => {
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
              if ((entry as PerformanceMark).detail === wanted) {
                observer.disconnect();
                // The frame after the rows were committed: when the user sees them.
                requestAnimationFrame(() => resolve(performance.now()));
              }
            }
          });
          observer.observe({ type: 'mark' });
        });
      }, expected);
      await page.keyboard.type(TYPED.charAt(length - 1));
      const drawnAt = await page.evaluate(() => window.__rowsDrawn);
      const keyAt = await page.evaluate(() => window.__keyAt ?? Number.NaN);
      times.push((drawnAt ?? Number.NaN) - keyAt);
    }
    keystrokes.push(...times);
    everyRun.push({ firstRowsMs, keystrokesMs: times });
    await context.close();
  }
  const sorted = [...keystrokes].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  const figures = {
    computes: 50_000,
    firstRowsDrawn: {
      targetMs: 1_000,
      medianMs: median(firstRows),
      ratioToTarget: median(firstRows) / 1_000,
      domContentLoadedMedianMs: median(paints.map((p) => p.domContentLoadedMs)),
      firstContentfulPaintMedianMs: median(paints.map((p) => p.firstContentfulPaintMs)),
    },
    keystrokeToRowsDrawn: {
      targetMs: 30,
      medianMs: median(keystrokes),
      p95Ms: p95,
      maxMs: sorted.at(-1) ?? 0,
      ratioToTarget: median(keystrokes) / 30,
      keystrokes: keystrokes.length,
    },
    runs: everyRun,
    loadAverage: os.loadavg(),
    cpus: os.cpus().length,
  };
  console.log(
    `first rows drawn after navigation start   ${median(firstRows).toFixed(0).padStart(6)} ms  (${(median(firstRows) / 1000).toFixed(2)}× the 1 s target; median of ${RUNS} loads)`,
  );
  console.log(
    `  page loaded (DOMContentLoaded) ${figures.firstRowsDrawn.domContentLoadedMedianMs.toFixed(0)} ms, first contentful paint ${figures.firstRowsDrawn.firstContentfulPaintMedianMs.toFixed(0)} ms`,
  );
  console.log(
    `search keystroke → updated rows drawn    ${median(keystrokes).toFixed(1).padStart(6)} ms median, ${p95.toFixed(1)} ms p95  (${(median(keystrokes) / 30).toFixed(2)}× the 30 ms target; ${keystrokes.length} keystrokes)`,
  );
  console.log(
    `machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  );
  writeBenchJson('inventory-table-render', figures);
} finally {
  await browser.close();
  await host.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
