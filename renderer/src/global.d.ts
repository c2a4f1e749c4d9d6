import type { MooringBridge } from '../../shared/ipc/bridge';

declare global {
  interface Window {
    /**
     * Put there by the Electron preload, or by the browser host's stand-in during development and
     * tests. Typed as possibly absent so the app has to say so clearly when neither is present.
     */
    readonly mooring?: MooringBridge;
  }
}

export {};
