import { appendFileSync } from 'node:fs';

/** Where `npm test` collects skipped groups (set by scripts/test.mjs); unset when vitest runs alone. */
export const SKIP_REPORT_ENV = 'MOORING_SKIP_REPORT';

/**
 * Records that a whole group of tests cannot run here, and why: one line in the run's output,
 * and one entry in `npm test`'s closing summary, so a skipped group is never reported as a pass.
 * Answers `skipped` so the call can sit in `describe.skipIf(...)`.
 */
export function reportSkippedGroup(skipped: boolean, group: string, reason: string): boolean {
  if (!skipped) return false;
  console.warn(`skipped: ${group} — ${reason}`);
  const file = process.env[SKIP_REPORT_ENV];
  if (file) appendFileSync(file, `${JSON.stringify({ group, reason })}\n`);
  return true;
}
