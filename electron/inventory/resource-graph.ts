import { RestError, createPipelineRequest } from '@azure/core-rest-pipeline';
import { z } from 'zod';
import { sendArmJson, type ArmListClient } from './arm-resource-lists';
import { sleepFor, type SignalLike } from './read-pacer';

/** The Resource Graph api-version Mooring sends (AZURE.md). */
export const RESOURCE_GRAPH_API_VERSION = '2022-10-01';
/** Resource Graph answers for at most this many subscriptions per query. */
export const RESOURCE_GRAPH_MAX_SUBSCRIPTIONS = 1000;
/** Rows per page: Resource Graph's maximum `$top`. */
const PAGE_ROWS = 1000;
/** Far more pages than any inventory has: a server that keeps answering `$skipToken` is cut off. */
const MAX_PAGES = 1000;

const GraphPage = z.object({
  totalRecords: z.number().optional(),
  count: z.number().optional(),
  data: z.array(z.unknown()),
  $skipToken: z.string().nullish(),
});

/**
 * Resource Graph's own throttle (about 15 queries per 5 s per user): each answer says how many
 * queries are left (`x-ms-user-quota-remaining`) and when the window resets
 * (`x-ms-user-quota-resets-after`, `hh:mm:ss`). With none left, the next query waits for the
 * reset instead of being refused.
 */
export interface GraphQuota {
  /** Waits until a query may be sent. */
  ready(signal?: SignalLike): Promise<void>;
  observe(remaining: number, resetsAfterMs: number): void;
  readonly waits: { count: number };
}

export function createGraphQuota(
  options: { now?: () => number; sleep?: (ms: number, signal?: SignalLike) => Promise<void> } = {},
): GraphQuota {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  let blockedUntil = 0;
  const waits = { count: 0 };
  return {
    waits,
    async ready(signal) {
      const ms = blockedUntil - now();
      if (ms <= 0) return;
      waits.count += 1;
      await sleep(ms, signal);
    },
    observe(remaining, resetsAfterMs) {
      blockedUntil = remaining > 0 ? 0 : now() + resetsAfterMs;
    },
  };
}

/** `hh:mm:ss` (Resource Graph's reset time) in milliseconds; unreadable → 5 s, its window. */
export function parseResetsAfter(value: string | undefined): number {
  const match = /^(\d+):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(value ?? '');
  if (!match) return 5_000;
  const [, h, m, s] = match.map(Number) as [number, number, number, number];
  return ((h * 60 + m) * 60 + s) * 1000;
}

/**
 * Every row a KQL query answers over these subscriptions, page after page with `$skipToken`,
 * sent through the connection's ARM pipeline (its transport, token scope, retries and the
 * bearer-host policy: Resource Graph is a Resource Manager provider on the same host).
 */
export async function queryResourceGraph(
  arm: ArmListClient,
  request: {
    readonly subscriptions: readonly string[];
    readonly query: string;
    readonly quota: GraphQuota;
    readonly abortSignal?: AbortSignal;
  },
): Promise<unknown[]> {
  if (request.subscriptions.length > RESOURCE_GRAPH_MAX_SUBSCRIPTIONS) {
    throw new RangeError(
      `A Resource Graph query covers at most ${RESOURCE_GRAPH_MAX_SUBSCRIPTIONS} subscriptions.`,
    );
  }
  const url = new URL('/providers/Microsoft.ResourceGraph/resources', arm.origin);
  url.searchParams.set('api-version', RESOURCE_GRAPH_API_VERSION);
  const rows: unknown[] = [];
  const seen = new Set<string>();
  let skipToken: string | undefined;
  do {
    if (skipToken !== undefined && (seen.has(skipToken) || seen.size >= MAX_PAGES)) {
      throw new RestError('Resource Graph kept answering the same page; the query was stopped.', {
        code: 'SkipTokenLoop',
      });
    }
    if (skipToken !== undefined) seen.add(skipToken);
    await request.quota.ready(request.abortSignal);
    const page = await postQuery(
      arm,
      url.toString(),
      {
        subscriptions: request.subscriptions,
        query: request.query,
        options: {
          $top: PAGE_ROWS,
          resultFormat: 'objectArray',
          ...(skipToken ? { $skipToken: skipToken } : {}),
        },
      },
      request,
    );
    rows.push(...page.data);
    skipToken = page.$skipToken ?? undefined;
  } while (skipToken);
  return rows;
}

async function postQuery(
  arm: ArmListClient,
  url: string,
  body: unknown,
  context: { readonly quota: GraphQuota; readonly abortSignal?: AbortSignal },
): Promise<z.infer<typeof GraphPage>> {
  const request = createPipelineRequest({
    url,
    method: 'POST',
    body: JSON.stringify(body),
    ...(context.abortSignal ? { abortSignal: context.abortSignal } : {}),
  });
  request.headers.set('Content-Type', 'application/json');
  const answer = await sendArmJson(arm, request, (response) => {
    const remaining = Number.parseInt(response.headers.get('x-ms-user-quota-remaining') ?? '', 10);
    if (Number.isFinite(remaining)) {
      context.quota.observe(
        remaining,
        parseResetsAfter(response.headers.get('x-ms-user-quota-resets-after')),
      );
    }
  });
  const page = GraphPage.safeParse(answer);
  if (!page.success) {
    throw new RestError('Resource Graph answered a page Mooring cannot read.', {
      code: 'UnreadableGraphPage',
    });
  }
  return page.data;
}
