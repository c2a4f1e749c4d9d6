import type { ErrorCode } from '../../shared/ipc/result';

/**
 * An error a service raises on purpose: its message is written for the user (what happened and
 * what to do) and its code survives the trip to the renderer.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
