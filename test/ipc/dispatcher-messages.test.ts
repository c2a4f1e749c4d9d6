/**
 * What the dispatcher says, word for word: the user reads these messages and support reads the
 * log lines. (Found by mutation testing: the outcomes were tested, their words were not.)
 */
import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import type { HandlerMap } from '../../electron/ipc/handlers';

const context = { transport: 'test' } as const;
const GUID = '4a6a65ca-1384-5662-9425-06767a84562c';

function dispatcherWith(overrides: Partial<HandlerMap>) {
  const logger = { error: vi.fn() };
  // Only the operations a test calls are given; the dispatcher looks up no other.
  return { dispatch: createDispatcher(overrides as HandlerMap, logger), logger };
}

describe('the dispatcher’s words', () => {
  it('names an unknown operation as it was sent', async () => {
    const { dispatch } = dispatcherWith({});
    await expect(dispatch('accounts.delete', {}, context)).resolves.toEqual({
      ok: false,
      error: {
        code: 'unknown-operation',
        message: 'Mooring has no operation named "accounts.delete".',
      },
    });
  });

  it('says in plain words where the input is invalid, with at most ten issues in the details', async () => {
    const { dispatch } = dispatcherWith({});
    const changes = Array.from({ length: 12 }, (_, i) => ({ subscriptionId: `not-a-guid-${i}` }));
    const answer = await dispatch('subscriptions.setFilters', { changes }, context);
    if (answer.ok) throw new Error('invalid input was accepted');
    expect(answer.error.code).toBe('invalid-input');
    expect(answer.error.message).toBe(
      'Mooring refused a request from this window: changes.0.subscriptionId must be a GUID. Correct it and try again.',
    );
    const details = answer.error.details as { path: string; message: string }[];
    expect(details).toHaveLength(10);
    expect(details[0]).toEqual({ path: 'changes.0.subscriptionId', message: 'must be a GUID' });
    expect(details[9]?.path).toBe('changes.9.subscriptionId');
  });

  it('reports an answer outside the contract as internal, and logs which handler gave it', async () => {
    const { dispatch, logger } = dispatcherWith({
      'settings.get': () => ({ theme: 'sepia' }) as never,
    });
    await expect(dispatch('settings.get', {}, context)).resolves.toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'Mooring produced an unexpected answer for settings.get. See the log.',
      },
    });
    expect(logger.error).toHaveBeenCalledWith(
      'Handler for settings.get returned a value outside the contract',
      expect.anything(),
    );
  });

  it('reports a handler that throws as internal, and logs which one failed', async () => {
    const { dispatch, logger } = dispatcherWith({
      'settings.get': () => {
        throw new Error('disk full');
      },
    });
    await expect(dispatch('settings.get', {}, context)).resolves.toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'Mooring could not complete settings.get. See the log for details.',
      },
    });
    expect(logger.error).toHaveBeenCalledWith('Handler for settings.get failed', expect.any(Error));
  });

  it('passes valid input on parsed', async () => {
    const { dispatch } = dispatcherWith({
      'subscriptions.setFilters': ({ changes }) => {
        expect(changes).toEqual([{ subscriptionId: GUID, hidden: true }]);
        return { subscriptions: [], problems: [], refreshedAt: null };
      },
    });
    const answer = await dispatch(
      'subscriptions.setFilters',
      { changes: [{ subscriptionId: GUID, hidden: true }] },
      context,
    );
    expect(answer.ok).toBe(true);
  });
});
