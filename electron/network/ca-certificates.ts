import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import tls from 'node:tls';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

export type CaFileResult = { readonly pems: string[] } | { readonly problem: string };

/**
 * The certificates of a PEM bundle, each checked by parsing it. Anything that is not a readable
 * certificate is a problem to report rather than skip: a half-pasted bundle would otherwise fail
 * later with a TLS error far from its cause.
 */
export function parsePemCertificates(text: string): CaFileResult {
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    return {
      problem:
        'it contains no PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)',
    };
  }
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      // OpenSSL's own wording says nothing a user can act on; which certificate failed does.
      return {
        problem: `certificate ${index + 1} of ${blocks.length} is damaged or not a certificate (export it again as PEM)`,
      };
    }
  }
  return { pems: blocks };
}

/** Reads and checks a CA file; the problem says why it cannot be used. */
export function loadCaFile(file: string): CaFileResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: `${file} does not exist` };
    if (code === 'EISDIR') return { problem: `${file} is a folder, not a file` };
    if (code === 'EACCES' || code === 'EPERM')
      return { problem: `${file} cannot be read (permission denied)` };
    return { problem: `${file} cannot be read${code ? ` (${code})` : ''}` };
  }
  return parsePemCertificates(text);
}

/** Node's own trust store: its bundled roots plus NODE_EXTRA_CA_CERTS where the runtime reports them. */
function defaultCertificates(): readonly string[] {
  // getCACertificates exists from Node 22.15; older runtimes only expose the bundled roots.
  return typeof tls.getCACertificates === 'function'
    ? tls.getCACertificates('default')
    : tls.rootCertificates;
}

/**
 * The `ca` option for TLS connections: undefined (Node's defaults) without extra certificates;
 * otherwise the defaults plus the extras, because a `ca` option replaces the defaults rather than
 * adding to them.
 */
export function trustedCertificates(extra: readonly string[]): string[] | undefined {
  return extra.length === 0 ? undefined : [...defaultCertificates(), ...extra];
}
