import path from 'node:path';
import { build } from 'esbuild';

const STAND_IN_ENTRY = path.join(import.meta.dirname, 'stand-in', 'bridge.ts');

/**
 * Bundles the stand-in of the preload into one classic script for the browser. Done in memory
 * at host start, so it never lands in out/ and cannot be packaged with the app.
 */
export async function bundleStandIn(): Promise<string> {
  const result = await build({
    entryPoints: [STAND_IN_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output for the browser host stand-in.');
  return output.text;
}
