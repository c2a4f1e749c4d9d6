import { describe, expect, it } from 'vitest';
import { refusedDebugSwitch } from '../../electron/security/debug-switches';

const exe = '/Applications/Mooring.app/Contents/MacOS/Mooring';

describe('a packaged build started with a debugging switch', () => {
  it.each([
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-port', '9222'],
    ['--remote-debugging-pipe'],
    ['--inspect'],
    ['--inspect=0.0.0.0:9229'],
    ['--inspect-brk'],
    ['--inspect-port=9229'],
    ['--js-flags=--allow-natives-syntax'],
    ['-remote-debugging-port=9222'],
    ['--REMOTE-DEBUGGING-PORT=9222'],
  ])('refuses %s with one sentence that names it', (...args) => {
    const answer = refusedDebugSwitch([exe, ...args], true, 'darwin');
    expect(answer).toMatch(
      /^Mooring does not start with --[a-z-]+, because .*; start Mooring without it\.$/,
    );
    expect(answer).toContain((args[0] ?? '').replace(/^-+/, '').split('=')[0]?.toLowerCase());
  });

  it('recognises the Windows /switch form on Windows only', () => {
    expect(
      refusedDebugSwitch(['Mooring.exe', '/remote-debugging-port=9222'], true, 'win32'),
    ).not.toBeNull();
    expect(refusedDebugSwitch([exe, '/inspect'], true, 'linux')).toBeNull();
  });

  it('starts with ordinary arguments', () => {
    expect(refusedDebugSwitch([exe], true, 'darwin')).toBeNull();
    expect(
      refusedDebugSwitch([exe, '--lang=de', 'C:\\inspect.txt', '--'], true, 'win32'),
    ).toBeNull();
  });

  it('leaves a development build debuggable', () => {
    expect(
      refusedDebugSwitch([exe, '--inspect', '--remote-debugging-port=9222'], false),
    ).toBeNull();
  });
});
