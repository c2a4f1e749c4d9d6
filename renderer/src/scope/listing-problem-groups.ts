import type { ListingProblem } from '../../../shared/domain/subscriptions';
import { problemText } from '../accounts/problem-text';

/** Tenants one account could not list for the same reason: one message, not one per tenant. */
export interface ListingProblemGroup {
  readonly key: string;
  readonly accountId: string;
  readonly problems: readonly ListingProblem[];
  readonly text: string;
}

const names = (problems: readonly ListingProblem[]): string => {
  const all = problems.map((problem) => problem.tenantName);
  return all.length <= 2
    ? all.join(' and ')
    : `${all.slice(0, -1).join(', ')} and ${all.at(-1) ?? ''}`;
};

/** "Contoso Ltd and Fabrikam Inc were skipped". */
export const listingGroupTitle = (group: ListingProblemGroup): string =>
  `${names(group.problems)} ${group.problems.length === 1 ? 'was' : 'were'} skipped`;

/** The sentence about one tenant, said of `count` of them ("These 3 tenants need …"). */
function ofAll(text: string, tenantName: string, count: number): string {
  const all = text
    .split(tenantName)
    .join(`these ${count} tenants`)
    .replace(/these (\d+) tenants needs\b/g, 'these $1 tenants need');
  return all.charAt(0).toUpperCase() + all.slice(1);
}

/**
 * Groups the last refresh's problems by account and code. An expired or revoked sign-in fails
 * every tenant of the account alike: it is said once, naming the tenants, rather than repeated.
 */
export function groupListingProblems(problems: readonly ListingProblem[]): ListingProblemGroup[] {
  const groups = new Map<string, ListingProblem[]>();
  for (const problem of problems) {
    const key = `${problem.accountId}|${problem.problem.code}`;
    const group = groups.get(key);
    if (group) group.push(problem);
    else groups.set(key, [problem]);
  }
  return [...groups].map(([key, grouped]) => {
    const first = grouped[0] as ListingProblem;
    const text = problemText(first.problem);
    return {
      key,
      accountId: first.accountId,
      problems: grouped,
      // The sentence names the first tenant; said of all of them, it names none.
      text: grouped.length === 1 ? text : ofAll(text, first.tenantName, grouped.length),
    };
  });
}
