import { writeFile } from 'node:fs/promises';
import type { ActivityFilter } from '../../shared/domain/activity';
import type { ExportFormat, ExportOutcome, ExportRequest } from '../../shared/domain/export';
import type { InventorySnapshot } from '../../shared/domain/inventory';
import type { InventoryRow, RowsPage, RowsQuery } from '../../shared/domain/inventory-rows';
import { MAX_ROWS_PER_PAGE } from '../../shared/domain/inventory-rows';
import type { OperationDetail } from '../../shared/domain/operations';
import { toCsv } from '../../shared/export/csv';
import { selectInventory } from '../../shared/inventory/inventory-selection';
import type { ActivityQuery } from '../activity/activity-query';
import { AppError } from '../core/errors';
import { activityColumns, inventoryColumns, isoTime, tableColumns } from './export-tables';
import type { ExportColumn, ScopeNames } from './export-tables';
import type { SaveFileChooser } from './save-file-chooser';

export interface ExportServiceOptions {
  readonly inventory: () => InventorySnapshot;
  /** Subscriptions as the subscription list knows them, for the tenant and subscription names. */
  readonly subscriptions: () => readonly {
    subscriptionId: string;
    displayName: string;
    tenantId: string;
    tenantName: string;
  }[];
  readonly activity: Pick<ActivityQuery, 'everything'>;
  /** One journal entry with its request, polls and commands (the operations service's `get`). */
  readonly operationDetail: (operationId: string) => OperationDetail;
  readonly chooser: SaveFileChooser;
  /** The Computes table's windowed read (inventory.rows), paged through for a table export. */
  readonly tableRows?: (query: RowsQuery) => RowsPage;
  readonly writeFile?: (path: string, content: string) => Promise<void>;
  readonly now?: () => Date;
}

const MIME_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json;charset=utf-8',
};

function scopeNames(subscriptions: ExportServiceOptions['subscriptions']): ScopeNames {
  const tenants = new Map<string, string>();
  const names = new Map<string, string>();
  for (const subscription of subscriptions()) {
    tenants.set(subscription.tenantId.toLowerCase(), subscription.tenantName);
    names.set(subscription.subscriptionId.toLowerCase(), subscription.displayName);
  }
  return {
    tenantName: (id) => tenants.get(id.toLowerCase()) ?? null,
    subscriptionName: (id) => names.get(id.toLowerCase()) ?? null,
  };
}

const asObject = <T>(columns: readonly ExportColumn<T>[], record: T) =>
  Object.fromEntries(columns.map((column) => [column.key, column.value(record) ?? null]));

/** "mooring-activity-2026-12-03T11-49-03Z.csv": sortable, and valid on every file system. */
export function exportFileName(
  kind: ExportRequest['kind'],
  format: ExportFormat,
  at: Date,
): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return `mooring-${kind}-${stamp}.${format}`;
}

/**
 * Exports the inventory or the activity log as the user filtered it. The page sends only its
 * filter; the rows are read here, from the local record, so the file holds exactly what the
 * record says — and the file is written here, where the user chose, never by the page.
 */
export function createExportService(options: ExportServiceOptions) {
  const now = options.now ?? (() => new Date());
  const write = options.writeFile ?? ((path, content) => writeFile(path, content, 'utf8'));

  function render(request: ExportRequest, exportedAt: Date): { content: string; rows: number } {
    const names = scopeNames(options.subscriptions);
    if (request.kind === 'inventory') {
      const lines = selectInventory(options.inventory(), request.filter);
      const columns = inventoryColumns(names);
      return {
        rows: lines.length,
        content:
          request.format === 'csv'
            ? toCsv(
                columns.map((c) => c.header),
                lines.map((line) => columns.map((c) => c.value(line))),
              )
            : json({
                exportedAt: exportedAt.toISOString(),
                filter: request.filter,
                rows: lines.map((line) => asObject(columns, line)),
              }),
      };
    }
    if (request.kind === 'table') {
      const rows = allTableRows(request.query);
      const columns = tableColumns(exportedAt);
      return {
        rows: rows.length,
        content:
          request.format === 'csv'
            ? toCsv(
                columns.map((c) => c.header),
                rows.map((row) => columns.map((c) => c.value(row))),
              )
            : json({
                exportedAt: exportedAt.toISOString(),
                query: request.query,
                rows: rows.map((row) => asObject(columns, row)),
              }),
      };
    }
    const details = activityDetails(request.filter);
    const columns = activityColumns(names);
    return {
      rows: details.length,
      content:
        request.format === 'csv'
          ? toCsv(
              columns.map((c) => c.header),
              details.map((detail) => columns.map((c) => c.value(detail))),
            )
          : json({
              exportedAt: exportedAt.toISOString(),
              filter: request.filter,
              operations: details.map((detail) => ({
                ...asObject(columns, detail),
                errors: detail.operation.errors,
                request: detail.request,
                polls: detail.polls.map((poll) => ({ ...poll, at: isoTime(poll.at) })),
              })),
            }),
    };
  }

  /** Every row the table shows under its query, read page by page in the table's own order. */
  function allTableRows(query: Omit<RowsQuery, 'offset' | 'limit'>): InventoryRow[] {
    if (!options.tableRows)
      throw new AppError('internal', 'The Computes table cannot be exported here.');
    const rows: InventoryRow[] = [];
    for (;;) {
      const page = options.tableRows({ ...query, offset: rows.length, limit: MAX_ROWS_PER_PAGE });
      rows.push(...page.rows);
      if (page.rows.length === 0 || rows.length >= page.total) return rows;
    }
  }

  function activityDetails(filter: ActivityFilter): OperationDetail[] {
    return options.activity
      .everything(filter)
      .map((operation) => options.operationDetail(operation.operationId));
  }

  return {
    async save(request: ExportRequest): Promise<ExportOutcome> {
      const exportedAt = now();
      const fileName = exportFileName(request.kind, request.format, exportedAt);
      const choice = await options.chooser.choose({ fileName, format: request.format });
      if (choice.kind === 'cancelled') return { outcome: 'cancelled' };
      const { content, rows } = render(request, exportedAt);
      if (choice.kind === 'download') {
        return {
          outcome: 'download',
          fileName,
          mimeType: MIME_TYPES[request.format],
          content,
          rows,
        };
      }
      try {
        await write(choice.path, content);
      } catch (error) {
        throw new AppError(
          'internal',
          `Mooring could not write ${choice.path}. Choose a folder you can write to, then export again.`,
          { reason: (error as { code?: unknown }).code ?? String(error) },
        );
      }
      return { outcome: 'saved', path: choice.path, rows };
    },
  };
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export type ExportService = ReturnType<typeof createExportService>;
