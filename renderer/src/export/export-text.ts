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
