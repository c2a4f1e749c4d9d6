import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export const mimeTypeFor = (filePath: string): string =>
  MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';

export type StaticLookup =
  | { readonly kind: 'file'; readonly filePath: string }
  | { readonly kind: 'refused'; readonly status: 400 | 403; readonly reason: string }
  | { readonly kind: 'missing' };

const isInside = (root: string, candidate: string) =>
  candidate === root || candidate.startsWith(root + path.sep);

/**
 * Maps a request path to a file under `root`, refusing anything that would leave it: encoded
 * `../` (`..%2f`), backslashes, NUL bytes, and symbolic links pointing outside.
 */
export async function lookUpStaticFile(root: string, pathname: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'refused', status: 400, reason: 'The path is not valid percent-encoding.' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    return { kind: 'refused', status: 400, reason: 'The path contains forbidden characters.' };
  }
  const realRoot = await realpath(root);
  const candidate = path.resolve(realRoot, `.${decoded}`);
  if (!isInside(realRoot, candidate)) {
    return { kind: 'refused', status: 403, reason: 'The path leaves the renderer folder.' };
  }
  let realCandidate: string;
  try {
    realCandidate = await realpath(candidate);
    if (!(await stat(realCandidate)).isFile()) return { kind: 'missing' };
  } catch {
    return { kind: 'missing' };
  }
  if (!isInside(realRoot, realCandidate)) {
    return { kind: 'refused', status: 403, reason: 'The path leaves the renderer folder.' };
  }
  return { kind: 'file', filePath: realCandidate };
}
