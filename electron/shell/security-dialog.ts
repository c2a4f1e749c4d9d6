import { dialog } from 'electron';
import type { BrowserWindow, MessageBoxOptions } from 'electron';
import type { SecurityChangeRequest, SecurityConfirmer } from '../connection/security-change';

/** Cancel comes first and is the default: Enter or Escape never accepts a weakening change. */
export const CANCEL_BUTTON = 0;
export const CONFIRM_BUTTON = 1;

export function messageBoxFor(request: SecurityChangeRequest): MessageBoxOptions {
  return {
    type: 'warning',
    title: request.title,
    message: request.title,
    detail: `${request.change}\n\n${request.consequence}`,
    buttons: ['Cancel', request.confirmLabel],
    defaultId: CANCEL_BUTTON,
    cancelId: CANCEL_BUTTON,
    noLink: true,
  };
}

/**
 * The main process's own dialog, which the page cannot draw, answer or dismiss: modal to the
 * window when there is one (at start-up there may be none yet).
 */
export function nativeSecurityConfirmer(getWindow: () => BrowserWindow | null): SecurityConfirmer {
  return {
    async confirm(request) {
      const options = messageBoxFor(request);
      const window = getWindow();
      try {
        const answer = window
          ? await dialog.showMessageBox(window, options)
          : await dialog.showMessageBox(options);
        return answer.response === CONFIRM_BUTTON;
      } catch {
        return false;
      }
    },
  };
}
