import { z } from 'zod';
import { ActivityFilter } from './activity';
import { RowFilter, RowSort } from './inventory-rows';

export const ExportFormat = z.enum(['csv', 'json']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The inventory page's filter as the user set it: the words typed and the state chosen. */
export const InventoryExportFilter = z
  .object({
    query: z.string().max(1_000),
    state: z.enum(['all', 'failed', 'in-progress', 'succeeded', 'removed']),
  })
  .strict();
export type InventoryExportFilter = z.infer<typeof InventoryExportFilter>;

/** What to export: the renderer sends only the filter; the main process reads and writes the rest. */
export const ExportRequest = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('inventory'),
      format: ExportFormat,
      filter: InventoryExportFilter,
    })
    .strict(),
  /** The Computes table: its filter, search and sort; main runs the query over every row. */
  z
    .object({
      kind: z.literal('table'),
      format: ExportFormat,
      query: z.object({ filter: RowFilter, search: z.string().max(200), sort: RowSort }).strict(),
    })
    .strict(),
  z.object({ kind: z.literal('activity'), format: ExportFormat, filter: ActivityFilter }).strict(),
]);
export type ExportRequest = z.infer<typeof ExportRequest>;

/**
 * `saved`: written where the user chose (the app's save dialog). `download`: the browser host
 * cannot write to the user's disk, so the page offers the content as a download. `cancelled`:
 * the user closed the save dialog.
 */
export const ExportOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), path: z.string(), rows: z.number().int() }),
  z.object({
    outcome: z.literal('download'),
    fileName: z.string(),
    mimeType: z.string(),
    content: z.string(),
    rows: z.number().int(),
  }),
  z.object({ outcome: z.literal('cancelled') }),
]);
export type ExportOutcome = z.infer<typeof ExportOutcome>;
