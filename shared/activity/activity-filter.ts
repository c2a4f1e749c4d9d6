import type { ActivityFilter } from '../domain/activity';
import type { OperationView } from '../domain/operations';

/** Ids compare without case: ARM and the journal do not agree on it. */
const anyOf = (wanted: readonly string[] | undefined, value: string): boolean =>
  !wanted || wanted.length === 0 || wanted.some((id) => id.toLowerCase() === value.toLowerCase());

/**
 * Whether one journal entry passes the filter — the same rule the journal query applies, used
 * for entries that arrive as events after the query answered.
 */
export function matchesActivityFilter(
  operation: Pick<
    OperationView,
    'tenantId' | 'subscriptionId' | 'workspaceId' | 'kind' | 'status' | 'createdAt'
  >,
  filter: ActivityFilter,
): boolean {
  if (!anyOf(filter.tenantIds, operation.tenantId)) return false;
  if (!anyOf(filter.subscriptionIds, operation.subscriptionId)) return false;
  if (!anyOf(filter.workspaceIds, operation.workspaceId)) return false;
  if (filter.kinds && filter.kinds.length > 0 && !filter.kinds.includes(operation.kind)) {
    return false;
  }
  if (
    filter.statuses &&
    filter.statuses.length > 0 &&
    !filter.statuses.includes(operation.status)
  ) {
    return false;
  }
  const created = Date.parse(operation.createdAt);
  if (filter.createdFrom !== undefined && !(created >= Date.parse(filter.createdFrom))) {
    return false;
  }
  if (filter.createdBefore !== undefined && !(created < Date.parse(filter.createdBefore))) {
    return false;
  }
  return true;
}
