import { describe, expect, it } from 'vitest';
import { machinePolicy } from '../../electron/connection/machine-policy';
import {
  registryValue,
  windowsProgramData,
  type WindowsSystem,
} from '../../electron/connection/policy-location';

const REG_OUTPUT = [
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList',
  '    ProgramData    REG_EXPAND_SZ    %SystemDrive%\\ProgramData',
  '',
].join('\r\n');

/** A Windows that answers reg.exe as given, and records what was run. */
function windows(answer: string | null, folder: string | null = 'D:\\Windows') {
  const ran: { program: string; args: readonly string[] }[] = [];
  const system: WindowsSystem = {
    windowsFolder: () => folder,
    run: (program, args) => {
      ran.push({ program, args });
      return answer;
    },
  };
  return { system, ran };
}

describe('finding ProgramData on Windows without the environment', () => {
  it('asks the registry with reg.exe from the Windows folder, by absolute path', () => {
    const { system, ran } = windows(REG_OUTPUT);
    expect(windowsProgramData(system)).toEqual({ folder: 'D:\\ProgramData', problem: null });
    expect(ran).toEqual([
      {
        program: 'D:\\Windows\\System32\\reg.exe',
        args: [
          'query',
          'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList',
          '/v',
          'ProgramData',
        ],
      },
    ]);
  });

  it('is not moved by a ProgramData environment variable', () => {
    const saved = process.env['ProgramData'];
    process.env['ProgramData'] = 'C:\\Users\\me\\fake';
    try {
      const { system } = windows(REG_OUTPUT);
      const policy = machinePolicy('win32', { info() {}, warn() {}, error() {} }, system);
      expect(policy.file).toBe('D:\\ProgramData\\Mooring\\policy.json');
    } finally {
      if (saved === undefined) delete process.env['ProgramData'];
      else process.env['ProgramData'] = saved;
    }
  });

  it('never expands a variable the user could set, and falls back to C:\\ProgramData', () => {
    const { system } = windows(REG_OUTPUT.replace('%SystemDrive%', '%USERPROFILE%'));
    const found = windowsProgramData(system);
    expect(found.folder).toBe('C:\\ProgramData');
    expect(found.problem).toMatch(/not a full path/);
  });

  it('falls back to C:\\ProgramData, saying why, when Windows cannot be asked', () => {
    expect(windowsProgramData(windows(null).system)).toEqual({
      folder: 'C:\\ProgramData',
      problem: 'reg.exe did not answer the ProgramData folder',
    });
    const noWindows = windows(REG_OUTPUT, null);
    expect(windowsProgramData(noWindows.system).problem).toMatch(/Windows folder/);
    expect(noWindows.ran).toEqual([]);
    const warnings: string[] = [];
    const policy = machinePolicy(
      'win32',
      { info() {}, warn: (message) => warnings.push(message), error() {} },
      windows(null).system,
    );
    expect(policy.file).toBe('C:\\ProgramData\\Mooring\\policy.json');
    expect(warnings).toHaveLength(1);
  });

  it('reads a plain REG_SZ value too', () => {
    expect(registryValue('    ProgramData    REG_SZ    E:\\Data\r\n', 'ProgramData')).toBe(
      'E:\\Data',
    );
    expect(registryValue('    Other    REG_SZ    E:\\Data\r\n', 'ProgramData')).toBeNull();
  });
});

describe('the policy file elsewhere', () => {
  it('is at the fixed machine-wide path', () => {
    const logger = { info() {}, warn() {}, error() {} };
    expect(machinePolicy('linux', logger).file).toBe('/etc/mooring/policy.json');
    expect(machinePolicy('darwin', logger).file).toBe(
      '/Library/Application Support/Mooring/policy.json',
    );
  });
});
