import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { clusterId, userAssignedIdentityId, workspaceId } from '../core/resourceIds';
import { scenarioSchema, type Scenario, type ScenarioInput } from './schema';

/** Thrown for a scenario that does not parse or whose references do not resolve; the message names every bad field. */
export class ScenarioError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid scenario ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${fieldPath(issue.path) || '(root)'}: ${issue.message}`);
}

export async function loadScenarioFile(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ScenarioError(file, [`cannot read the file: ${(error as Error).message}`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseScenario(data, file);
}

/** Validates a scenario object (from a file, a test, or the generator) and applies defaults. */
export function parseScenario(data: unknown | ScenarioInput, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(data);
  if (!result.success) throw new ScenarioError(source, describeIssues(result.error));
  const problems = checkReferences(result.data);
  if (problems.length > 0) throw new ScenarioError(source, problems);
  return result.data;
}

/** Cross-references zod cannot see: every id a record points to must exist in the scenario. */
function checkReferences(s: Scenario): string[] {
  const problems: string[] = [];
  const lower = (v: string) => v.toLowerCase();
  const tenants = new Set(s.tenants.map((t) => lower(t.id)));
  const subscriptions = new Set(s.subscriptions.map((x) => lower(x.id)));
  const groups = new Set(s.resourceGroups.map((g) => lower(`${g.subscriptionId}/${g.name}`)));
  const workspaces = new Set(
    s.workspaces.map((w) => lower(workspaceId(w.subscriptionId, w.resourceGroup, w.name))),
  );
  const clusters = new Set(
    s.clusters.map((c) => lower(clusterId(c.kind, c.subscriptionId, c.resourceGroup, c.name))),
  );
  const identities = new Set(
    s.identities.map((i) =>
      lower(userAssignedIdentityId(i.subscriptionId, i.resourceGroup, i.name)),
    ),
  );
  const needTenant = (field: string, id: string) => {
    if (!tenants.has(lower(id))) problems.push(`${field}: tenant '${id}' is not in tenants`);
  };
  const needGroup = (field: string, sub: string, rg: string) => {
    if (!subscriptions.has(lower(sub)))
      problems.push(`${field}.subscriptionId: subscription '${sub}' is not in subscriptions`);
    else if (!groups.has(lower(`${sub}/${rg}`)))
      problems.push(
        `${field}.resourceGroup: resource group '${rg}' is not in resourceGroups of subscription '${sub}'`,
      );
  };
  const unique = (field: string, keys: string[]) => {
    const seen = new Set<string>();
    keys.forEach((key, i) => {
      if (seen.has(lower(key))) problems.push(`${field}[${i}]: duplicate '${key}'`);
      seen.add(lower(key));
    });
  };
  unique(
    'tenants',
    s.tenants.map((t) => t.id),
  );
  unique(
    'accounts',
    s.accounts.map((a) => a.username),
  );
  unique(
    'subscriptions',
    s.subscriptions.map((x) => x.id),
  );
  unique('workspaces', [
    ...s.workspaces.map((w) => workspaceId(w.subscriptionId, w.resourceGroup, w.name)),
  ]);
  unique(
    'clusters',
    s.clusters.map((c) => clusterId(c.kind, c.subscriptionId, c.resourceGroup, c.name)),
  );
  unique(
    'computes',
    s.computes.map((c) => `${c.workspaceId}/computes/${c.name}`),
  );
  s.accounts.forEach((a, i) => {
    needTenant(`accounts[${i}].homeTenantId`, a.homeTenantId);
    a.guestTenantIds.forEach((t, j) => needTenant(`accounts[${i}].guestTenantIds[${j}]`, t));
  });
  s.servicePrincipals.forEach((p, i) => needTenant(`servicePrincipals[${i}].tenantId`, p.tenantId));
  s.subscriptions.forEach((x, i) => needTenant(`subscriptions[${i}].tenantId`, x.tenantId));
  s.resourceGroups.forEach((g, i) => {
    if (!subscriptions.has(lower(g.subscriptionId)))
      problems.push(
        `resourceGroups[${i}].subscriptionId: subscription '${g.subscriptionId}' is not in subscriptions`,
      );
  });
  s.workspaces.forEach((w, i) => needGroup(`workspaces[${i}]`, w.subscriptionId, w.resourceGroup));
  s.clusters.forEach((c, i) => needGroup(`clusters[${i}]`, c.subscriptionId, c.resourceGroup));
  s.identities.forEach((x, i) => needGroup(`identities[${i}]`, x.subscriptionId, x.resourceGroup));
  s.computes.forEach((c, i) => {
    if (!workspaces.has(lower(c.workspaceId)))
      problems.push(
        `computes[${i}].workspaceId: workspace '${c.workspaceId}' is not in workspaces`,
      );
    if (c.clusterId === undefined) {
      if (c.computeType === 'Kubernetes')
        problems.push(`computes[${i}].clusterId: required for a Kubernetes compute`);
    } else if (!clusters.has(lower(c.clusterId))) {
      problems.push(`computes[${i}].clusterId: cluster '${c.clusterId}' is not in clusters`);
    }
    if (
      c.identity.type === 'UserAssigned' &&
      !identities.has(lower(c.identity.userAssignedIdentityId))
    )
      problems.push(
        `computes[${i}].identity.userAssignedIdentityId: identity '${c.identity.userAssignedIdentityId}' is not in identities`,
      );
  });
  return problems;
}
