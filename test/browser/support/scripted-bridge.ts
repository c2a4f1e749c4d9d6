import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../../browser-host/host';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built renderer (out/renderer) on 127.0.0.1 without any main process: the page gets
 * a scripted bridge instead (see `installScriptedBridge`), so the views can be driven in
 * Chromium before the main-process handlers exist.
 */
export async function serveBuiltRenderer(): Promise<{ url: string; close: () => Promise<void> }> {
  const root = path.join(REPO_ROOT, 'out', 'renderer');
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = path.normalize(path.join(root, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What the scripted bridge answers: a value per operation, or a rule evaluated in the page. */
export interface BridgeScript {
  /** Fixed answers by operation name. */
  readonly answers: Record<string, unknown>;
}

/**
 * Runs in the page before the app: `window.mooring` answers from `script.answers`, records every
 * call in `window.__calls`, and `window.__push(event, payload)` delivers an event the way the
 * main process would. `window.__answer(name, value)` changes an answer mid-test.
 */
export function scriptedBridgeInit(script: BridgeScript): void {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const answers = new Map<string, unknown>(Object.entries(script.answers));
  const calls: { name: string; input: unknown }[] = [];
  const scope = window as unknown as Record<string, unknown>;
  scope.__calls = calls;
  scope.__answer = (name: string, value: unknown) => answers.set(name, value);
  scope.__push = (name: string, payload: unknown) => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
  scope.mooring = Object.freeze({
    invoke: (name: string, input: unknown) => {
      calls.push({ name, input });
      if (!answers.has(name)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'unknown-operation', message: `Not scripted: ${name}` },
        });
      }
      return Promise.resolve({ ok: true, value: answers.get(name) });
    },
    on: (name: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
  });
}
