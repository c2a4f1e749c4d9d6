import { newGuid } from '../core/ids';
import type { Reply } from '../core/reply';

/** Entra ID's token endpoint error body: `error`, an AADSTS-prefixed `error_description`, `error_codes`, trace ids. */
export function oauthError(
  status: number,
  error: string,
  aadsts: number,
  description: string,
  extra: Record<string, unknown> = {},
): Reply {
  const traceId = newGuid();
  const correlationId = newGuid();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${aadsts}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
      ...extra,
    },
  };
}
