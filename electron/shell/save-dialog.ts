import { dialog } from 'electron';
import type { BrowserWindow, SaveDialogOptions } from 'electron';
import type { SaveFileChooser } from '../export/save-file-chooser';

const FILTERS: Record<'csv' | 'json', SaveDialogOptions['filters']> = {
  csv: [{ name: 'CSV (opens in Excel)', extensions: ['csv'] }],
  json: [{ name: 'JSON', extensions: ['json'] }],
};

/** The operating system's save dialog, modal to the window, which the page cannot answer. */
export function nativeSaveFileChooser(getWindow: () => BrowserWindow | null): SaveFileChooser {
  return {
    async choose({ fileName, format }) {
      const options: SaveDialogOptions = {
        title: 'Export',
        defaultPath: fileName,
        filters: FILTERS[format],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = getWindow();
      const answer = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      return answer.canceled || !answer.filePath
        ? { kind: 'cancelled' }
        : { kind: 'path', path: answer.filePath };
    },
  };
}
