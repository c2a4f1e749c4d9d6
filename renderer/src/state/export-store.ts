import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ExportOutcome, ExportRequest } from '../../../shared/domain/export';
import type { MooringClient } from '../../../shared/ipc/client';
import type { IpcError } from '../../../shared/ipc/result';
import { settle } from './loadable';

export type ExportStatus =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly kind: ExportRequest['kind'] }
  | {
      readonly status: 'done';
      readonly kind: ExportRequest['kind'];
      readonly outcome: ExportOutcome;
    }
  | { readonly status: 'failed'; readonly kind: ExportRequest['kind']; readonly error: IpcError };

export interface ExportState {
  readonly exporting: ExportStatus;
}

export interface ExportActions {
  /**
   * Asks the main process to write the file (it shows the save dialog); answers its outcome. A
   * download outcome is for the page to offer (the browser host).
   */
  exportFile(request: ExportRequest): Promise<ExportOutcome | null>;
  dismiss(): void;
}

export type ExportStore = StoreApi<ExportState & ExportActions>;

export function createExportStore(client: MooringClient): ExportStore {
  return createStore<ExportState & ExportActions>()((set) => ({
    exporting: { status: 'idle' },
    async exportFile(request) {
      set({ exporting: { status: 'running', kind: request.kind } });
      const result = await settle(() => client.call['export.save'](request));
      if (!result.ok) {
        set({ exporting: { status: 'failed', kind: request.kind, error: result.error } });
        return null;
      }
      set({ exporting: { status: 'done', kind: request.kind, outcome: result.value } });
      return result.value;
    },
    dismiss: () => set({ exporting: { status: 'idle' } }),
  }));
}
