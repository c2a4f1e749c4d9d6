import { parseArmId, requireArmId } from '../../shared/azure/arm-id';
import { readWithRetries, type RetryPolicy } from './arm-retry';
import type { ArmSession } from './arm-session';
import type { Clock } from './clock';
import { armUrl, AUTHORIZATION_API_VERSION } from './compute-request';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGES = 20;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface PrincipalAssignments {
  readonly readable: boolean;
  readonly assignments: { roleName: string; scope: string }[];
}

/**
 * The role assignments of one principal in a subscription, each with its role's name: what a
 * compute loses when its identity's principal goes away. Any failure answers `readable: false`
 * (the preview then says the list may be incomplete), never an invented empty list.
 */
export async function assignmentsOfPrincipal(
  session: ArmSession,
  clock: Clock,
  retry: RetryPolicy,
  subscriptionId: string,
  principalId: string,
): Promise<PrincipalAssignments> {
  if (!GUID.test(principalId)) return { readable: false, assignments: [] };
  const subscription = requireArmId(`/subscriptions/${subscriptionId}`, 'subscription id');
  let url: URL | null = armUrl(
    session.armBase,
    subscription,
    {
      'api-version': AUTHORIZATION_API_VERSION,
      $filter: `principalId eq '${principalId.toLowerCase()}'`,
    },
    '/providers/Microsoft.Authorization/roleAssignments',
  );
  const found: { roleDefinitionId: string; scope: string }[] = [];
  try {
    for (let page = 0; url && page < MAX_PAGES; page += 1) {
      const answer = await readWithRetries(session, url, clock, retry);
      if (answer.status !== 200 || !isRecord(answer.body))
        return { readable: false, assignments: [] };
      const value = Array.isArray(answer.body['value']) ? answer.body['value'] : [];
      for (const item of value) {
        const properties = isRecord(item) && isRecord(item['properties']) ? item['properties'] : {};
        const role = properties['roleDefinitionId'];
        const scope = properties['scope'];
        if (typeof role === 'string' && typeof scope === 'string')
          found.push({ roleDefinitionId: role, scope });
      }
      const next = answer.body['nextLink'];
      url = typeof next === 'string' ? sameOrigin(next, session.armOrigin) : null;
    }
    const names = new Map<string, string>();
    for (const { roleDefinitionId } of found) {
      const key = roleDefinitionId.toLowerCase();
      if (names.has(key)) continue;
      names.set(key, await roleName(session, clock, retry, roleDefinitionId));
    }
    return {
      readable: true,
      assignments: found.map(({ roleDefinitionId, scope }) => ({
        roleName: names.get(roleDefinitionId.toLowerCase()) ?? roleDefinitionId,
        scope,
      })),
    };
  } catch {
    return { readable: false, assignments: [] };
  }
}

function sameOrigin(value: string, origin: string): URL | null {
  try {
    const url = new URL(value);
    return url.origin === origin ? url : null;
  } catch {
    return null;
  }
}

/** A role definition's display name (its GUID when it cannot be read). */
async function roleName(
  session: ArmSession,
  clock: Clock,
  retry: RetryPolicy,
  roleDefinitionId: string,
): Promise<string> {
  const parsed = parseArmId(roleDefinitionId);
  const fallback = roleDefinitionId.split('/').at(-1) ?? roleDefinitionId;
  if (!parsed.ok) return fallback;
  const answer = await readWithRetries(
    session,
    armUrl(session.armBase, parsed.value, { 'api-version': AUTHORIZATION_API_VERSION }),
    clock,
    retry,
  );
  const properties =
    isRecord(answer.body) && isRecord(answer.body['properties']) ? answer.body['properties'] : {};
  return answer.status === 200 && typeof properties['roleName'] === 'string'
    ? properties['roleName']
    : fallback;
}
