import type { ExportFormat } from '../../shared/domain/export';

/** What the user picked for a file Mooring offers to save. */
export type SaveChoice =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'cancelled' }
  /** No disk of the user's to write to (the browser host): the page offers the file as a download. */
  | { readonly kind: 'download' };

/**
 * Asks where to save a file, outside the page: the app's native save dialog (electron/shell), or
 * the browser host's stand-in that hands the content back for a download.
 */
export interface SaveFileChooser {
  choose(suggestion: {
    readonly fileName: string;
    readonly format: ExportFormat;
  }): Promise<SaveChoice>;
}

/** Where no save dialog exists: every file goes back to the page as a download. */
export const downloadChooser: SaveFileChooser = {
  choose: () => Promise.resolve({ kind: 'download' }),
};
