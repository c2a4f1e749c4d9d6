import type { TokenCredential } from '@azure/core-auth';
import { ServiceClient } from '@azure/core-client';
import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import type { ArmClientOptions } from '../connection/runtime';

/**
 * The ARM requests of the preflight, through the same pipeline as every `@azure/arm-*` client
 * (the connection's transport, the cloud's token scope, retries on 429 and transient 5xx). Unlike
 * the SDKs it answers 4xx as values: a 403 or 404 is a finding, not a failure of the preflight.
 */
export interface ArmReader {
  /** `path` is built from parsed ids (armIdPath); only the ARM origin is ever asked. */
  send(request: ArmReadRequest): Promise<ArmAnswer>;
}

export interface ArmReadRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly apiVersion: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface ArmAnswer {
  readonly status: number;
  readonly body: unknown;
  /** `error.code` of ARM's error envelope, or null. */
  readonly code: string | null;
  readonly message: string | null;
}

const MAX_BODY_CHARS = 4 * 1024 * 1024;

export function createArmReader(
  credential: TokenCredential,
  clientOptions: ArmClientOptions,
): ArmReader {
  const client = new ServiceClient({
    ...clientOptions,
    credential,
    credentialScopes: clientOptions.credentialScopes ?? [`${clientOptions.endpoint}/.default`],
  });
  const origin = new URL(clientOptions.endpoint).origin;
  return {
    async send(request) {
      const url = new URL(request.path, origin);
      if (url.origin !== origin || !request.path.startsWith('/')) {
        throw new Error('An ARM request left the Resource Manager.');
      }
      url.searchParams.set('api-version', request.apiVersion);
      for (const [key, value] of Object.entries(request.query ?? {}))
        url.searchParams.set(key, value);
      const pipelineRequest = createPipelineRequest({
        url: url.toString(),
        method: request.method,
        headers: createHttpHeaders({ accept: 'application/json' }),
      });
      if (request.body !== undefined) {
        pipelineRequest.headers.set('content-type', 'application/json');
        pipelineRequest.body = JSON.stringify(request.body);
      }
      const response = await client.sendRequest(pipelineRequest);
      const text = (response.bodyAsText ?? '').slice(0, MAX_BODY_CHARS);
      const body = parseJson(text);
      const error = errorOf(body);
      return { status: response.status, body, code: error.code, message: error.message };
    },
  };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function errorOf(body: unknown): { code: string | null; message: string | null } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return {
    code: typeof error?.code === 'string' ? error.code : null,
    message: typeof error?.message === 'string' ? error.message : null,
  };
}
