import { timeAgo } from '../scope/relative-time';

/**
 * How old the local record is, always on screen: "As of 5 minutes ago". A record never
 * reconciled with Azure says so, since what it shows may be empty for that reason alone.
 */
export function recordAgeText(refreshedAt: string | null, now: number): string {
  if (refreshedAt === null) return 'Never refreshed from Azure';
  return `As of ${timeAgo(refreshedAt, now)}`;
}

/** "Removed outside Mooring 2 hours ago" for a record a refresh no longer found in Azure. */
export function removedText(removedAt: string, now: number): string {
  return `Removed outside Mooring ${timeAgo(removedAt, now)}`;
}

/** "synced 3 minutes ago": when a workspace or compute was last seen in Azure. */
export function syncedText(lastSyncedAt: string, now: number): string {
  return `synced ${timeAgo(lastSyncedAt, now)}`;
}
