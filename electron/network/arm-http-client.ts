import type { Readable } from 'node:stream';
import {
  createDefaultHttpClient,
  RestError,
  type HttpClient,
  type PipelineRequest,
} from '@azure/core-rest-pipeline';
import { explainNetworkError, NetworkProblem } from './network-errors';
import { readWithinLimit } from './response-limits';
import type { NetworkTransport } from './transport';

/** core-rest-pipeline's marker for "hand every answer over as a stream, whatever its status". */
const EVERY_STATUS = new Set([Number.POSITIVE_INFINITY]);

/**
 * The HTTP client every `@azure/arm-*` client sends through: it sets the transport's agent on each
 * request (proxy and extra CAs; this also overrides core-rest-pipeline's own HTTPS_PROXY handling,
 * so the user's setting is the only one in force), reads each answer within the ARM size limit
 * (RESPONSE_LIMITS.list) and turns certificate, proxy and size failures into RestErrors whose
 * message says what to do, keeping the original code for retry policies.
 */
export function createArmHttpClient(transport: NetworkTransport): HttpClient {
  const inner = createDefaultHttpClient();
  return {
    async sendRequest(request) {
      // An operation that streams its answer on purpose (a download) keeps its own setting;
      // core-client gives every other operation an empty set.
      const original = request.streamResponseStatusCodes;
      const bounded = original === undefined || original.size === 0;
      try {
        request.agent = await transport.agentFor(request.url);
        if (bounded) request.streamResponseStatusCodes = EVERY_STATUS;
        const response = await inner.sendRequest(request);
        if (bounded && response.readableStreamBody) {
          const stream = response.readableStreamBody as Readable;
          delete response.readableStreamBody;
          response.bodyAsText = await readWithinLimit(stream, 'list', request.url);
        }
        return response;
      } catch (error) {
        throw explainForArm(error, request);
      } finally {
        // The same request object is sent again by retries and redirects.
        if (bounded) {
          if (original === undefined) delete request.streamResponseStatusCodes;
          else request.streamResponseStatusCodes = original;
        }
      }
    },
  };
}

/** Tunnel failures already arrive as RestErrors carrying the NetworkProblem's wording and code. */
function explainForArm(error: unknown, request: PipelineRequest): unknown {
  const explained = explainNetworkError(error, request.url);
  if (!(explained instanceof NetworkProblem)) return error;
  return new RestError(explained.message, { code: explained.code, request });
}
