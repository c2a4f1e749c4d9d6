import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { decideNavigation } from '../../electron/security/navigation';
import { startupFailureMessage } from '../../electron/shell/startup-failure';

describe('startupFailureMessage', () => {
  it("shows an AppError's user-facing message as is", () => {
    const error = new AppError('unavailable', 'The local database was written by a newer Mooring.');
    expect(startupFailureMessage(error, '/logs/main.log')).toBe(
      'The local database was written by a newer Mooring.',
    );
  });

  it('turns any other error into one sentence without a stack, pointing at the log', () => {
    const error = new TypeError('Cannot read properties of undefined\nmore detail');
    const message = startupFailureMessage(error, '/u/logs/main.log');
    expect(message).toBe(
      'Mooring ran into an unexpected problem while starting (Cannot read properties of undefined). The details are in the log at /u/logs/main.log.',
    );
    expect(message).not.toContain(error.stack?.split('\n')[1]?.trim() ?? 'at ');
  });

  it('redacts secrets and copes with non-Error values', () => {
    expect(startupFailureMessage(new Error('bad client_secret=abc123'))).not.toContain('abc123');
    expect(startupFailureMessage('plain string')).toBe(
      'Mooring ran into an unexpected problem while starting (plain string).',
    );
  });
});

describe('decideNavigation', () => {
  it('allows our origin inside the app only', () => {
    expect(decideNavigation('mooring://app/index.html', { inApp: true })).toEqual({
      action: 'allow',
    });
    expect(decideNavigation('mooring://app/index.html', { inApp: false })).toEqual({
      action: 'deny',
    });
  });

  it('sends allowlisted https pages outside and refuses the rest', () => {
    expect(decideNavigation('https://ml.azure.com/', { inApp: true })).toEqual({
      action: 'open-externally',
      url: 'https://ml.azure.com/',
    });
    expect(decideNavigation('https://evil.com/', { inApp: true })).toEqual({ action: 'deny' });
    expect(decideNavigation('file:///etc/passwd', { inApp: true })).toEqual({ action: 'deny' });
  });
});
