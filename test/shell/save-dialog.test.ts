import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { nativeSaveFileChooser } from '../../electron/shell/save-dialog';
import * as standIn from '../stand-ins/electron';

vi.mock('electron', () => import('../stand-ins/electron'));

const window = { id: 1 } as unknown as BrowserWindow;

beforeEach(() => standIn.resetStandIn());

describe('the native save dialog for exports', () => {
  it('suggests the file name, offers the format, and is modal to the window', async () => {
    standIn.recorder.saveDialogAnswer = { canceled: false, filePath: '/home/admin/inv.csv' };
    const choice = await nativeSaveFileChooser(() => window).choose({
      fileName: 'mooring-inventory-2026-12-03T09-30-15Z.csv',
      format: 'csv',
    });
    expect(choice).toEqual({ kind: 'path', path: '/home/admin/inv.csv' });
    const [shown] = standIn.recorder.saveDialogs;
    expect(shown?.window).toBe(window);
    expect(shown?.options).toMatchObject({
      defaultPath: 'mooring-inventory-2026-12-03T09-30-15Z.csv',
      filters: [{ extensions: ['csv'] }],
    });
  });

  it('answers cancelled when the user closes it', async () => {
    standIn.recorder.saveDialogAnswer = { canceled: true, filePath: '' };
    expect(
      await nativeSaveFileChooser(() => null).choose({ fileName: 'a.json', format: 'json' }),
    ).toEqual({ kind: 'cancelled' });
    expect(standIn.recorder.saveDialogs[0]?.window).toBeNull();
  });
});
