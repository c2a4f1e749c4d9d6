import { normalizeScope, scopeCovers, stableGuid } from '../core/ids';
import {
  clusterId,
  computeId,
  subscriptionOf,
  userAssignedIdentityId,
  workspaceId,
} from '../core/resourceIds';
import { roleAllows, type RoleDefinition } from '../arm/roleDefinitions';
import { ScenarioError } from '../scenario/load';
import type {
  EmulatorSettings,
  Scenario,
  ScenarioCluster,
  ScenarioSubscription,
  ScenarioWorkspace,
} from '../scenario/schema';
import { settleCompute, workspaceKeyOf, type ComputeRecord } from './computes';
import { Directory, type PrincipalType } from './directory';
import { RoleCatalog } from './roles';

export interface WorkspaceRecord extends ScenarioWorkspace {
  id: string;
  principalId: string;
  tenantId: string;
}

export interface ClusterRecord extends ScenarioCluster {
  id: string;
}

export interface IdentityRecord {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  principalId: string;
  clientId: string;
  tenantId: string;
  tags: Record<string, string>;
}

export interface RoleAssignmentRecord {
  id: string;
  name: string;
  scope: string;
  roleGuid: string;
  principalId: string;
  principalType: PrincipalType | 'Group' | 'ForeignGroup' | 'Device';
  createdOn: string;
  createdBy: string | null;
  description: string | null;
}

/** An async operation a status URL reports on. */
export interface OperationRecord {
  id: string;
  kind: 'attach' | 'delete';
  computeId: string;
  subscriptionId: string;
  location: string;
}

/** The whole mutable Azure state the emulator serves, built from a scenario. */
export class World {
  readonly directory: Directory;
  readonly roles: RoleCatalog;
  readonly subscriptions = new Map<string, ScenarioSubscription>();
  readonly resourceGroups = new Map<
    string,
    { subscriptionId: string; name: string; location: string }
  >();
  readonly workspaces = new Map<string, WorkspaceRecord>();
  readonly clusters = new Map<string, ClusterRecord>();
  readonly identities = new Map<string, IdentityRecord>();
  /** Computes by workspace id (lowercase), then by compute id (lowercase): lists stay cheap in large scenarios. */
  private readonly computes = new Map<string, Map<string, ComputeRecord>>();
  private readonly roleAssignments = new Map<string, RoleAssignmentRecord>();
  /** Assignment ids by principal: access checks look at the caller's assignments only. */
  private readonly assignmentsByPrincipal = new Map<string, Set<string>>();
  private readonly bySubscription = new Map<
    string,
    { workspaces: WorkspaceRecord[]; clusters: ClusterRecord[]; identities: IdentityRecord[] }
  >();
  readonly operations = new Map<string, OperationRecord>();
  /** The scenario's regions (of its resource groups), sorted: where its resource types are offered. */
  readonly locations: readonly string[];

  constructor(
    scenario: Scenario,
    readonly settings: EmulatorSettings,
  ) {
    this.directory = new Directory(scenario);
    this.roles = new RoleCatalog(scenario.customRoles);
    for (const s of scenario.subscriptions) this.subscriptions.set(s.id.toLowerCase(), s);
    for (const g of scenario.resourceGroups)
      this.resourceGroups.set(`${g.subscriptionId}/${g.name}`.toLowerCase(), g);
    for (const w of scenario.workspaces) {
      const id = workspaceId(w.subscriptionId, w.resourceGroup, w.name);
      const principalId = (
        w.principalId ?? stableGuid('workspace', id.toLowerCase())
      ).toLowerCase();
      const tenantId = this.tenantOfSubscription(w.subscriptionId) ?? '';
      this.workspaces.set(id.toLowerCase(), { ...w, id, principalId, tenantId });
      this.directory.addPrincipal({
        objectId: principalId,
        tenantId,
        type: 'ServicePrincipal',
        displayName: w.name,
      });
    }
    for (const c of scenario.clusters) {
      const id = clusterId(c.kind, c.subscriptionId, c.resourceGroup, c.name);
      this.clusters.set(id.toLowerCase(), { ...c, id });
    }
    for (const i of scenario.identities) {
      const id = userAssignedIdentityId(i.subscriptionId, i.resourceGroup, i.name);
      const tenantId = this.tenantOfSubscription(i.subscriptionId) ?? '';
      const record: IdentityRecord = {
        id,
        name: i.name,
        subscriptionId: i.subscriptionId,
        resourceGroup: i.resourceGroup,
        location: i.location,
        principalId: (i.principalId ?? stableGuid('uai-principal', id.toLowerCase())).toLowerCase(),
        clientId: (i.clientId ?? stableGuid('uai-client', id.toLowerCase())).toLowerCase(),
        tenantId,
        tags: {},
      };
      this.identities.set(id.toLowerCase(), record);
      this.directory.addPrincipal({
        objectId: record.principalId,
        tenantId,
        type: 'ServicePrincipal',
        displayName: i.name,
      });
    }
    this.locations = [
      ...new Set(scenario.resourceGroups.map((g) => g.location.toLowerCase())),
    ].sort();
    this.indexBySubscription();
    this.seedComputes(scenario);
    this.seedRoleAssignments(scenario);
  }

  private indexBySubscription(): void {
    const entry = (sub: string) => {
      const key = sub.toLowerCase();
      let value = this.bySubscription.get(key);
      if (!value)
        this.bySubscription.set(key, (value = { workspaces: [], clusters: [], identities: [] }));
      return value;
    };
    for (const w of this.workspaces.values()) entry(w.subscriptionId).workspaces.push(w);
    for (const c of this.clusters.values()) entry(c.subscriptionId).clusters.push(c);
    for (const i of this.identities.values()) entry(i.subscriptionId).identities.push(i);
  }

  /**
   * A user-assigned identity created at run time: listed at once, but its service principal reaches the
   * directory (role assignments) only after the replication delay, as after a real creation.
   */
  addIdentity(record: IdentityRecord, createdAt: number): void {
    this.identities.set(record.id.toLowerCase(), record);
    const inSubscription = this.bySubscription.get(record.subscriptionId.toLowerCase());
    if (inSubscription) inSubscription.identities.push(record);
    else
      this.bySubscription.set(record.subscriptionId.toLowerCase(), {
        workspaces: [],
        clusters: [],
        identities: [record],
      });
    this.directory.addPrincipal({
      objectId: record.principalId,
      tenantId: record.tenantId,
      type: 'ServicePrincipal',
      displayName: record.name,
      createdAt,
    });
  }

  /** The workspaces, clusters and identities of a subscription (the scenario's, plus identities created since). */
  resourcesIn(subscriptionId: string): {
    workspaces: WorkspaceRecord[];
    clusters: ClusterRecord[];
    identities: IdentityRecord[];
  } {
    return (
      this.bySubscription.get(subscriptionId.toLowerCase()) ?? {
        workspaces: [],
        clusters: [],
        identities: [],
      }
    );
  }

  private seedComputes(scenario: Scenario): void {
    const created = '2025-01-15T09:30:00.0000000+00:00';
    for (const c of scenario.computes) {
      const workspace = this.findWorkspace(c.workspaceId);
      const cluster = c.clusterId ? this.findCluster(c.clusterId) : undefined;
      if (!workspace) continue; // checked by loadScenario
      const id = computeId(workspace.id, c.name);
      let identity: ComputeRecord['identity'] = { type: 'None' };
      if (c.identity.type === 'SystemAssigned') {
        const principalId = stableGuid('compute-identity', id.toLowerCase());
        identity = { type: 'SystemAssigned', principalId, tenantId: workspace.tenantId };
        this.directory.addPrincipal({
          objectId: principalId,
          tenantId: workspace.tenantId,
          type: 'ServicePrincipal',
          displayName: `${workspace.name}/computes/${c.name}`,
        });
      } else if (c.identity.type === 'UserAssigned') {
        const uai = this.findIdentity(c.identity.userAssignedIdentityId);
        if (uai)
          identity = {
            type: 'UserAssigned',
            identityId: uai.id,
            principalId: uai.principalId,
            clientId: uai.clientId,
          };
      }
      this.saveCompute({
        id,
        name: c.name,
        workspaceId: workspace.id,
        subscriptionId: workspace.subscriptionId,
        location: workspace.location,
        computeType: c.computeType,
        ...(cluster ? { resourceId: cluster.id } : {}),
        ...(c.description !== undefined ? { description: c.description } : {}),
        kubernetesProperties: { namespace: c.namespace },
        identity,
        createdOn: c.createdOn ?? created,
        modifiedOn: c.createdOn ?? created,
        provisioningState: c.provisioningState,
        provisioningErrors: c.provisioningErrors.map((e) => ({ ...e })),
      });
    }
  }

  private seedRoleAssignments(scenario: Scenario): void {
    const problems: string[] = [];
    scenario.roleAssignments.forEach((a, i) => {
      const scope = normalizeScope(a.scope);
      const tenantId = this.tenantOfScope(scope);
      const role = this.roles.find(a.role);
      if (!role)
        problems.push(
          `roleAssignments[${i}].role: '${a.role}' is not a known built-in or custom role name or GUID`,
        );
      if (!tenantId)
        problems.push(
          `roleAssignments[${i}].scope: '${a.scope}' is not in a subscription of the scenario`,
        );
      const principalId = tenantId
        ? this.directory.resolvePrincipalReference(a.principal, tenantId)
        : undefined;
      if (tenantId && !principalId)
        problems.push(
          `roleAssignments[${i}].principal: '${a.principal}' is neither an account member of tenant ${tenantId}, a service principal, nor a principal GUID`,
        );
      if (!role || !principalId) return;
      const name = (
        a.name ?? stableGuid('assignment', scope.toLowerCase(), principalId, role.guid)
      ).toLowerCase();
      const isUser =
        this.directory.findPrincipal(principalId, Number.POSITIVE_INFINITY, 0)?.type === 'User';
      this.putRoleAssignment({
        id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
        name,
        scope,
        roleGuid: role.guid,
        principalId,
        principalType: isUser ? 'User' : 'ServicePrincipal',
        createdOn: '2025-01-15T09:30:00.0000000Z',
        createdBy: null,
        description: null,
      });
    });
    if (problems.length > 0) throw new ScenarioError(scenario.name, problems);
  }

  tenantOfSubscription(subscriptionId: string): string | undefined {
    return this.subscriptions.get(subscriptionId.toLowerCase())?.tenantId.toLowerCase();
  }

  tenantOfScope(scope: string): string | undefined {
    const sub = subscriptionOf(scope);
    return sub ? this.tenantOfSubscription(sub) : undefined;
  }

  findWorkspace(id: string): WorkspaceRecord | undefined {
    return this.workspaces.get(id.toLowerCase());
  }

  findCluster(id: string): ClusterRecord | undefined {
    return this.clusters.get(id.toLowerCase());
  }

  findIdentity(id: string): IdentityRecord | undefined {
    return this.identities.get(id.toLowerCase());
  }

  /** The compute at `now` (transitions applied; undefined once a detach has completed). */
  findCompute(id: string, now: number): ComputeRecord | undefined {
    const key = id.toLowerCase();
    const compute = this.computes.get(workspaceKeyOf(key))?.get(key);
    if (!compute) return undefined;
    if (!settleCompute(compute, now)) {
      this.removeCompute(compute);
      return undefined;
    }
    return compute;
  }

  computesOf(workspace: string, now: number): ComputeRecord[] {
    const keys = [...(this.computes.get(workspace.toLowerCase())?.keys() ?? [])];
    return keys
      .map((key) => this.findCompute(key, now))
      .filter((c): c is ComputeRecord => c !== undefined);
  }

  saveCompute(compute: ComputeRecord): void {
    const workspaceKey = compute.workspaceId.toLowerCase();
    let inWorkspace = this.computes.get(workspaceKey);
    if (!inWorkspace) this.computes.set(workspaceKey, (inWorkspace = new Map()));
    inWorkspace.set(compute.id.toLowerCase(), compute);
  }

  /** Forgets a compute at once (and its system-assigned principal), as a completed detach does. */
  removeCompute(compute: ComputeRecord): void {
    this.computes.get(compute.workspaceId.toLowerCase())?.delete(compute.id.toLowerCase());
    if (compute.identity.type === 'SystemAssigned')
      this.directory.removePrincipal(compute.identity.principalId);
  }

  putRoleAssignment(record: RoleAssignmentRecord): void {
    const key = record.id.toLowerCase();
    this.roleAssignments.set(key, record);
    let ids = this.assignmentsByPrincipal.get(record.principalId);
    if (!ids) this.assignmentsByPrincipal.set(record.principalId, (ids = new Set()));
    ids.add(key);
  }

  findRoleAssignment(id: string): RoleAssignmentRecord | undefined {
    return this.roleAssignments.get(id.toLowerCase());
  }

  deleteRoleAssignment(id: string): RoleAssignmentRecord | undefined {
    const key = id.toLowerCase();
    const record = this.roleAssignments.get(key);
    if (!record) return undefined;
    this.roleAssignments.delete(key);
    this.assignmentsByPrincipal.get(record.principalId)?.delete(key);
    return record;
  }

  allRoleAssignments(): RoleAssignmentRecord[] {
    return [...this.roleAssignments.values()];
  }

  private assignmentsOf(principalIds: readonly string[]): RoleAssignmentRecord[] {
    return principalIds.flatMap((p) =>
      [...(this.assignmentsByPrincipal.get(p.toLowerCase()) ?? [])]
        .map((key) => this.roleAssignments.get(key))
        .filter((a) => a !== undefined),
    );
  }

  /** Role assignments at scopes covering `scope` (inherited from parents) for these principals. */
  rolesAt(principalIds: readonly string[], scope: string): RoleDefinition[] {
    const roles: RoleDefinition[] = [];
    for (const a of this.assignmentsOf(principalIds)) {
      if (!scopeCovers(a.scope, scope)) continue;
      const role = this.roles.find(a.roleGuid);
      if (role) roles.push(role);
    }
    return roles;
  }

  isAllowed(principalIds: readonly string[], scope: string, action: string): boolean {
    return this.rolesAt(principalIds, scope).some((role) => roleAllows(role, action));
  }

  /** True when the principals hold any role at or below `scope` (e.g. on one resource group of a subscription). */
  hasAnyAssignmentWithin(principalIds: readonly string[], scope: string): boolean {
    return this.assignmentsOf(principalIds).some(
      (a) => scopeCovers(scope, a.scope) || scopeCovers(a.scope, scope),
    );
  }

  resourceGroupExists(subscriptionId: string, resourceGroup: string): boolean {
    return this.resourceGroups.has(`${subscriptionId}/${resourceGroup}`.toLowerCase());
  }
}
