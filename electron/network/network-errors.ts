/**
 * Failures on the way to Azure that the user (or their network administrator) can act on: the
 * proxy refused or could not be reached, or a server certificate is not trusted (typically a
 * TLS-inspecting proxy whose CA is not configured). Each keeps a stable `code` so retry logic and
 * the UI can tell them apart, and a message that says what happened and what to do.
 */
export type NetworkProblemCode =
  | 'PROXY_UNREACHABLE'
  | 'PROXY_REFUSED'
  | 'PROXY_AUTH_REQUIRED'
  | 'PROXY_TIMEOUT'
  | 'PROXY_UNSUPPORTED'
  | 'UNTRUSTED_CERTIFICATE'
  | 'REQUEST_TIMEOUT'
  | 'UNREADABLE_RESPONSE'
  | 'RESPONSE_TOO_LARGE'
  | 'SIGN_IN_HOST_REFUSED';

export class NetworkProblem extends Error {
  constructor(
    readonly code: NetworkProblemCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'NetworkProblem';
  }
}

/** OpenSSL / Node verification failures that mean "this certificate chain is not trusted here". */
const UNTRUSTED_CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

export function isUntrustedCertificateError(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && UNTRUSTED_CERTIFICATE_CODES.has(code);
}

/**
 * Rewrites a low-level TLS failure into a message the user can act on, keeping the OpenSSL code;
 * anything else is returned unchanged.
 */
export function explainNetworkError(error: unknown, url: string): unknown {
  if (error instanceof NetworkProblem || !isUntrustedCertificateError(error)) return error;
  const host = safeHost(url);
  const code = codeOf(error);
  return new NetworkProblem(
    'UNTRUSTED_CERTIFICATE',
    `The certificate presented for ${host} is not trusted (${code}). If your network inspects TLS traffic, add your organisation's CA certificate file under Settings > Extra CA certificates, or ask your network administrator.`,
    { cause: error },
  );
}

/** The host part of a URL, for messages; never the path or query (they may carry secrets). */
export function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}
