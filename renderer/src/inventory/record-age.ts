import type { InventoryProblem } from '../../../shared/domain/inventory';
import { timeAgo } from '../scope/relative-time';

/**
 * How old the local record is, always on screen: "As of 5 minutes ago". A record never
 * reconciled with Azure says so, since what it shows may be empty for that reason alone.
 */
export function recordAgeText(refreshedAt: string | null, now: number): string {
  if (refreshedAt === null) return 'Never refreshed from Azure';
  return `As of ${timeAgo(refreshedAt, now)}`;
}

const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * What went wrong in the last refresh, said next to the age, or null when nothing did:
 * "last refresh failed for 3 subscriptions". The age is that of the data, so without this an
 * old copy after a failed refresh would look like all there is.
 */
export function refreshProblemsText(problems: readonly InventoryProblem[]): string | null {
  const failed = new Set<string>();
  const partly = new Set<string>();
  const discovery = new Set<string>();
  for (const { subscriptionId, workspaceId, listing } of problems) {
    const id = subscriptionId.toLowerCase();
    if (listing) discovery.add(id);
    else (workspaceId === null ? failed : partly).add(id);
  }
  for (const id of failed) {
    partly.delete(id);
    discovery.delete(id);
  }
  const parts: string[] = [];
  if (failed.size > 0) {
    parts.push(`last refresh failed for ${count(failed.size, 'subscription', 'subscriptions')}`);
  }
  if (partly.size > 0) {
    parts.push(
      `${parts.length > 0 ? '' : 'last refresh '}could not list every compute in ${count(partly.size, 'subscription', 'subscriptions')}`,
    );
  }
  if (discovery.size > 0) {
    parts.push(
      `${parts.length > 0 ? '' : 'last refresh '}could not list every cluster or identity in ${count(discovery.size, 'subscription', 'subscriptions')}`,
    );
  }
  return parts.length > 0 ? parts.join(' and ') : null;
}

/** The age line: "As of 2 hours ago · last refresh failed for 3 subscriptions". */
export function recordStatusText(
  refreshedAt: string | null,
  problems: readonly InventoryProblem[],
  now: number,
): string {
  const trouble = refreshProblemsText(problems);
  if (!trouble) return recordAgeText(refreshedAt, now);
  // A refresh was tried, so "never refreshed" would mislead: nothing has been listed yet.
  const age = refreshedAt === null ? 'Not listed from Azure yet' : recordAgeText(refreshedAt, now);
  return `${age} · ${trouble}`;
}

/** "2 selected subscriptions not listed yet": their workspaces are unknown, not absent. */
export function unlistedText(unlisted: number): string | null {
  if (unlisted === 0) return null;
  return `${count(unlisted, 'selected subscription', 'selected subscriptions')} not listed from Azure yet`;
}

/** "Removed outside Mooring 2 hours ago" for a record a refresh no longer found in Azure. */
export function removedText(removedAt: string, now: number): string {
  return `Removed outside Mooring ${timeAgo(removedAt, now)}`;
}

/** "synced 3 minutes ago": when a workspace or compute was last seen in Azure. */
export function syncedText(lastSyncedAt: string, now: number): string {
  return `synced ${timeAgo(lastSyncedAt, now)}`;
}
