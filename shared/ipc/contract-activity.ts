import { ActivityHistory, ActivityHistoryQuery } from '../domain/activity';
import { ExportOutcome, ExportRequest } from '../domain/export';
import { operation } from './contract-kit';

/** The whole operation journal as a filtered log, and exports of the inventory and that log. */
export const activityOperations = {
  'operations.history': operation({
    summary:
      'Journal entries across tenants, filtered by tenant, subscription, workspace, kind, status and date; newest first, bounded.',
    input: ActivityHistoryQuery,
    output: ActivityHistory,
  }),
  'export.save': operation({
    summary:
      'Write the inventory or the activity log, as filtered, to a CSV or JSON file the user chooses (a download in the browser host).',
    input: ExportRequest,
    output: ExportOutcome,
  }),
} as const;
