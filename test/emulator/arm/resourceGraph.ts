import { z } from 'zod';
import type { EmulatorContext } from '../core/context';
import { jsonOf, type EmulatorRequest } from '../core/request';
import { armError, json, type Reply } from '../core/reply';
import type { World } from '../world/world';
import { aksBody, arcBody, extensionBodies, identityBody, workspaceBody } from './bodies';
import type { Caller } from './caller';
import { offsetOfSkipToken, skipTokenAt } from './paging';
import { route, type ArmRoute } from './route';

/**
 * Azure Resource Graph's `POST /providers/Microsoft.ResourceGraph/resources`, answered from the
 * same world as ARM. Only the KQL shapes Mooring sends are understood —
 * `resources | where type =~ '<type>'` and `kubernetesconfigurationresources | where type =~
 * 'microsoft.kubernetesconfiguration/extensions'` — any other query answers Resource Graph's
 * InvalidQuery error. Paging as Resource Graph pages (`$top`, `$skipToken`, `totalRecords`,
 * `count`), capped by the scenario's `pageSize`; its per-user quota (`resourceGraphQuota` queries
 * per 5 s window) with the `x-ms-user-quota-remaining` / `-resets-after` headers.
 */

const QueryBody = z.object({
  subscriptions: z.array(z.string()).min(1).max(1000),
  query: z.string(),
  options: z
    .object({
      $top: z.number().int().min(1).max(1000).optional(),
      $skip: z.number().int().min(0).optional(),
      $skipToken: z.string().optional(),
      resultFormat: z.enum(['objectArray', 'table']).optional(),
    })
    .passthrough()
    .optional(),
});

const QUERY_SHAPE =
  /^\s*(resources|kubernetesconfigurationresources)\s*\|\s*where\s+type\s*=~\s*'([^']+)'\s*$/i;
const QUOTA_WINDOW_MS = 5_000;

interface Row {
  readonly id: string;
  readonly subscriptionId: string;
  readonly body: Record<string, unknown>;
  readonly action: string;
}

/** The rows of one table and type in one subscription (of tenant `tenantId`) of the world. */
function rowsOf(
  ctx: EmulatorContext,
  table: string,
  type: string,
  sub: string,
  tenantId: string,
): Row[] {
  const resources = ctx.world.resourcesIn(sub);
  const row = (body: Record<string, unknown>, action: string): Row => ({
    id: String(body['id']),
    subscriptionId: sub,
    body,
    action,
  });
  if (table === 'kubernetesconfigurationresources') {
    if (type !== 'microsoft.kubernetesconfiguration/extensions') return [];
    return resources.clusters.flatMap((cluster) =>
      extensionBodies(cluster).map((body) =>
        row(body, 'Microsoft.KubernetesConfiguration/extensions/read'),
      ),
    );
  }
  switch (type) {
    case 'microsoft.machinelearningservices/workspaces':
      return resources.workspaces.map((w) =>
        row(workspaceBody(w), 'Microsoft.MachineLearningServices/workspaces/read'),
      );
    case 'microsoft.containerservice/managedclusters':
      return resources.clusters
        .filter((c) => c.kind === 'aks')
        .map((c) => row(aksBody(c), 'Microsoft.ContainerService/managedClusters/read'));
    case 'microsoft.kubernetes/connectedclusters':
      return resources.clusters
        .filter((c) => c.kind === 'arc')
        .map((c) => row(arcBody(c, tenantId), 'Microsoft.Kubernetes/connectedClusters/read'));
    case 'microsoft.managedidentity/userassignedidentities':
      return resources.identities.map((i) =>
        row(identityBody(i), 'Microsoft.ManagedIdentity/userAssignedIdentities/read'),
      );
    default:
      return [];
  }
}

/** Queries per caller in the current window (a changed quota setting starts a fresh window). */
interface QuotaWindow {
  start: number;
  used: number;
  limit: number;
}
const quotaWindows = new WeakMap<World, Map<string, QuotaWindow>>();

function takeQuota(ctx: EmulatorContext, caller: Caller, at: number) {
  const windows = quotaWindows.get(ctx.world) ?? new Map<string, QuotaWindow>();
  quotaWindows.set(ctx.world, windows);
  const limit = ctx.world.settings.resourceGraphQuota;
  let window = windows.get(caller.objectId);
  if (!window || at - window.start >= QUOTA_WINDOW_MS || window.limit !== limit) {
    window = { start: at, used: 0, limit };
    windows.set(caller.objectId, window);
  }
  const resetsAfterSeconds = Math.max(1, Math.ceil((window.start + QUOTA_WINDOW_MS - at) / 1000));
  const headers = (remaining: number) => ({
    'x-ms-user-quota-remaining': String(remaining),
    'x-ms-user-quota-resets-after': `00:00:${String(resetsAfterSeconds).padStart(2, '0')}`,
  });
  if (window.used >= limit) {
    return {
      ok: false as const,
      headers: { ...headers(0), 'retry-after': String(resetsAfterSeconds) },
    };
  }
  window.used += 1;
  return { ok: true as const, headers: headers(limit - window.used) };
}

function invalidQuery(message: string): Reply {
  return armError(
    400,
    'BadRequest',
    'Please provide below info when asking for support: timestamp, correlationId.',
    {
      details: [{ code: 'InvalidQuery', message }],
    },
  );
}

function answer(ctx: EmulatorContext, request: EmulatorRequest, caller: Caller): Reply {
  if (ctx.world.settings.resourceGraph === 'absent') {
    return armError(
      404,
      'InvalidResourceType',
      `The resource type could not be found for path '${request.path}' in the emulated providers.`,
    );
  }
  const parsed = QueryBody.safeParse(jsonOf(request));
  if (!parsed.success)
    return invalidQuery('The request body is not a Resource Graph query request.');
  const quota = takeQuota(ctx, caller, request.receivedAt);
  if (!quota.ok) {
    return {
      ...armError(
        429,
        'RateLimiting',
        'Please provide below info when asking for support: the user quota is exhausted.',
      ),
      headers: quota.headers,
    };
  }
  const shape = QUERY_SHAPE.exec(parsed.data.query);
  if (!shape) {
    return {
      ...invalidQuery(
        'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.',
      ),
      headers: quota.headers,
    };
  }
  const table = (shape[1] ?? '').toLowerCase();
  const type = (shape[2] ?? '').toLowerCase();
  // As Resource Graph: subscriptions of another tenant, or where the caller may read nothing, are left out.
  const rows = parsed.data.subscriptions
    .map((s) => s.toLowerCase())
    .filter((s) => ctx.world.tenantOfSubscription(s) === caller.tenantId)
    .flatMap((s) => rowsOf(ctx, table, type, s, caller.tenantId))
    .filter((row) => ctx.world.isAllowed([caller.objectId], row.id, row.action));
  const options = parsed.data.options ?? {};
  const top = Math.min(options.$top ?? 100, ctx.world.settings.pageSize);
  const offset = options.$skipToken ? offsetOfSkipToken(options.$skipToken) : (options.$skip ?? 0);
  // Only the page's rows get Resource Graph's extra columns.
  const data = rows.slice(offset, offset + top).map((row) => ({
    ...row.body,
    type: String(row.body['type'] ?? type).toLowerCase(),
    subscriptionId: row.subscriptionId,
    resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(row.id)?.[1]?.toLowerCase() ?? '',
    tenantId: caller.tenantId,
  }));
  const body: Record<string, unknown> = {
    totalRecords: rows.length,
    count: data.length,
    data,
    facets: [],
    resultTruncated: 'false',
  };
  if (offset + top < rows.length) {
    body['$skipToken'] = skipTokenAt(offset + top);
  }
  return json(200, body, quota.headers);
}

export const resourceGraphRoutes: ArmRoute[] = [
  route(
    'POST',
    '/providers/Microsoft\\.ResourceGraph/resources',
    'resourceGraph',
    'resources',
    answer,
  ),
];
