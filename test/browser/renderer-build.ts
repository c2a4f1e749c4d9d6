import { REPO_ROOT } from '../browser-host/host';
import { ensureAppBuilt } from '../support/build-output';

/** Builds the app when out/ is missing or older than its sources (see ensureAppBuilt). */
export function ensureRendererBuilt(): void {
  ensureAppBuilt(REPO_ROOT);
}
