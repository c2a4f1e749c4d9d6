import type { IpcError, IpcResult } from '../../../shared/ipc/result';

/** A value fetched over the contract, as the views see it: in flight, there, or failed with why. */
export type Loadable<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'failed'; readonly error: IpcError };

export const loading = { status: 'loading' } as const;

export const fromResult = <T>(result: IpcResult<T>): Loadable<T> =>
  result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error };

/**
 * Awaits a contract call and never throws: a bridge that rejects (a broken transport, a bug)
 * still ends in an error the user can read instead of a spinner that never stops.
 */
export async function settle<T>(call: () => Promise<IpcResult<T>>): Promise<IpcResult<T>> {
  try {
    return await call();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: {
        code: 'unavailable',
        message: `Mooring could not reach its main process: ${reason}`,
      },
    };
  }
}
