import type { ClusterDriftChange } from '../domain/clusters';
import type { ComputeDriftChange } from '../domain/inventory';

/** One change made outside Mooring, to a compute or a cluster. */
export type DriftChange = ComputeDriftChange | ClusterDriftChange;

/**
 * What each drift field is called wherever a change is put in words: the inventory table's row
 * (main process) and a compute's or cluster's own note and timeline (renderer) say it alike.
 */
const FIELD_WORDS: Record<DriftChange['field'], string> = {
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
  const label = FIELD_WORDS[change.field];
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
