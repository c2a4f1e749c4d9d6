import type { Readable } from 'node:stream';
import { NetworkProblem, safeHost } from './network-errors';

/**
 * The largest answer Mooring reads, by what it asked for. Real answers are far smaller (a cloud's
 * metadata and a token response are a few KiB; an ARM page of a thousand subscriptions about one
 * MiB): a server or proxy that streams more is broken or hostile, and is cut off before it fills
 * the main process's memory.
 */
export const RESPONSE_LIMITS = {
  /** `{arm}/metadata/endpoints`. */
  metadata: 1024 * 1024,
  /** Sign-in: token, device-code and OpenID configuration answers. */
  token: 1024 * 1024,
  /** ARM answers: list pages and single resources. */
  list: 32 * 1024 * 1024,
} as const;

export type ResponseKind = keyof typeof RESPONSE_LIMITS;

const WHAT: Record<ResponseKind, string> = {
  metadata: 'a cloud description',
  token: 'a sign-in answer',
  list: 'an Azure Resource Manager answer',
};

/** The problem for an answer over its limit; names the host only, never what it sent. */
export function responseTooLarge(kind: ResponseKind, url: string): NetworkProblem {
  const mib = Math.round(RESPONSE_LIMITS[kind] / (1024 * 1024));
  return new NetworkProblem(
    'RESPONSE_TOO_LARGE',
    `${safeHost(url)} sent ${WHAT[kind]} larger than ${mib} MiB, so Mooring stopped reading it; a proxy or captive portal may be in the way. Check your network and proxy settings, then try again.`,
  );
}

/** Reads a stream to the end as UTF-8, or rejects (and destroys it) once it passes the kind's limit. */
export function readWithinLimit(
  stream: Readable,
  kind: ResponseKind,
  url: string,
): Promise<string> {
  const limit = RESPONSE_LIMITS[kind];
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > limit) {
        const problem = responseTooLarge(kind, url);
        stream.destroy(problem);
        reject(problem);
        return;
      }
      chunks.push(bytes);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}
