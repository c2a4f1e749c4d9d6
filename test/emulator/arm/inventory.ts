import type { EmulatorContext } from '../core/context';
import type { EmulatorRequest } from '../core/request';
import { subscriptionScope, workspaceId } from '../core/resourceIds';
import { armError, json } from '../core/reply';
import {
  notFound,
  readableItems,
  requireAction,
  requireResourceGroup,
  requireSubscription,
} from './access';
import {
  aksBody,
  arcBody,
  extensionBodies,
  extensionBodyNamed,
  identityBody,
  subscriptionBody,
  tenantBody,
  workspaceBody,
} from './bodies';
import type { ApiFamily } from './apiVersions';
import type { Caller } from './caller';
import { pagedList } from './paging';
import { p, route, type ArmRoute } from './route';

const clusterTypes = [
  {
    kind: 'aks' as const,
    provider: 'Microsoft\\.ContainerService/managedClusters',
    family: 'containerService' as const,
    type: 'managedClusters',
    action: 'Microsoft.ContainerService/managedClusters/read',
  },
  {
    kind: 'arc' as const,
    provider: 'Microsoft\\.Kubernetes/connectedClusters',
    family: 'connectedClusters' as const,
    type: 'connectedClusters',
    action: 'Microsoft.Kubernetes/connectedClusters/read',
  },
];

/** Read-only inventory: tenants, subscriptions, workspaces, clusters and their extensions, identities, cloud metadata. */
export const inventoryRoutes: ArmRoute[] = [
  route('GET', '/tenants', 'resources', 'tenants', (ctx, request, caller) => {
    const directory = ctx.world.directory;
    const tenantIds =
      caller.kind === 'user'
        ? ([...directory.accounts.values()].find((a) =>
            a.tenantIds.some((t) => a.objectIdIn(t) === caller.objectId),
          )?.tenantIds ?? [caller.tenantId])
        : [caller.tenantId];
    const tenants = tenantIds.map((id) => directory.findTenant(id)).filter((t) => t !== undefined);
    return pagedList(ctx, request, tenants.map(tenantBody));
  }),
  route('GET', '/subscriptions', 'resources', 'subscriptions', (ctx, request, caller) => {
    // As ARM: the subscriptions of the token's tenant where the caller holds any role.
    const subscriptions = [...ctx.world.subscriptions.values()].filter(
      (s) =>
        s.tenantId.toLowerCase() === caller.tenantId &&
        ctx.world.hasAnyAssignmentWithin([caller.objectId], subscriptionScope(s.id)),
    );
    return pagedList(ctx, request, subscriptions.map(subscriptionBody));
  }),
  route('GET', p.sub, 'resources', 'subscriptions', (ctx, _request, caller, { sub = '' }) => {
    const problem = requireSubscription(ctx, caller, sub);
    if (problem) return problem;
    const subscription = ctx.world.subscriptions.get(sub.toLowerCase());
    // ARM hides a subscription in which the caller holds no role at all.
    if (
      !subscription ||
      !ctx.world.hasAnyAssignmentWithin([caller.objectId], subscriptionScope(sub))
    ) {
      return armError(404, 'SubscriptionNotFound', `The subscription '${sub}' could not be found.`);
    }
    return json(200, subscriptionBody(subscription));
  }),
  ...listRoutes({
    provider: 'Microsoft\\.MachineLearningServices/workspaces',
    family: 'machineLearning',
    type: 'workspaces',
    action: 'Microsoft.MachineLearningServices/workspaces/read',
    itemsIn: (ctx, sub) => ctx.world.resourcesIn(sub).workspaces,
    body: workspaceBody,
  }),
  route(
    'GET',
    `${p.sub}${p.rg}${p.ws}`,
    'machineLearning',
    'workspaces',
    (ctx, _request, caller, { sub = '', rg = '', ws = '' }) => {
      const problem = requireSubscription(ctx, caller, sub) ?? requireResourceGroup(ctx, sub, rg);
      if (problem) return problem;
      const id = workspaceId(sub, rg, ws);
      const denied = requireAction(
        ctx,
        caller,
        id,
        'Microsoft.MachineLearningServices/workspaces/read',
      );
      if (denied) return denied;
      const workspace = ctx.world.findWorkspace(id);
      return workspace
        ? json(200, workspaceBody(workspace))
        : notFound('Microsoft.MachineLearningServices/workspaces', ws, rg);
    },
  ),
  ...clusterTypes.flatMap((t) =>
    listRoutes({
      provider: t.provider,
      family: t.family,
      type: t.type,
      action: t.action,
      itemsIn: (ctx, sub) => ctx.world.resourcesIn(sub).clusters.filter((c) => c.kind === t.kind),
      body: (cluster, ctx) => clusterBody(ctx, cluster),
    }),
  ),
  ...clusterGetAndExtensionRoutes(),
  ...listRoutes({
    provider: 'Microsoft\\.ManagedIdentity/userAssignedIdentities',
    family: 'managedIdentity',
    type: 'userAssignedIdentities',
    action: 'Microsoft.ManagedIdentity/userAssignedIdentities/read',
    itemsIn: (ctx, sub) => ctx.world.resourcesIn(sub).identities,
    body: identityBody,
  }),
  route(
    'GET',
    '/metadata/endpoints',
    'metadata',
    'metadata',
    (ctx, request) => {
      const cloud = cloudMetadata(ctx);
      // 2022-09-01 answers a list of clouds; older versions the single cloud object.
      return json(
        200,
        request.url.searchParams.get('api-version') === '2022-09-01' ? [cloud] : cloud,
      );
    },
    true,
  ),
];

function clusterBody(
  ctx: EmulatorContext,
  cluster: Parameters<typeof aksBody>[0],
): Record<string, unknown> {
  return cluster.kind === 'aks'
    ? aksBody(cluster)
    : arcBody(cluster, ctx.world.tenantOfSubscription(cluster.subscriptionId) ?? '');
}

interface ListedType<T extends { id: string; resourceGroup: string }> {
  /** The provider path, regex-escaped. */
  readonly provider: string;
  readonly family: ApiFamily;
  readonly type: string;
  /** The read action the caller needs (at the scope, or per item). */
  readonly action: string;
  readonly itemsIn: (ctx: EmulatorContext, subscriptionId: string) => T[];
  readonly body: (item: T, ctx: EmulatorContext) => unknown;
}

/** A resource type's two list operations, as ARM has them: by subscription and by resource group. */
function listRoutes<T extends { id: string; resourceGroup: string }>(t: ListedType<T>): ArmRoute[] {
  const list = (
    ctx: EmulatorContext,
    request: EmulatorRequest,
    caller: Caller,
    scope: string,
    items: T[],
  ) => {
    const readable = readableItems(ctx, caller, scope, t.action, items);
    return Array.isArray(readable)
      ? pagedList(
          ctx,
          request,
          readable.map((item) => t.body(item, ctx)),
        )
      : readable;
  };
  return [
    route(
      'GET',
      `${p.sub}/providers/${t.provider}`,
      t.family,
      t.type,
      (ctx, request, caller, { sub = '' }) => {
        const problem = requireSubscription(ctx, caller, sub);
        if (problem) return problem;
        return list(ctx, request, caller, subscriptionScope(sub), t.itemsIn(ctx, sub));
      },
    ),
    route(
      'GET',
      `${p.sub}${p.rg}/providers/${t.provider}`,
      t.family,
      t.type,
      (ctx, request, caller, { sub = '', rg = '' }) => {
        const problem = requireSubscription(ctx, caller, sub) ?? requireResourceGroup(ctx, sub, rg);
        if (problem) return problem;
        const inGroup = t
          .itemsIn(ctx, sub)
          .filter((item) => item.resourceGroup.toLowerCase() === rg.toLowerCase());
        return list(ctx, request, caller, `/subscriptions/${sub}/resourceGroups/${rg}`, inGroup);
      },
    ),
  ];
}

function clusterGetAndExtensionRoutes(): ArmRoute[] {
  return clusterTypes.flatMap((t) => {
    const clusterPath = `${p.sub}${p.rg}/providers/${t.provider}/(?<cluster>[^/]+)`;
    const find = (ctx: EmulatorContext, sub: string, rg: string, name: string) =>
      ctx.world.findCluster(
        `/subscriptions/${sub}/resourceGroups/${rg}/providers/${t.provider.replace('\\', '')}/${name}`,
      );
    return [
      route(
        'GET',
        clusterPath,
        t.family,
        t.type,
        (ctx, _request, caller, { sub = '', rg = '', cluster = '' }) => {
          const problem =
            requireSubscription(ctx, caller, sub) ?? requireResourceGroup(ctx, sub, rg);
          if (problem) return problem;
          const found = find(ctx, sub, rg, cluster);
          if (!found) return notFound(t.provider.replace('\\', ''), cluster, rg);
          return (
            requireAction(ctx, caller, found.id, t.action) ?? json(200, clusterBody(ctx, found))
          );
        },
      ),
      route(
        'GET',
        `${clusterPath}/providers/Microsoft\\.KubernetesConfiguration/extensions`,
        'kubernetesConfiguration',
        'extensions',
        (ctx, request, caller, { sub = '', rg = '', cluster = '' }) => {
          const problem =
            requireSubscription(ctx, caller, sub) ?? requireResourceGroup(ctx, sub, rg);
          if (problem) return problem;
          const found = find(ctx, sub, rg, cluster);
          if (!found) return notFound(t.provider.replace('\\', ''), cluster, rg);
          return (
            requireAction(
              ctx,
              caller,
              found.id,
              'Microsoft.KubernetesConfiguration/extensions/read',
            ) ?? pagedList(ctx, request, extensionBodies(found))
          );
        },
      ),
      route(
        'GET',
        `${clusterPath}/providers/Microsoft\\.KubernetesConfiguration/extensions/(?<extension>[^/]+)`,
        'kubernetesConfiguration',
        'extensions',
        (ctx, _request, caller, { sub = '', rg = '', cluster = '', extension = '' }) => {
          const problem =
            requireSubscription(ctx, caller, sub) ?? requireResourceGroup(ctx, sub, rg);
          if (problem) return problem;
          const found = find(ctx, sub, rg, cluster);
          if (!found) return notFound(t.provider.replace('\\', ''), cluster, rg);
          const denied = requireAction(
            ctx,
            caller,
            found.id,
            'Microsoft.KubernetesConfiguration/extensions/read',
          );
          if (denied) return denied;
          const body = extensionBodyNamed(found, extension);
          // ARM's not-found words for an extension resource, its type named under the cluster.
          return body
            ? json(200, body)
            : notFound(
                `${t.provider.replace('\\', '')}/${cluster}/providers/Microsoft.KubernetesConfiguration/extensions`,
                extension,
                rg,
              );
        },
      ),
    ];
  });
}

function cloudMetadata(ctx: EmulatorContext): Record<string, unknown> {
  const base = `${ctx.baseUrl}/`;
  return {
    portal: base,
    authentication: {
      loginEndpoint: base,
      audiences: [base, 'https://management.azure.com/'],
      tenant: 'common',
      identityProvider: 'AAD',
    },
    media: base,
    graphAudience: 'https://graph.windows.net/',
    graph: 'https://graph.windows.net/',
    name: 'MooringLocalEmulator',
    suffixes: {
      azureDataLakeStoreFileSystem: 'azuredatalakestore.net',
      acrLoginServer: 'azurecr.io',
      sqlServerHostname: 'database.windows.net',
      keyVaultDns: 'vault.azure.net',
      storage: 'core.windows.net',
    },
    batch: 'https://batch.core.windows.net/',
    resourceManager: base,
    sqlManagement: 'https://management.core.windows.net:8443/',
    microsoftGraphResourceId: 'https://graph.microsoft.com/',
    appInsightsResourceId: 'https://api.applicationinsights.io',
    appInsightsTelemetryChannelResourceId: 'https://dc.applicationinsights.azure.com/v2/track',
    logAnalyticsResourceId: 'https://api.loganalytics.io',
  };
}
