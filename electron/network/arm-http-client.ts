import {
  createDefaultHttpClient,
  RestError,
  type HttpClient,
  type PipelineRequest,
} from '@azure/core-rest-pipeline';
import { explainNetworkError, NetworkProblem } from './network-errors';
import type { NetworkTransport } from './transport';

/**
 * The HTTP client every `@azure/arm-*` client sends through: it sets the transport's agent on each
 * request (proxy and extra CAs; this also overrides core-rest-pipeline's own HTTPS_PROXY handling,
 * so the user's setting is the only one in force) and turns certificate and proxy failures into
 * RestErrors whose message says what to do, keeping the original code for retry policies.
 */
export function createArmHttpClient(transport: NetworkTransport): HttpClient {
  const inner = createDefaultHttpClient();
  return {
    async sendRequest(request) {
      try {
        request.agent = await transport.agentFor(request.url);
        return await inner.sendRequest(request);
      } catch (error) {
        throw explainForArm(error, request);
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
