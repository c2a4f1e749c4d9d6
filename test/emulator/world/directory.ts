import { stableGuid } from '../core/ids';
import type {
  Scenario,
  ScenarioAccount,
  ScenarioServicePrincipal,
  ScenarioTenant,
} from '../scenario/schema';

export type PrincipalType = 'User' | 'ServicePrincipal';

export interface DirectoryPrincipal {
  objectId: string;
  tenantId: string;
  type: PrincipalType;
  displayName: string;
  /**
   * Epoch ms when a principal created at run time appeared (undefined for the scenario's own). It reaches the
   * directory the replication delay later; the delay is read at each check, so changing it at run time
   * (control API) also moves principals still replicating.
   */
  createdAt?: number;
}

export interface Account {
  username: string;
  name: string;
  homeTenantId: string;
  homeObjectId: string;
  /** Home tenant first, then guest tenants. */
  tenantIds: string[];
  objectIdIn(tenantId: string): string | undefined;
}

/** Microsoft Entra ID as the emulator knows it: tenants, users (with guest identities), service principals, managed identities. */
export class Directory {
  readonly tenants = new Map<string, ScenarioTenant>();
  readonly accounts = new Map<string, Account>();
  readonly servicePrincipals = new Map<string, ScenarioServicePrincipal & { objectId: string }>();
  private readonly principals = new Map<string, DirectoryPrincipal>();

  constructor(scenario: Scenario) {
    for (const tenant of scenario.tenants) this.tenants.set(tenant.id.toLowerCase(), tenant);
    for (const account of scenario.accounts) this.addAccount(account);
    for (const sp of scenario.servicePrincipals) {
      const objectId = (sp.objectId ?? stableGuid('sp', sp.tenantId, sp.clientId)).toLowerCase();
      this.servicePrincipals.set(sp.clientId.toLowerCase(), { ...sp, objectId });
      this.addPrincipal({
        objectId,
        tenantId: sp.tenantId,
        type: 'ServicePrincipal',
        displayName: sp.displayName,
      });
    }
  }

  private addAccount(input: ScenarioAccount): void {
    const homeObjectId = (
      input.objectId ?? stableGuid('user', input.homeTenantId, input.username)
    ).toLowerCase();
    const tenantIds = [input.homeTenantId, ...input.guestTenantIds].map((t) => t.toLowerCase());
    // A guest is a different user object in each resource tenant, as in Entra B2B.
    const objectIds = new Map(
      tenantIds.map((t, i) => [t, i === 0 ? homeObjectId : stableGuid('guest', t, input.username)]),
    );
    const account: Account = {
      username: input.username,
      name: input.name,
      homeTenantId: input.homeTenantId.toLowerCase(),
      homeObjectId,
      tenantIds,
      objectIdIn: (tenantId) => objectIds.get(tenantId.toLowerCase()),
    };
    this.accounts.set(input.username.toLowerCase(), account);
    for (const [tenantId, objectId] of objectIds) {
      this.addPrincipal({
        objectId,
        tenantId,
        type: 'User',
        displayName: input.name,
      });
    }
  }

  addPrincipal(principal: DirectoryPrincipal): void {
    this.principals.set(principal.objectId.toLowerCase(), {
      ...principal,
      objectId: principal.objectId.toLowerCase(),
    });
  }

  removePrincipal(objectId: string): void {
    this.principals.delete(objectId.toLowerCase());
  }

  /** The principal whether or not it has replicated yet (for inspection; role assignments use findPrincipal). */
  principalRecord(objectId: string): DirectoryPrincipal | undefined {
    return this.principals.get(objectId.toLowerCase());
  }

  /** The principal as a role assignment PUT sees it at `now` (undefined while it is still replicating). */
  findPrincipal(
    objectId: string,
    now: number,
    replicationDelayMs: number,
  ): DirectoryPrincipal | undefined {
    const principal = this.principals.get(objectId.toLowerCase());
    if (!principal) return undefined;
    return principal.createdAt === undefined || principal.createdAt + replicationDelayMs <= now
      ? principal
      : undefined;
  }

  /** A tenant by GUID or by its default domain. */
  findTenant(idOrDomain: string): ScenarioTenant | undefined {
    const key = idOrDomain.toLowerCase();
    return (
      this.tenants.get(key) ??
      [...this.tenants.values()].find((t) => t.defaultDomain.toLowerCase() === key)
    );
  }

  findAccount(username: string): Account | undefined {
    return this.accounts.get(username.toLowerCase());
  }

  /** Resolves a scenario role assignment's `principal` field to an object id in `tenantId`. */
  resolvePrincipalReference(reference: string, tenantId: string): string | undefined {
    const account = this.findAccount(reference);
    if (account) return account.objectIdIn(tenantId);
    const key = reference.toLowerCase();
    const sp =
      this.servicePrincipals.get(key) ??
      [...this.servicePrincipals.values()].find((p) => p.displayName.toLowerCase() === key);
    if (sp) return sp.objectId;
    return /^[0-9a-f-]{36}$/i.test(reference) ? key : undefined;
  }
}
