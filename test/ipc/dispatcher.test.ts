import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import type { HandlerMap } from '../../electron/ipc/handlers';
import { operationNames } from '../../shared/ipc/contract';

const context = { transport: 'test' } as const;

// Operations these tests do not call answer loudly if they ever are.
const unused = Object.fromEntries(
  operationNames.map((name) => [
    name,
    () => {
      throw new Error(`${name} is not used in this test`);
    },
  ]),
) as unknown as HandlerMap; // built from the same name list the type is mapped over

function handlers(overrides: Partial<HandlerMap> = {}): HandlerMap {
  return {
    ...unused,
    'app.getInfo': () => ({
      name: 'Mooring',
      version: '1.2.3',
      databasePath: '/db',
      platform: 'linux',
    }),
    'settings.get': () => ({ theme: 'system' }),
    'settings.setTheme': ({ theme }) => ({ theme }),
    ...overrides,
  };
}

describe('dispatching a call', () => {
  it('answers the handler value when input and output fit the contract', async () => {
    const dispatch = createDispatcher(handlers(), { error: vi.fn() });
    await expect(dispatch('settings.setTheme', { theme: 'dark' }, context)).resolves.toEqual({
      ok: true,
      value: { theme: 'dark' },
    });
  });

  it('refuses an operation outside the contract without running anything', async () => {
    const dispatch = createDispatcher(handlers(), { error: vi.fn() });
    const result = await dispatch('settings.dropAll', {}, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
  });

  it('refuses inherited property names as operations', async () => {
    const dispatch = createDispatcher(handlers(), { error: vi.fn() });
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      const result = await dispatch(name, {}, context);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    }
  });

  it('validates input before the handler runs and lists what was wrong', async () => {
    const setTheme = vi.fn();
    const dispatch = createDispatcher(handlers({ 'settings.setTheme': setTheme }), {
      error: vi.fn(),
    });
    const result = await dispatch('settings.setTheme', { theme: 'purple' }, context);
    expect(setTheme).not.toHaveBeenCalled();
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', details: [{ path: 'theme' }] },
    });
  });

  it('says what was wrong in plain words, without the operation name or the validator text', async () => {
    const dispatch = createDispatcher(handlers({}), { error: vi.fn() });
    const result = await dispatch('settings.setTheme', { theme: 'purple' }, context);
    if (result.ok) throw new Error('expected a refusal');
    expect(result.error.message).toBe(
      'Mooring refused a request from this window: theme must be one of system, light, dark, high-contrast. Correct it and try again.',
    );
    expect(result.error.message).not.toMatch(/settings\.setTheme|Invalid option/);
  });

  it('keeps the code and message of an AppError', async () => {
    const dispatch = createDispatcher(
      handlers({
        'settings.get': () => {
          throw new AppError('unavailable', 'The database is busy; try again.');
        },
      }),
      { error: vi.fn() },
    );
    await expect(dispatch('settings.get', {}, context)).resolves.toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'The database is busy; try again.' },
    });
  });

  it('hides unexpected errors behind a generic message and logs them', async () => {
    const error = vi.fn();
    const dispatch = createDispatcher(
      handlers({
        'settings.get': () => {
          throw new Error('SQLITE_IOERR at /home/admin/secret/path');
        },
      }),
      { error },
    );
    const result = await dispatch('settings.get', {}, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(error).toHaveBeenCalled();
  });

  it('refuses a handler answer outside the contract', async () => {
    const error = vi.fn();
    const dispatch = createDispatcher(
      // @ts-expect-error: deliberately wrong output
      handlers({ 'settings.get': () => ({ theme: 42 }) }),
      { error },
    );
    const result = await dispatch('settings.get', {}, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(error).toHaveBeenCalled();
  });
});
