import { armChildId, armIdPath, armResourceName, type ArmId } from '../../shared/azure/arm-id';
import type { PreflightFinding } from '../../shared/domain/operations';
import { PermissionsPage, permits, type PermissionEntry } from './permissions';
import {
  API_VERSIONS,
  answerCode,
  finding,
  propertiesOf,
  textOf,
  type PreflightTarget,
  type SubscriptionAccess,
} from './preflight-context';
import { readResource } from './resource-checks';

export const COMPUTE_WRITE = 'Microsoft.MachineLearningServices/workspaces/computes/write';
export const IDENTITY_ASSIGN = 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action';

/** The compute name: free, or taken — by a compute of any type. */
export async function nameFinding(
  access: SubscriptionAccess | null,
  target: PreflightTarget,
): Promise<PreflightFinding> {
  const compute = armChildId(target.workspace, 'computes', target.computeName);
  const workspaceName = armResourceName(target.workspace);
  const read = await readResource(
    access,
    { path: armIdPath(compute), apiVersion: API_VERSIONS.machineLearning },
    "No signed-in account can reach the workspace's subscription.",
  );
  if (read.kind === 'unasked') {
    return finding(
      'name',
      'not-checked',
      `The name ${target.computeName} was not checked`,
      read.reason,
    );
  }
  const { answer } = read;
  if (answer.status === 404) {
    return finding(
      'name',
      'passed',
      `The name ${target.computeName} is free`,
      `No compute of ${workspaceName} has this name.`,
    );
  }
  if (answer.status === 200) {
    const properties = propertiesOf(answer.body as Record<string, unknown> | null);
    const type = textOf(properties['computeType']) ?? 'unknown';
    const sameCluster =
      type === 'Kubernetes' &&
      textOf(properties['resourceId'])?.toLowerCase() === target.cluster.id.toLowerCase();
    return finding(
      'name',
      'failed',
      `${workspaceName} already has a compute named ${target.computeName}`,
      sameCluster
        ? `It is a Kubernetes compute on this very cluster: the cluster is attached already. Sending the attach again would overwrite that compute; choose another name, or open the existing compute.`
        : `It is a compute of type ${type}. Compute names are unique in a workspace whatever their type; choose another name.`,
    );
  }
  if (answer.status === 403) {
    return finding(
      'name',
      'not-checked',
      `The name ${target.computeName} was not checked`,
      `You may not read the computes of ${workspaceName} (${answerCode(answer)}).`,
    );
  }
  return finding(
    'name',
    'not-checked',
    `The name ${target.computeName} was not checked`,
    `Azure answered ${answerCode(answer)}.`,
  );
}

const MAX_PAGES = 20;

/** The caller's permission entries at a scope, every page; null with a reason when unreadable. */
export async function readPermissions(
  access: SubscriptionAccess | null,
  scope: ArmId,
): Promise<{ entries: PermissionEntry[] } | { reason: string }> {
  if (!access) return { reason: 'No signed-in account can reach that subscription.' };
  const entries: PermissionEntry[] = [];
  let path = `${armIdPath(scope)}/providers/Microsoft.Authorization/permissions`;
  let query: Record<string, string> = {};
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const read = await readResource(
      access,
      { path, apiVersion: API_VERSIONS.authorization, query },
      '',
    );
    if (read.kind === 'unasked') return { reason: read.reason };
    if (read.answer.status !== 200) {
      return { reason: `Your permissions could not be read (${answerCode(read.answer)}).` };
    }
    const parsed = PermissionsPage.safeParse(read.answer.body);
    if (!parsed.success) return { reason: 'Azure answered permissions Mooring could not read.' };
    entries.push(...parsed.data.value);
    const next = parsed.data.nextLink;
    if (!next) return { entries };
    // The next page must stay on the same path of the same ARM; anything else is not followed.
    const url = new URL(next, 'https://arm.invalid');
    if (url.pathname.toLowerCase() !== path.toLowerCase()) {
      return {
        reason: 'Azure answered a next page elsewhere; the permissions were not read to the end.',
      };
    }
    query = Object.fromEntries([...url.searchParams].filter(([key]) => key !== 'api-version'));
    path = url.pathname;
  }
  return { reason: 'Azure kept answering more pages of permissions.' };
}

export async function computeWriteFinding(
  access: SubscriptionAccess | null,
  target: PreflightTarget,
): Promise<PreflightFinding> {
  const workspaceName = armResourceName(target.workspace);
  const permissions = await readPermissions(access, target.workspace);
  if ('reason' in permissions) {
    return finding(
      'compute-write',
      'not-checked',
      `Your right to add computes to ${workspaceName} was not checked`,
      permissions.reason,
    );
  }
  if (permits(permissions.entries, COMPUTE_WRITE)) {
    return finding(
      'compute-write',
      'passed',
      `You may add computes to ${workspaceName}`,
      `Your roles include ${COMPUTE_WRITE}.`,
    );
  }
  return finding(
    'compute-write',
    'failed',
    `You may not add computes to ${workspaceName}`,
    `Attaching needs ${COMPUTE_WRITE} on the workspace, which none of your roles there grants. Ask for "AzureML Compute Operator" or Contributor on the workspace.`,
  );
}

export async function identityAssignFinding(
  access: SubscriptionAccess | null,
  identity: ArmId,
): Promise<PreflightFinding> {
  const name = armResourceName(identity);
  const permissions = await readPermissions(access, identity);
  if ('reason' in permissions) {
    return finding(
      'identity-assign',
      'not-checked',
      `Your right to assign the identity ${name} was not checked`,
      permissions.reason,
    );
  }
  if (permits(permissions.entries, IDENTITY_ASSIGN)) {
    return finding(
      'identity-assign',
      'passed',
      `You may assign the identity ${name}`,
      `Your roles include ${IDENTITY_ASSIGN}.`,
    );
  }
  return finding(
    'identity-assign',
    'failed',
    `You may not assign the identity ${name}`,
    `Giving a compute a user-assigned identity needs ${IDENTITY_ASSIGN} on it; Azure would refuse the attach (LinkedAuthorizationFailed). Ask for "Managed Identity Operator" on the identity, or choose another identity.`,
  );
}
