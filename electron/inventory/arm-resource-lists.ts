import type { TokenCredential } from '@azure/core-auth';
import { ServiceClient } from '@azure/core-client';
import {
  RestError,
  createPipelineRequest,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { z } from 'zod';
import { armIdPath, type ArmId } from '../../shared/azure/arm-id';
import type { ArmClientOptions } from '../connection/runtime';

/**
 * Lists of ARM resources that have no SDK in the app (clusters, extensions, identities), sent
 * through the same pipeline as every `@azure/arm-*` client: the connection's transport (proxy,
 * extra CAs), the cloud's ARM token scope, and core-rest-pipeline's retries (429 honouring
 * Retry-After, transient 5xx).
 */
export interface ArmListClient {
  /** The ARM origin every request, and every `nextLink` followed, must stay on. */
  readonly origin: string;
  readonly client: ServiceClient;
}

export function armListClient(
  credential: TokenCredential,
  clientOptions: ArmClientOptions,
): ArmListClient {
  const client = new ServiceClient({
    ...clientOptions,
    credential,
    credentialScopes: clientOptions.credentialScopes ?? [`${clientOptions.endpoint}/.default`],
  });
  return { origin: new URL(clientOptions.endpoint).origin, client };
}

/**
 * A collection under a parsed id: `{id}/providers/{namespace}/{type}`, each segment encoded, so
 * nothing in an id Azure answered can change which path is asked for.
 */
export function armCollectionPath(parent: ArmId, namespace: string, type: string): string {
  return `${armIdPath(parent)}/providers/${encodeURIComponent(namespace)}/${encodeURIComponent(type)}`;
}

const Page = z.object({
  value: z.array(z.unknown()),
  nextLink: z.string().nullish(),
});

const ArmErrorBody = z.object({
  error: z.object({ code: z.string().optional(), message: z.string().optional() }),
});

/** Far more pages than any real list has: a server that keeps answering `nextLink` is cut off. */
const MAX_PAGES = 1000;

/**
 * Every item of an ARM list, page after page, following `nextLink` while it stays on the ARM
 * origin (a link elsewhere would carry the bearer token away, so it is refused). Items are
 * answered as they came; each caller checks them against its own schema.
 */
export async function listArmItems(
  arm: ArmListClient,
  path: string,
  apiVersion: string,
  abortSignal?: AbortSignal,
): Promise<unknown[]> {
  const first = new URL(path, arm.origin);
  first.searchParams.set('api-version', apiVersion);
  const items: unknown[] = [];
  const seen = new Set<string>();
  let next: string | null | undefined = first.toString();
  while (next) {
    const url = new URL(next);
    if (url.origin !== arm.origin) {
      throw new RestError(
        `Azure answered a next page on another host (${url.host}); Mooring stops the listing there.`,
        { code: 'UntrustedNextLink' },
      );
    }
    if (seen.has(url.toString()) || seen.size >= MAX_PAGES) {
      throw new RestError('Azure kept answering the same next page; the listing was stopped.', {
        code: 'NextLinkLoop',
      });
    }
    seen.add(url.toString());
    const page = await getPage(arm, url.toString(), abortSignal);
    items.push(...page.value);
    next = page.nextLink;
  }
  return items;
}

async function getPage(
  arm: ArmListClient,
  url: string,
  abortSignal?: AbortSignal,
): Promise<z.infer<typeof Page>> {
  const request = createPipelineRequest({
    url,
    method: 'GET',
    ...(abortSignal ? { abortSignal } : {}),
  });
  const page = Page.safeParse(await sendArmJson(arm, request));
  if (!page.success) {
    throw new RestError('Azure answered a list page Mooring cannot read.', {
      code: 'UnreadableListPage',
    });
  }
  return page.data;
}

/**
 * Sends one request through the ARM pipeline and answers its JSON body (undefined when it has
 * none). An error status throws a RestError with ARM's own code and message, after `onAnswer`
 * has seen the answer's headers (a throttle's count comes on refusals too).
 */
export async function sendArmJson(
  arm: ArmListClient,
  request: PipelineRequest,
  onAnswer?: (response: PipelineResponse) => void,
): Promise<unknown> {
  request.headers.set('Accept', 'application/json');
  const response = await arm.client.sendRequest(request);
  onAnswer?.(response);
  const body = parseJson(response.bodyAsText ?? undefined);
  if (response.status >= 400) {
    const error = ArmErrorBody.safeParse(body);
    const code = error.success ? error.data.error.code : undefined;
    throw new RestError(
      (error.success ? error.data.error.message : undefined) ?? `HTTP ${response.status}`,
      { statusCode: response.status, request, response, ...(code ? { code } : {}) },
    );
  }
  return body;
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
