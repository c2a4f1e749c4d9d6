import { z } from 'zod';

/**
 * The scenario file: the Azure world the emulator serves. Every cross-reference (tenant ids,
 * subscription ids, cluster ids...) is checked after parsing by `loadScenario`.
 */

const guid = z.guid({ message: 'must be a GUID (8-4-4-4-12 hex digits)' });
const name = z.string().min(1, { message: 'must not be empty' });

export const provisioningStates = [
  'Unknown',
  'Updating',
  'Creating',
  'Deleting',
  'Succeeded',
  'Failed',
  'Canceled',
] as const;

const tenantSchema = z.strictObject({
  id: guid,
  displayName: name,
  defaultDomain: name,
  countryCode: z.string().length(2).default('US'),
  /** Refresh tokens are refused for this tenant with interaction_required (MFA / Conditional Access) until the account signs in interactively to it. */
  requiresInteractiveSignIn: z.boolean().default(false),
});

const accountSchema = z.strictObject({
  username: z
    .string()
    .includes('@', { message: 'must be a user principal name like admin@contoso.com' }),
  name,
  homeTenantId: guid,
  /** Object id in the home tenant; derived from the username when absent. */
  objectId: guid.optional(),
  /** Tenants where the account is a guest (B2B). It gets another object id there, as in Entra ID. */
  guestTenantIds: z.array(guid).default([]),
});

const servicePrincipalSchema = z.strictObject({
  displayName: name,
  tenantId: guid,
  clientId: guid,
  clientSecret: z.string().min(8, { message: 'must be at least 8 characters' }),
  objectId: guid.optional(),
});

const subscriptionSchema = z.strictObject({
  id: guid,
  tenantId: guid,
  displayName: name,
  state: z.enum(['Enabled', 'Disabled', 'Warned', 'PastDue', 'Deleted']).default('Enabled'),
});

const resourceGroupSchema = z.strictObject({
  subscriptionId: guid,
  name,
  location: name,
});

const armId = z.string().startsWith('/subscriptions/', {
  message: 'must be an ARM resource id starting with /subscriptions/',
});

const workspaceSchema = z.strictObject({
  subscriptionId: guid,
  resourceGroup: name,
  name,
  location: name,
  friendlyName: z.string().optional(),
  description: z.string().optional(),
  storageAccount: armId,
  containerRegistry: armId.nullable().default(null),
  keyVault: armId,
  applicationInsights: armId.optional(),
  /** Object id of the workspace's own system-assigned identity; derived when absent. */
  principalId: guid.optional(),
});

const extensionSchema = z.strictObject({
  name: z.string().default('azureml'),
  provisioningState: z
    .enum(['Succeeded', 'Failed', 'Creating', 'Updating', 'Deleting', 'Canceled'])
    .default('Succeeded'),
  version: z.string().default('1.1.74'),
  releaseTrain: z.string().default('stable'),
});

/** The Arc agent's connectivity states (hybridkubernetes spec, ConnectivityStatus). */
export const arcConnectivityStatuses = [
  'Connecting',
  'Connected',
  'Offline',
  'Expired',
  'AgentNotInstalled',
] as const;

const clusterSchema = z.strictObject({
  kind: z.enum(['aks', 'arc']),
  subscriptionId: guid,
  resourceGroup: name,
  name,
  location: name,
  kubernetesVersion: z.string().default('1.31.2'),
  nodeCount: z.number().int().positive().default(3),
  // --- Kubernetes API of the cluster (namespace checks; served by kubernetes/) ---
  /** The namespaces its API server answers for at `GET /api/v1/namespaces/{ns}`. */
  namespaces: z.array(z.string()).default(['default', 'kube-system', 'azureml']),
  /**
   * How its API server behaves. `reachable` false: a private cluster the desktop cannot reach (the
   * connection is dropped). `rbacAllowsNamespaceRead` false: Entra users get 403 Forbidden on
   * namespaces. `localAccounts` true: no Entra ID integration, the user credential is a client
   * certificate and the API server takes nothing else.
   */
  apiServer: z
    .strictObject({
      reachable: z.boolean().default(true),
      rbacAllowsNamespaceRead: z.boolean().default(true),
      localAccounts: z.boolean().default(false),
    })
    .default({ reachable: true, rbacAllowsNamespaceRead: true, localAccounts: false }),
  // --- end of Kubernetes API ---
  /** The Azure ML extension (Microsoft.AzureML.Kubernetes); null or absent = not installed. */
  azureMlExtension: extensionSchema.nullable().default(null),
  /** Other extensions to list beside Azure ML (extension type names, e.g. microsoft.flux). */
  otherExtensions: z.array(z.string()).default([]),
  // --- Arc connectivity (Microsoft.Kubernetes/connectedClusters only; ignored for AKS) ---
  /** `properties.connectivityStatus` as ARM reports it; the spec's values (hybridkubernetes ConnectivityStatus). */
  connectivityStatus: z.enum(arcConnectivityStatuses).default('Connected'),
  // --- end of Arc connectivity ---
});

const identitySchema = z.strictObject({
  subscriptionId: guid,
  resourceGroup: name,
  name,
  location: name,
  principalId: guid.optional(),
  clientId: guid.optional(),
});

const computeIdentitySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('None') }),
  z.strictObject({ type: z.literal('SystemAssigned') }),
  z.strictObject({ type: z.literal('UserAssigned'), userAssignedIdentityId: armId }),
]);

const errorSchema = z.strictObject({ code: name, message: name, target: z.string().optional() });

const computeSchema = z.strictObject({
  /** `/subscriptions/../workspaces/{name}` of a workspace in this scenario. */
  workspaceId: armId,
  name,
  /** The attached AKS or Arc cluster; required for computeType Kubernetes, absent for other types. */
  clusterId: armId.optional(),
  description: z.string().optional(),
  namespace: z.string().default('default'),
  provisioningState: z.enum(provisioningStates).default('Succeeded'),
  provisioningErrors: z.array(errorSchema).default([]),
  identity: computeIdentitySchema.default({ type: 'None' }),
  /** Computes of other types share the list; they are listed, never attached by this app. */
  computeType: z.string().default('Kubernetes'),
  createdOn: z.iso.datetime({ offset: true }).optional(),
});

export const builtInRoleNames = [
  'Owner',
  'Contributor',
  'Reader',
  'User Access Administrator',
  'Managed Identity Operator',
  'AcrPull',
  'AcrPush',
  'Storage Blob Data Reader',
  'Storage Blob Data Contributor',
  'Key Vault Secrets User',
  'Role Based Access Control Administrator',
  'Kubernetes Extension Contributor',
  'Azure Kubernetes Service Cluster Admin Role',
] as const;

/** A custom role of a subscription (assignable in that subscription), listed beside the built-in roles. */
const customRoleSchema = z.strictObject({
  subscriptionId: guid,
  roleName: name,
  description: z.string().default(''),
  /** The role definition's GUID; derived from subscription and name when absent. */
  guid: guid.optional(),
  actions: z.array(z.string()).default([]),
  notActions: z.array(z.string()).default([]),
  dataActions: z.array(z.string()).default([]),
  notDataActions: z.array(z.string()).default([]),
});

const roleAssignmentSchema = z.strictObject({
  /** Assignment name (a GUID); derived from scope, principal and role when absent. */
  name: guid.optional(),
  scope: z.string().startsWith('/', { message: "must be an ARM scope starting with '/'" }),
  /** An account username, a service principal clientId or displayName, a user-assigned identity id, or a raw principal object id. */
  principal: name,
  /** A built-in or custom role name, or a role definition GUID. */
  role: name,
});

const latencySchema = z.strictObject({
  fixedMs: z.number().nonnegative().default(0),
  jitterMs: z.number().nonnegative().default(0),
});

const bucketSchema = z.strictObject({
  capacity: z.number().int().positive(),
  refillPerSecond: z.number().positive(),
});

export const throttlingSchema = z.strictObject({
  reads: bucketSchema,
  writes: bucketSchema,
  deletes: bucketSchema,
});

export const settingsSchema = z.strictObject({
  /** Items per page of every ARM list (nextLink beyond). */
  pageSize: z.number().int().positive().default(100),
  /** How long an attach or identity update stays Creating/Updating before it settles. */
  attachDelayMs: z.number().nonnegative().default(3000),
  /** How long a detached compute stays Deleting before it is gone. */
  deleteDelayMs: z.number().nonnegative().default(2000),
  /**
   * `Retry-After` (seconds) of the compute operation status and Location URLs while an operation runs, and of a
   * detach's 202. 0 still sends the header; the Azure SDKs then keep their own polling interval.
   */
  operationRetryAfterSeconds: z.number().int().nonnegative().default(5),
  /** How long a new system-assigned identity stays unknown to role assignment PUTs (PrincipalNotFound). */
  principalReplicationDelayMs: z.number().nonnegative().default(5000),
  /** Device code polling interval the token endpoint announces (AAD sends 5). */
  deviceCodeIntervalSeconds: z.number().positive().default(5),
  accessTokenLifetimeSeconds: z.number().int().positive().default(3600),
  refreshTokenLifetimeSeconds: z
    .number()
    .int()
    .positive()
    .default(90 * 24 * 3600),
  /** `absent`: Resource Graph answers 404 as in a cloud without it (Azure Stack, a private cloud). */
  resourceGraph: z.enum(['available', 'absent']).default('available'),
  /** Resource Graph queries per caller per 5-second window (Azure's is about 15). */
  resourceGraphQuota: z.number().int().positive().default(15),
});

export const faultsSchema = z.strictObject({
  latency: latencySchema.optional(),
  /** Token buckets per subscription and principal; "azure" = Azure's real limits. */
  throttling: z.union([z.literal('azure'), throttlingSchema]).optional(),
  /** Attaches of these compute names fail late (after attachDelayMs) with this error. */
  lateAttachFailures: z
    .array(
      z.strictObject({
        computeName: name,
        code: name.default('ClusterUnreachable'),
        message: name,
        /** Every provisioningErrors entry; default: one of code and message. */
        errors: z.array(errorSchema).optional(),
      }),
    )
    .default([]),
});

export const scenarioSchema = z.strictObject({
  name: z.string().default('scenario'),
  tenants: z.array(tenantSchema).min(1, { message: 'needs at least one tenant' }),
  accounts: z.array(accountSchema).default([]),
  servicePrincipals: z.array(servicePrincipalSchema).default([]),
  subscriptions: z.array(subscriptionSchema).default([]),
  resourceGroups: z.array(resourceGroupSchema).default([]),
  workspaces: z.array(workspaceSchema).default([]),
  clusters: z.array(clusterSchema).default([]),
  identities: z.array(identitySchema).default([]),
  computes: z.array(computeSchema).default([]),
  customRoles: z.array(customRoleSchema).default([]),
  roleAssignments: z.array(roleAssignmentSchema).default([]),
  settings: settingsSchema.default(settingsSchema.parse({})),
  faults: faultsSchema.default(faultsSchema.parse({})),
});

/** A scenario as written in a file (defaults not applied yet). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A parsed scenario (defaults applied). */
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioTenant = Scenario['tenants'][number];
export type ScenarioAccount = Scenario['accounts'][number];
export type ScenarioServicePrincipal = Scenario['servicePrincipals'][number];
export type ScenarioSubscription = Scenario['subscriptions'][number];
export type ScenarioWorkspace = Scenario['workspaces'][number];
export type ScenarioCluster = Scenario['clusters'][number];
export type ScenarioIdentity = Scenario['identities'][number];
export type ScenarioCompute = Scenario['computes'][number];
export type ScenarioRoleAssignment = Scenario['roleAssignments'][number];
export type ScenarioCustomRole = Scenario['customRoles'][number];
export type EmulatorSettings = Scenario['settings'];
export type ScenarioFaults = Scenario['faults'];
export type ThrottlingLimits = z.output<typeof throttlingSchema>;
export type ProvisioningState = (typeof provisioningStates)[number];
export type ArcConnectivityStatus = (typeof arcConnectivityStatuses)[number];
