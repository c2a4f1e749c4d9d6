import { AppError } from '../core/errors';
import { cloudFromMetadata, metadataUrl, type CloudEndpoints } from '../azure/clouds';
import { sendHttps } from '../network/https-request';
import { NetworkProblem } from '../network/network-errors';
import type { NetworkTransport } from '../network/transport';

/** Metadata answers within this time or the custom cloud is reported unreachable. */
export const METADATA_TIMEOUT_MS = 30_000;

/**
 * Reads a custom cloud's endpoints from `{arm}/metadata/endpoints` through the given transport
 * (the proxy and CAs the user is configuring, not the ones in force). Errors name the host the
 * user chose and say what to do; they never repeat what that host answered (its text is not
 * ours to show). Their `details.field` points at the Settings field.
 */
export async function resolveCustomCloud(
  resourceManagerUrl: string,
  transport: NetworkTransport,
  timeoutMs = METADATA_TIMEOUT_MS,
): Promise<CloudEndpoints> {
  const url = metadataUrl(resourceManagerUrl);
  const host = new URL(url).host;
  const details = { field: 'customResourceManagerUrl' };
  let response;
  try {
    response = await sendHttps(transport, {
      method: 'GET',
      url,
      kind: 'metadata',
      headers: { accept: 'application/json' },
      timeoutMs,
    });
  } catch (error) {
    // NetworkProblem messages are ours (proxy, TLS, timeout, size); anything else keeps its code only.
    const reason =
      error instanceof NetworkProblem
        ? error.message
        : `The connection failed${codeOf(error)}; check the Resource Manager URL and your network.`;
    throw new AppError(
      'unavailable',
      `Could not read the custom cloud's description from ${url}. ${reason}`,
      { ...details, ...(error instanceof NetworkProblem ? { code: error.code } : {}) },
    );
  }
  if (response.status !== 200) {
    throw new AppError(
      'invalid-input',
      `${url} answered HTTP ${response.status} instead of a cloud description; check the Resource Manager URL.`,
      { ...details, status: response.status },
    );
  }
  let answer: unknown;
  try {
    answer = JSON.parse(response.text);
  } catch {
    throw new AppError(
      'invalid-input',
      `${host} did not answer with a cloud description at /metadata/endpoints; check the Resource Manager URL.`,
      details,
    );
  }
  try {
    return cloudFromMetadata(resourceManagerUrl, answer);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, error.message, details);
    throw error;
  }
}

/** ` (ECONNREFUSED)` for a Node network error; nothing for errors without a code. */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? ` (${code})` : '';
}
