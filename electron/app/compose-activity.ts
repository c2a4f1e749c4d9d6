import type { Database } from 'better-sqlite3';
import type { InventorySnapshot } from '../../shared/domain/inventory';
import type { OperationDetail } from '../../shared/domain/operations';
import { createActivityQuery } from '../activity/activity-query';
import { createExportService } from '../export/export-service';
import type { ExportServiceOptions } from '../export/export-service';
import type { SaveFileChooser } from '../export/save-file-chooser';
import type { HandlerMap } from '../ipc/handlers';

export interface ActivityParts {
  readonly database: Database;
  readonly inventory: () => InventorySnapshot;
  readonly subscriptions: ExportServiceOptions['subscriptions'];
  readonly operationDetail: (operationId: string) => OperationDetail;
  readonly chooser: SaveFileChooser;
  readonly tableRows: NonNullable<ExportServiceOptions['tableRows']>;
}

/** The journal as a filtered log, and the exports of the inventory and that log. */
export function composeActivity(
  parts: ActivityParts,
): Pick<HandlerMap, 'operations.history' | 'export.save'> {
  const activity = createActivityQuery(parts.database);
  const exports = createExportService({
    inventory: parts.inventory,
    subscriptions: parts.subscriptions,
    activity,
    operationDetail: parts.operationDetail,
    chooser: parts.chooser,
    tableRows: parts.tableRows,
  });
  return {
    'operations.history': ({ filter, limit }) => activity.history(filter, limit),
    'export.save': (request) => exports.save(request),
  };
}
