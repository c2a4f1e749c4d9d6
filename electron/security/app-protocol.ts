import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export const mimeTypeFor = (file: string): string =>
  MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/** Headers on every answer, files and errors alike. */
const baseHeaders = (): Record<string, string> => ({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
});

const plainAnswer = (status: number, text: string): Response =>
  new Response(text, {
    status,
    headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });

export type ResolvedRequest =
  | { readonly kind: 'file'; readonly file: string }
  | { readonly kind: 'refused'; readonly status: 400 | 403 | 404 | 405 };

const isInside = (root: string, candidate: string): boolean => {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/**
 * Maps a `mooring://app/...` URL to a file under `rootDir`, refusing anything that could leave
 * it. The URL parser already folds `..` segments, but percent-encoded separators (`..%2f`) and
 * backslashes survive parsing and only turn into traversal after decoding, so the decoded path
 * is checked segment by segment and the final path is checked against the root again.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): ResolvedRequest {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'refused', status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { kind: 'refused', status: 404 };
  }
  if (url.username !== '' || url.password !== '') return { kind: 'refused', status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'refused', status: 403 };
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) {
    return { kind: 'refused', status: 403 };
  }
  if (segments.length === 0) segments.push('index.html');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  if (!isInside(root, file)) return { kind: 'refused', status: 403 };
  return { kind: 'file', file };
}

/*
 * The callback-style fs functions, looked up when called: Electron patches exactly these to read
 * inside app.asar, where the packaged renderer lives.
 */
const realpath = (file: string) => promisify(fs.realpath)(file);
const stat = (file: string) => promisify(fs.stat)(file);
const readFile = (file: string) => promisify(fs.readFile)(file);

export interface AppProtocolOptions {
  /** The built renderer folder (`out/renderer`). */
  readonly rootDir: string;
}

/**
 * The handler for `protocol.handle('mooring', ...)`: serves the built renderer read-only with the
 * right MIME type and our CSP. Written against the Fetch API's Request/Response so it runs (and
 * is tested) in plain Node as well as in Electron's main process.
 */
export function createAppRequestHandler(
  options: AppProtocolOptions,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plainAnswer(405, 'Method not allowed');
    }
    const resolved = resolveAppPath(options.rootDir, request.url);
    if (resolved.kind === 'refused') {
      return plainAnswer(resolved.status, resolved.status === 404 ? 'Not found' : 'Refused');
    }
    let root: string;
    let real: string;
    try {
      root = await realpath(path.resolve(options.rootDir));
      // A symbolic link inside the folder could still point outside it.
      real = await realpath(resolved.file);
      if (!isInside(root, real) || !(await stat(real)).isFile()) {
        return plainAnswer(404, 'Not found');
      }
    } catch {
      return plainAnswer(404, 'Not found');
    }
    const body = request.method === 'HEAD' ? null : await readFile(real);
    return new Response(body, {
      status: 200,
      headers: { ...baseHeaders(), 'Content-Type': mimeTypeFor(real) },
    });
  };
}
