import { armError, type Reply } from '../core/reply';

/** A list less some of its versions, in the same order (only versions the list has can be named). */
function without<const V extends string>(
  list: readonly V[],
  removed: readonly NoInfer<V>[],
): readonly V[] {
  return list.filter((version) => !removed.includes(version));
}

/**
 * api-versions accepted per operation group, checked 2026-12-03 against Azure/azure-rest-api-specs (paths below are
 * under `specification/`). A version is listed when a `readme.md` `tag:` section of the provider names an input file
 * that holds the operation, or (where no stored readme is recent enough) when the version folder holds the
 * provider's swagger. Folders seen in the repository's history but absent from both the current layout and the
 * readme tags were taken as deleted upstream and are left out (named below).
 *
 * - resources (GET /tenants, /subscriptions, /subscriptions/{id}): resources/resource-manager/Microsoft.Resources/
 *   subscriptions/readme.md, tags package-subscriptions-* and package-2022-12 (subscriptions.json; stable only).
 * - metadata (/metadata/endpoints): ARM's own endpoint, in no spec; the versions clients send to it.
 * - machineLearning (workspaces, computes, locations/computeOperationsStatus): machinelearningservices/resource-manager/
 *   Microsoft.MachineLearningServices/MachineLearningServices/readme.md (every tag from package-2018-03-preview to
 *   package-preview-2026-07-15-preview; machineLearningServices.json up to 2025-09-01, openapi.json since). The old
 *   stable/2018-12-01 folder is in no tag and not in the current layout: left out.
 * - containerService (managedClusters get, list): containerservice/resource-manager/Microsoft.ContainerService/aks/
 *   readme.md tags up to package-2024-07 (managedClusters.json), then the aks/{stable,preview}/{version}/
 *   managedClusters.json files for 2024-07-02-preview to 2026-10-02-preview. Left out: stable/2024-03-01 (one
 *   commit, in no tag) and 2024-08-02-preview (only in a fork).
 * - containerServiceUserCredential (POST managedClusters/{name}/listClusterUserCredential): the same versions from
 *   2018-03-31 on; 2017-08-31 has accessProfiles only (no ListClusterCredential example).
 * - connectedClusters (get, list): hybridkubernetes/resource-manager/Microsoft.Kubernetes/HybridKubernetes/readme.md
 *   tags (connectedClusters.json). stable/2026-03-01 exists only in the old Microsoft.Kubernetes/stable layout and in
 *   no tag (2026-05-01 took its place), preview/2021-03-01-preview only in a 2021 readme: both left out.
 * - connectedClusterUserCredential (POST connectedClusters/{name}/listClusterUserCredential): the same versions
 *   except 2020-01-01-preview and 2021-04-01-preview (their connectedClusters.json names the action
 *   listClusterUserCredentials) and 2021-03-01 (no credential action).
 * - kubernetesConfiguration (extensions list, get): kubernetesconfiguration/resource-manager/
 *   Microsoft.KubernetesConfiguration/legacy/readme.md tags carrying extensions.json (2020-07-01-preview to
 *   2023-05-01) and extensions/readme.md (package-2024-11, package-2025-03). extensions/preview/2024-11-02-preview is
 *   in no tag: left out.
 * - managedIdentity (userAssignedIdentities): msi/resource-manager/Microsoft.ManagedIdentity/ManagedIdentity/
 *   readme.md tags (ManagedIdentity.json).
 * - roleAssignments, roleDefinitions, permissions: authorization/resource-manager/Microsoft.Authorization/
 *   Authorization/readme.md tags, by input file: authorization-RoleAssignmentsCalls.json for roleAssignments;
 *   authorization-RoleDefinitionsCalls.json (which also holds Permissions_ListForResourceGroup/ListForResource,
 *   example GetPermissions.json) for roleDefinitions and permissions. The old preview/2022-01-01-preview role
 *   assignments folder is in no tag and not in the current layout: left out.
 * - resourceGraph (POST /providers/Microsoft.ResourceGraph/resources): resourcegraph/resource-manager/
 *   Microsoft.ResourceGraph/ResourceGraph/readme.md tags whose resourcegraph.json or openapi.json carries the
 *   `resources` query; 2020-09-01-preview carries only resourcechanges.json.
 */
const containerService = [
  '2017-08-31',
  '2018-03-31',
  '2018-08-01-preview',
  '2019-02-01',
  '2019-04-01',
  '2019-06-01',
  '2019-08-01',
  '2019-10-01',
  '2019-11-01',
  '2020-01-01',
  '2020-02-01',
  '2020-03-01',
  '2020-04-01',
  '2020-06-01',
  '2020-07-01',
  '2020-09-01',
  '2020-11-01',
  '2020-12-01',
  '2021-02-01',
  '2021-03-01',
  '2021-05-01',
  '2021-07-01',
  '2021-08-01',
  '2021-09-01',
  '2021-10-01',
  '2021-11-01-preview',
  '2022-01-01',
  '2022-01-02-preview',
  '2022-02-01',
  '2022-02-02-preview',
  '2022-03-01',
  '2022-03-02-preview',
  '2022-04-01',
  '2022-04-02-preview',
  '2022-05-02-preview',
  '2022-06-01',
  '2022-06-02-preview',
  '2022-07-01',
  '2022-07-02-preview',
  '2022-08-02-preview',
  '2022-08-03-preview',
  '2022-09-01',
  '2022-09-02-preview',
  '2022-10-02-preview',
  '2022-11-01',
  '2022-11-02-preview',
  '2023-01-01',
  '2023-01-02-preview',
  '2023-02-01',
  '2023-02-02-preview',
  '2023-03-01',
  '2023-03-02-preview',
  '2023-04-01',
  '2023-04-02-preview',
  '2023-05-01',
  '2023-05-02-preview',
  '2023-06-01',
  '2023-06-02-preview',
  '2023-07-01',
  '2023-07-02-preview',
  '2023-08-01',
  '2023-08-02-preview',
  '2023-09-01',
  '2023-09-02-preview',
  '2023-10-01',
  '2023-10-02-preview',
  '2023-11-01',
  '2023-11-02-preview',
  '2024-01-01',
  '2024-01-02-preview',
  '2024-02-01',
  '2024-02-02-preview',
  '2024-03-02-preview',
  '2024-04-02-preview',
  '2024-05-01',
  '2024-05-02-preview',
  '2024-06-02-preview',
  '2024-07-01',
  '2024-07-02-preview',
  '2024-08-01',
  '2024-09-01',
  '2024-09-02-preview',
  '2024-10-01',
  '2024-10-02-preview',
  '2025-01-01',
  '2025-01-02-preview',
  '2025-02-01',
  '2025-02-02-preview',
  '2025-03-01',
  '2025-03-02-preview',
  '2025-04-01',
  '2025-04-02-preview',
  '2025-05-01',
  '2025-05-02-preview',
  '2025-06-01',
  '2025-06-02-preview',
  '2025-07-01',
  '2025-07-02-preview',
  '2025-08-01',
  '2025-08-02-preview',
  '2025-09-01',
  '2025-09-02-preview',
  '2025-10-01',
  '2025-10-02-preview',
  '2026-01-01',
  '2026-01-02-preview',
  '2026-02-01',
  '2026-02-02-preview',
  '2026-03-01',
  '2026-03-02-preview',
  '2026-04-01',
  '2026-04-02-preview',
  '2026-05-01',
  '2026-05-02-preview',
  '2026-06-01',
  '2026-06-02-preview',
  '2026-07-01',
  '2026-07-02-preview',
  '2026-08-01',
  '2026-08-02-preview',
  '2026-10-01',
  '2026-10-02-preview',
] as const;

const connectedClusters = [
  '2020-01-01-preview',
  '2021-03-01',
  '2021-04-01-preview',
  '2021-10-01',
  '2022-05-01-preview',
  '2022-10-01-preview',
  '2023-11-01-preview',
  '2024-01-01',
  '2024-02-01-preview',
  '2024-06-01-preview',
  '2024-07-01-preview',
  '2024-07-15-preview',
  '2024-12-01-preview',
  '2025-08-01-preview',
  '2025-12-01-preview',
  '2026-02-01-preview',
  '2026-05-01',
] as const;

/** authorization-RoleDefinitionsCalls.json holds both operation groups, so they share its versions. */
const roleDefinitionsCalls = [
  '2015-07-01',
  '2018-01-01-preview',
  '2022-04-01',
  '2022-05-01-preview',
] as const;

export const apiVersions = {
  resources: [
    '2015-11-01',
    '2016-06-01',
    '2018-06-01',
    '2019-06-01',
    '2019-11-01',
    '2020-01-01',
    '2021-01-01',
    '2022-12-01',
  ],
  metadata: ['2019-05-01', '2020-06-01', '2022-09-01'],
  machineLearning: [
    '2018-03-01-preview',
    '2018-11-19',
    '2019-05-01',
    '2019-06-01',
    '2019-11-01',
    '2020-01-01',
    '2020-02-18-preview',
    '2020-03-01',
    '2020-04-01',
    '2020-04-01-preview',
    '2020-05-01-preview',
    '2020-05-15-preview',
    '2020-06-01',
    '2020-08-01',
    '2020-09-01-preview',
    '2021-01-01',
    '2021-03-01-preview',
    '2021-04-01',
    '2021-07-01',
    '2022-01-01-preview',
    '2022-02-01-preview',
    '2022-05-01',
    '2022-06-01-preview',
    '2022-10-01',
    '2022-10-01-preview',
    '2022-12-01-preview',
    '2023-02-01-preview',
    '2023-04-01',
    '2023-04-01-preview',
    '2023-06-01-preview',
    '2023-08-01-preview',
    '2023-10-01',
    '2024-01-01-preview',
    '2024-04-01',
    '2024-04-01-preview',
    '2024-07-01-preview',
    '2024-10-01',
    '2024-10-01-preview',
    '2025-01-01-preview',
    '2025-04-01',
    '2025-04-01-preview',
    '2025-06-01',
    '2025-07-01-preview',
    '2025-09-01',
    '2025-10-01-preview',
    '2025-12-01',
    '2026-01-15-preview',
    '2026-03-01',
    '2026-03-15-preview',
    '2026-05-01',
    '2026-05-15-preview',
    '2026-07-01',
    '2026-07-15-preview',
  ],
  containerService,
  containerServiceUserCredential: without(containerService, ['2017-08-31']),
  connectedClusters,
  connectedClusterUserCredential: without(connectedClusters, [
    '2020-01-01-preview',
    '2021-03-01',
    '2021-04-01-preview',
  ]),
  kubernetesConfiguration: [
    '2020-07-01-preview',
    '2021-05-01-preview',
    '2021-09-01',
    '2021-11-01-preview',
    '2022-01-01-preview',
    '2022-03-01',
    '2022-04-02-preview',
    '2022-07-01',
    '2022-11-01',
    '2023-05-01',
    '2024-11-01',
    '2025-03-01',
  ],
  managedIdentity: [
    '2015-08-31-preview',
    '2018-11-30',
    '2021-09-30-preview',
    '2022-01-31-preview',
    '2023-01-31',
    '2023-07-31-preview',
    '2024-11-30',
    '2025-01-31-preview',
    '2025-05-31-preview',
    '2026-05-31',
  ],
  roleAssignments: [
    '2015-07-01',
    '2017-10-01-preview',
    '2018-01-01-preview',
    '2018-09-01-preview',
    '2020-03-01-preview',
    '2020-04-01-preview',
    '2020-08-01-preview',
    '2020-10-01-preview',
    '2022-04-01',
  ],
  roleDefinitions: roleDefinitionsCalls,
  permissions: roleDefinitionsCalls,
  resourceGraph: [
    '2018-09-01-preview',
    '2019-04-01',
    '2020-04-01-preview',
    '2021-03-01',
    '2021-06-01-preview',
    '2022-10-01',
    '2023-09-01-preview',
    '2024-04-01',
  ],
} as const;

export type ApiFamily = keyof typeof apiVersions;

/**
 * Types ARM itself serves, and provider types with no location to route by, answer an unknown api-version with
 * `InvalidApiVersionParameter`; a regional provider's types answer `NoRegisteredProviderFound`, naming the region.
 */
const armAnswered: ReadonlySet<ApiFamily> = new Set([
  'resources',
  'metadata',
  'roleAssignments',
  'roleDefinitions',
  'permissions',
  'resourceGraph',
]);

/** Each family's versions as a set, built once rather than searched on every request. */
const accepted: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(apiVersions).map(([family, versions]) => [family, new Set<string>(versions)]),
);

/**
 * What the refusal names: the type as ARM spells it, the request's region (looked up only when a
 * request is refused) and the regions the type is offered in.
 */
export interface VersionedType {
  readonly family: ApiFamily;
  readonly resourceType: string;
  location(): string;
  readonly locations: readonly string[];
}

/** ARM's 400 when api-version is missing or not one this operation's resource type supports, in ARM's words. */
export function checkApiVersion(url: URL, type: VersionedType): Reply | undefined {
  const version = url.searchParams.get('api-version');
  if (!version) {
    return armError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  }
  // ARM matches api-versions without regard to case (`2022-10-01-Preview` is accepted).
  if (accepted.get(type.family)?.has(version.toLowerCase())) return undefined;
  const supported: readonly string[] = apiVersions[type.family];
  if (armAnswered.has(type.family)) {
    return armError(
      400,
      'InvalidApiVersionParameter',
      `The api-version '${version}' is invalid. The supported versions are '${[...supported].reverse().join(',')}'. The supported locations are '${type.locations.join(',')}'.`,
    );
  }
  return armError(
    400,
    'NoRegisteredProviderFound',
    `No registered resource provider found for location '${type.location()}' and API version '${version}' for type '${type.resourceType}'. The supported api-versions are '${supported.join(', ')}'. The supported locations are '${type.locations.join(', ')}'.`,
  );
}
