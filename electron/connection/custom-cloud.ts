import { AppError } from '../core/errors';
import { cloudFromMetadata, metadataUrl, type CloudEndpoints } from '../azure/clouds';
import { sendHttps } from '../network/https-request';
import { NetworkProblem } from '../network/network-errors';
import type { NetworkTransport } from '../network/transport';

/** Metadata answers within this time or the custom cloud is reported unreachable. */
export const METADATA_TIMEOUT_MS = 30_000;

/**
 * Reads a custom cloud's endpoints from `{arm}/metadata/endpoints` through the given transport
 * (the proxy and CAs the user is configuring, not the ones in force). Errors name the URL and
 * say what to do; their `details.field` points at the Settings field.
 */
export async function resolveCustomCloud(
  resourceManagerUrl: string,
  transport: NetworkTransport,
  timeoutMs = METADATA_TIMEOUT_MS,
): Promise<CloudEndpoints> {
  const url = metadataUrl(resourceManagerUrl);
  const details = { field: 'customResourceManagerUrl' };
  let response;
  try {
    response = await sendHttps(transport, {
      method: 'GET',
      url,
      headers: { accept: 'application/json' },
      timeoutMs,
    });
  } catch (error) {
    const reason =
      error instanceof NetworkProblem
        ? error.message
        : `The connection failed (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the Resource Manager URL and your network.`;
    throw new AppError(
      'unavailable',
      `Could not read the custom cloud's description from ${url}. ${reason}`,
      details,
    );
  }
  if (response.status !== 200) {
    throw new AppError(
      'invalid-input',
      `${url} answered HTTP ${response.status} instead of a cloud description; check the Resource Manager URL.`,
      details,
    );
  }
  let answer: unknown;
  try {
    answer = JSON.parse(response.text);
  } catch {
    throw new AppError(
      'invalid-input',
      `${url} did not answer JSON, so it does not describe a cloud; check the Resource Manager URL.`,
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
