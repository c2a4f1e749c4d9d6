import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MooringBridge } from '../../shared/ipc/bridge';
import { eventChannel, operationChannel } from '../../shared/ipc/contract-kit';
import * as standIn from '../stand-ins/electron';
import { ensureAppBuilt } from '../support/build-output';

vi.mock('electron', () => import('../stand-ins/electron'));
// Instantiate the mock now: vi.resetModules() (used to re-run the preload) keeps the mock
// registry, so the preload then keeps getting this same stand-in instance.
import 'electron';

const root = path.resolve(import.meta.dirname, '../..');
const builtPreload = path.join(root, 'out', 'preload', 'preload.cjs');

/** The one object the preload exposed, after checking it exposed exactly one. */
function exposedBridge(): MooringBridge {
  expect(standIn.recorder.exposedInMainWorld).toHaveLength(1);
  const [exposed] = standIn.recorder.exposedInMainWorld;
  expect(exposed?.key).toBe('mooring');
  return exposed?.api as MooringBridge;
}

/**
 * The same assertions for the preload source (through vi.mock) and for the built single-file
 * preload that ships (loaded with a `require` that only knows the stand-in).
 */
const loaders: [string, () => Promise<void>][] = [
  [
    'electron/preload.ts',
    async () => {
      vi.resetModules();
      await import('../../electron/preload');
    },
  ],
  [
    'out/preload/preload.cjs',
    async () => {
      const required: string[] = [];
      const module = { exports: {} };
      const fakeRequire = (name: string) => {
        required.push(name);
        if (name === 'electron') return standIn;
        throw new Error(`a sandboxed preload cannot require ${name}`);
      };
      // The built file is CommonJS; run it the way Electron's sandboxed preload loader does.
      const run = new Function(
        'require',
        'module',
        'exports',
        fs.readFileSync(builtPreload, 'utf8'),
      );
      run(fakeRequire, module, module.exports);
      // A sandboxed preload can only require a few Electron modules: everything else is bundled.
      expect(required).toEqual(['electron']);
    },
  ],
];

// The built preload is tested as it ships: rebuilt first when its sources changed.
beforeAll(() => {
  ensureAppBuilt(root);
}, 180_000);

describe.each(loaders)('the preload (%s)', (_label, load) => {
  beforeEach(async () => {
    standIn.resetStandIn();
    await load();
  });

  it('exposes exactly one property, window.mooring, with exactly invoke and on', () => {
    const bridge = exposedBridge();
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  it('forwards an operation to ipcRenderer.invoke on its channel and answers the result', async () => {
    const bridge = exposedBridge();
    standIn.recorder.invokeAnswer = { ok: true, value: { theme: 'dark' } };
    const answer = await bridge.invoke('settings.setTheme', { theme: 'dark' });
    expect(answer).toEqual({ ok: true, value: { theme: 'dark' } });
    expect(standIn.recorder.rendererInvocations).toEqual([
      { channel: operationChannel('settings.setTheme'), args: [{ theme: 'dark' }] },
    ]);
  });

  it('refuses unknown operation names without calling ipcRenderer', async () => {
    const bridge = exposedBridge();
    for (const name of ['nope', '__proto__', 'constructor', 'toString', '']) {
      const answer = await (bridge.invoke as (n: string, i: unknown) => Promise<unknown>)(name, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    }
    expect(standIn.recorder.rendererInvocations).toEqual([]);
  });

  it('hands listeners only the payload, never the IpcRendererEvent, and unsubscribes', () => {
    const bridge = exposedBridge();
    const listener = vi.fn();
    const unsubscribe = bridge.on('settings.changed', listener);
    const channel = eventChannel('settings.changed');
    const ipcEvent = { sender: { send: () => {} }, ports: [] };
    standIn.recorder.rendererListeners.emit(channel, ipcEvent, { theme: 'light' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ theme: 'light' }]);
    unsubscribe();
    expect(standIn.recorder.rendererListeners.listenerCount(channel)).toBe(0);
    standIn.recorder.rendererListeners.emit(channel, ipcEvent, { theme: 'dark' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('refuses unknown event names', () => {
    const bridge = exposedBridge();
    expect(() => (bridge.on as (n: string, l: () => void) => void)('nope', () => {})).toThrow();
    expect(standIn.recorder.rendererListeners.listeners.size).toBe(0);
  });
});
