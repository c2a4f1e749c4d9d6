import { z } from 'zod';
import { ClusterDriftChange } from './clusters';

/**
 * One row of a cluster's history in the local record, oldest first: its Azure ML extension as a
 * refresh saw it, or its removal. A row is written at the first sighting and at each change.
 */
export const ClusterHistoryEntry = z.object({
  removed: z.boolean(),
  /** The extension's provisioning state then; null when it had none (or the cluster was gone). */
  extensionState: z.string().nullable(),
  extensionVersion: z.string().nullable(),
  /** The changes made outside Mooring this row records; null on a first sighting. */
  changes: z.array(ClusterDriftChange).nullable(),
  seenAt: z.string(),
});
export type ClusterHistoryEntry = z.infer<typeof ClusterHistoryEntry>;

export const ClusterHistory = z.object({ entries: z.array(ClusterHistoryEntry) });
export type ClusterHistory = z.infer<typeof ClusterHistory>;
