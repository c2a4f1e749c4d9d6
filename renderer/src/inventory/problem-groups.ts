import type { InventoryProblem } from '../../../shared/domain/inventory';
import { problemText } from '../accounts/problem-text';
import { resourceName } from './compute-presentation';

/** Where a subscription belongs, from the subscriptions snapshot. */
export interface SubscriptionPlace {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly accountId: string;
}

/** Problems with one cause: the same code, in one tenant, at the same level (subscription or workspace). */
export interface InventoryProblemGroup {
  readonly key: string;
  readonly problems: readonly InventoryProblem[];
  readonly title: string;
  readonly text: string;
  /** The names of what failed, for the line under the message. */
  readonly names: readonly string[];
  /** Entra ID refused a token: signing in to this (account, tenant) again is what helps. */
  readonly signIn: {
    readonly accountId: string;
    readonly tenantId: string;
    readonly tenantName: string;
  } | null;
}

const isSignInCode = (code: string) =>
  /^AADSTS/i.test(code) || /interaction_required|login_required|invalid_grant/i.test(code);

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function groupText(problems: readonly InventoryProblem[], workspaceLevel: boolean): string {
  const [first] = problems;
  if (!first) return '';
  const text = problemText(first.problem);
  if (problems.length === 1) return text;
  // The sentence names the first subscription or workspace; say it of all of them instead.
  const named = workspaceLevel
    ? `the computes of workspace ${resourceName(first.workspaceId ?? '')} in ${first.subscriptionName}`
    : `the workspaces of ${first.subscriptionName}`;
  const all = workspaceLevel
    ? `the computes of these ${problems.length} workspaces`
    : `the workspaces of these ${problems.length} subscriptions`;
  return text.includes(named) ? text.replace(named, all) : text;
}

/** What could not be listed: workspaces, a workspace's computes, clusters or identities. */
function titleOf(first: InventoryProblem, count: number, tenant: string): string {
  const subscriptions = plural(count, 'subscription', 'subscriptions');
  if (first.listing === 'clusters') {
    return count === 1
      ? `The AKS and Arc clusters of ${first.subscriptionName} could not be listed`
      : `The AKS and Arc clusters of ${subscriptions}${tenant} could not be listed`;
  }
  if (first.listing === 'identities') {
    return count === 1
      ? `The user-assigned identities of ${first.subscriptionName} could not be listed`
      : `The user-assigned identities of ${subscriptions}${tenant} could not be listed`;
  }
  if (first.workspaceId !== null) {
    return count === 1
      ? `The computes of ${resourceName(first.workspaceId)} (${first.subscriptionName}) could not be listed`
      : `The computes of ${plural(count, 'workspace', 'workspaces')}${tenant} could not be listed`;
  }
  return count === 1
    ? `The workspaces of ${first.subscriptionName} could not be listed`
    : `The workspaces of ${subscriptions}${tenant} could not be listed`;
}

/**
 * The last refresh's problems, one message per cause rather than one per subscription. Problems
 * of subscriptions that now wait for a sign-in are left out: that wait has its own message.
 */
export function groupInventoryProblems(
  problems: readonly InventoryProblem[],
  placeOf: (subscriptionId: string) => SubscriptionPlace | undefined,
  waiting: ReadonlySet<string> = new Set(),
): InventoryProblemGroup[] {
  const groups = new Map<string, InventoryProblem[]>();
  for (const problem of problems) {
    if (waiting.has(problem.subscriptionId)) continue;
    const place = placeOf(problem.subscriptionId);
    const level = problem.listing ?? (problem.workspaceId ? 'workspace' : 'subscription');
    const key = `${place?.tenantId ?? problem.subscriptionId}|${problem.problem.code}|${level}`;
    const group = groups.get(key);
    if (group) group.push(problem);
    else groups.set(key, [problem]);
  }
  return [...groups].map(([key, grouped]) => {
    const first = grouped[0] as InventoryProblem;
    const workspaceLevel = first.workspaceId !== null;
    const place = placeOf(first.subscriptionId);
    const tenant = place ? ` in ${place.tenantName}` : '';
    const title = titleOf(first, grouped.length, tenant);
    const names = grouped.map((problem) =>
      problem.workspaceId
        ? `${resourceName(problem.workspaceId)} (${problem.subscriptionName})`
        : problem.subscriptionName,
    );
    return {
      key,
      problems: grouped,
      title,
      text: groupText(grouped, workspaceLevel),
      names: grouped.length > 1 ? names : [],
      signIn:
        place && isSignInCode(first.problem.code)
          ? { accountId: place.accountId, tenantId: place.tenantId, tenantName: place.tenantName }
          : null,
    };
  });
}
