import type { ExportOutcome } from '../../../shared/domain/export';

const rowsText = (rows: number) => `${rows.toLocaleString('en')} ${rows === 1 ? 'row' : 'rows'}`;

/** What an export did, in one sentence; null when the user cancelled (nothing to say). */
export function exportOutcomeText(outcome: ExportOutcome): string | null {
  switch (outcome.outcome) {
    case 'saved':
      return `Exported ${rowsText(outcome.rows)} to ${outcome.path}.`;
    case 'download':
      return `Exported ${rowsText(outcome.rows)} as ${outcome.fileName} (see your downloads).`;
    case 'cancelled':
      return null;
  }
}

/**
 * Why the Computes table cannot be exported now, or null when it can: there must be rows
 * shown to write (the table's own count under its filter and search, not the rows drawn).
 */
export function tableExportBlockedText(table: {
  readonly status: 'loading' | 'ready' | 'failed';
  readonly total: number;
  readonly all: number;
}): string | null {
  if (table.status === 'loading') return 'Nothing to export yet: the local record is being read.';
  if (table.status === 'failed') return 'Nothing to export: the table could not be read.';
  if (table.all === 0)
    return 'Nothing to export: no compute is recorded in the selected subscriptions.';
  if (table.total === 0) return 'Nothing to export: no compute matches the search and filters.';
  return null;
}
