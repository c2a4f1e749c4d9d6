import { z } from 'zod';
import { StrictArmId } from '../domain/arm-input';
import { ClusterHistory } from '../domain/cluster-history';
import { operation } from './contract-kit';

/** A cluster's page: what the inventory snapshot does not carry. */
export const clustersOperations = {
  'clusters.history': operation({
    summary:
      "A cluster's history from the local record, oldest first: its extension as seen, changes made outside Mooring, removals.",
    input: z.object({ clusterId: StrictArmId }).strict(),
    output: ClusterHistory,
  }),
} as const;
