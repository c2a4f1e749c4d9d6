import fs from 'node:fs';
import path from 'node:path';

/** Where benchmarks write their figures as JSON (beside the test screenshots, not committed). */
export const BENCH_RESULTS_DIR = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  'test-results',
  'bench',
);

/** Writes a benchmark's figures as JSON and says where. */
export function writeBenchJson(name: string, figures: unknown): void {
  fs.mkdirSync(BENCH_RESULTS_DIR, { recursive: true });
  const file = path.join(BENCH_RESULTS_DIR, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`figures written to ${path.relative(process.cwd(), file)}`);
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
