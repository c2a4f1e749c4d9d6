import { z } from 'zod';
import { Guid } from './accounts';
import { StrictArmId } from './arm-input';
import { OperationKind, OperationStatus, OperationView } from './operations';

/** The most journal entries one answer carries; the Activity page says when more matched. */
export const ACTIVITY_HISTORY_LIMIT = 5_000;

const IsoInstant = z.iso.datetime({ offset: true });

/**
 * Which journal entries to show. An absent or empty list means "any"; several values in a list
 * mean any of them. The date range is on when the operation was recorded: `createdFrom` included,
 * `createdBefore` excluded.
 */
export const ActivityFilter = z
  .object({
    tenantIds: z.array(Guid).max(1_000).optional(),
    subscriptionIds: z.array(Guid).max(10_000).optional(),
    workspaceIds: z.array(StrictArmId).max(10_000).optional(),
    kinds: z.array(OperationKind).max(OperationKind.options.length).optional(),
    statuses: z.array(OperationStatus).max(OperationStatus.options.length).optional(),
    createdFrom: IsoInstant.optional(),
    createdBefore: IsoInstant.optional(),
  })
  .strict();
export type ActivityFilter = z.infer<typeof ActivityFilter>;

export const ActivityHistoryQuery = z
  .object({
    filter: ActivityFilter.default({}),
    limit: z.number().int().min(1).max(ACTIVITY_HISTORY_LIMIT).default(ACTIVITY_HISTORY_LIMIT),
  })
  .strict();

export const ActivityHistory = z.object({
  /** Newest first. */
  operations: z.array(OperationView),
  /** True when more entries matched than `limit`: only the newest are here. */
  truncated: z.boolean(),
  limit: z.number().int().positive(),
});
export type ActivityHistory = z.infer<typeof ActivityHistory>;
