import type { ClusterDrift } from '../../../shared/domain/clusters';
import type { ComputeDrift } from '../../../shared/domain/inventory';
import { changesText } from '../../../shared/inventory/drift-words';
import { timeAgo } from '../scope/relative-time';

// The words for each change are shared with the main process's table rows.
export { changeText, changesText } from '../../../shared/inventory/drift-words';

/**
 * The note on a compute's or cluster's row: "Changed outside Mooring: identity SystemAssigned →
 * None, 2 hours ago", or null when there is nothing to say. A removal alone is left to the row's
 * own "Removed outside Mooring" note, so it is not said twice.
 */
export function driftText(drift: ComputeDrift | ClusterDrift | null, now: number): string | null {
  if (!drift) return null;
  const shown = drift.changes.filter((change) => change.field !== 'removed');
  if (shown.length === 0) return null;
  return `Changed outside Mooring: ${changesText(shown)}, ${timeAgo(drift.at, now)}`;
}
