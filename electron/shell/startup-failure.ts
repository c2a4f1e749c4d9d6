import { AppError } from '../core/errors';
import { redactText } from '../logging/redact';

export const STARTUP_FAILURE_TITLE = 'Mooring cannot start';

/**
 * The text of the error box shown when start-up fails (Electron-free, so it is unit-tested).
 * An `AppError` already speaks to the user (the database is too new, the file is damaged), so its
 * message is shown as is. Anything else gets one plain sentence and its first message line —
 * never a stack trace — and points at the log, where the details are.
 */
export function startupFailureMessage(error: unknown, logFile?: string): string {
  if (error instanceof AppError) return error.message;
  const firstLine =
    error instanceof Error ? (error.message.split('\n')[0] ?? '').trim() : String(error).trim();
  const reason = firstLine === '' ? '' : ` (${redactText(firstLine).slice(0, 300)})`;
  const where = logFile ? ` The details are in the log at ${logFile}.` : '';
  return `Mooring ran into an unexpected problem while starting${reason}.${where}`;
}
