import { BRIDGE_KEY } from '../../../shared/ipc/bridge';
import { createClient } from '../../../shared/ipc/client';
import type { MooringClient } from '../../../shared/ipc/client';

/**
 * The typed contract client over whatever bridge the host put on `window` (the Electron preload
 * or the browser host's stand-in), or `null` when the page was opened without either.
 */
export function connectClient(): MooringClient | null {
  const bridge = window[BRIDGE_KEY];
  return bridge ? createClient(bridge) : null;
}
