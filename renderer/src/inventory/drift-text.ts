import type { ClusterDrift, ClusterDriftChange } from '../../../shared/domain/clusters';
import type { ComputeDrift, ComputeDriftChange } from '../../../shared/domain/inventory';
import { timeAgo } from '../scope/relative-time';

type DriftChange = ComputeDriftChange | ClusterDriftChange;

const LABELS: Record<DriftChange['field'], string> = {
  appeared: 'appeared',
  returned: 'came back',
  removed: 'removed',
  state: 'state',
  errors: 'errors',
  identity: 'identity',
  namespace: 'namespace',
  description: 'description',
  extension: 'Azure ML extension',
  extensionState: 'extension state',
  extensionVersion: 'extension version',
};

const value = (text: string | null) => (text === null || text === '' ? 'none' : text);

/** "identity SystemAssigned → None", "appeared (Creating)", "removed (was Succeeded)". */
export function changeText(change: DriftChange): string {
  const label = LABELS[change.field];
  switch (change.field) {
    case 'appeared':
    case 'returned':
      return change.to === null ? label : `${label} (${change.to})`;
    case 'removed':
      return change.from === null ? label : `${label} (was ${change.from})`;
    default:
      return `${label} ${value(change.from)} → ${value(change.to)}`;
  }
}

/** The changes of one observation, joined: "state Succeeded → Failed; namespace a → b". */
export const changesText = (changes: readonly DriftChange[]): string =>
  changes.map(changeText).join('; ');

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
