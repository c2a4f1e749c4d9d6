import path from 'node:path';

/**
 * What Mooring asks Windows to find its machine policy, behind an interface so the decisions
 * are tested in plain Node. Nothing here reads an environment variable: the user who starts
 * Mooring controls its environment (`set ProgramData=C:\Users\me\fake` before starting it), and
 * must not be able to point the policy, or the programs that find it, at a folder of their own.
 */
export interface WindowsSystem {
  /** The Windows folder, from the kernel's own `\SystemRoot` link (never `%SystemRoot%`), or null. */
  windowsFolder(): string | null;
  /** Runs a program by its absolute path; answers its standard output, or null when it failed. */
  run(program: string, args: readonly string[]): string | null;
}

/** Where ProgramData lives when Windows cannot be asked: its fixed default, never the environment. */
export const DEFAULT_PROGRAM_DATA = 'C:\\ProgramData';

const PROFILE_LIST = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList';

/** The programs Mooring runs, by absolute path under the Windows folder (never through PATH). */
export const systemProgram = (windowsFolder: string, name: 'reg.exe' | 'icacls.exe') =>
  path.win32.join(windowsFolder, 'System32', name);

/**
 * ProgramData as Windows records it for the known-folder API (FOLDERID_ProgramData, stored in
 * HKLM, which only administrators can write), read with `reg.exe query`. The value is usually
 * `%SystemDrive%\ProgramData`: `%SystemDrive%` is the Windows folder's drive, `%SystemRoot%` the
 * Windows folder; any other variable would come from the environment, so it is not used.
 */
export function windowsProgramData(system: WindowsSystem): {
  folder: string;
  /** Why the default was used instead of what Windows records, or null. */
  problem: string | null;
} {
  const fallback = (problem: string) => ({ folder: DEFAULT_PROGRAM_DATA, problem });
  const windows = system.windowsFolder();
  if (windows === null || !/^[a-z]:\\/i.test(windows)) {
    return fallback('the Windows folder could not be found');
  }
  const output = system.run(systemProgram(windows, 'reg.exe'), [
    'query',
    PROFILE_LIST,
    '/v',
    'ProgramData',
  ]);
  const recorded = output === null ? null : registryValue(output, 'ProgramData');
  if (recorded === null) return fallback('reg.exe did not answer the ProgramData folder');
  const drive = windows.slice(0, 2);
  const expanded = recorded.replace(/%([^%]+)%/g, (whole, name: string) => {
    const known: Record<string, string> = {
      systemdrive: drive,
      systemroot: windows,
      windir: windows,
    };
    return known[name.toLowerCase()] ?? whole;
  });
  if (expanded.includes('%') || !/^[a-z]:\\/i.test(expanded)) {
    return fallback(`Windows records ProgramData as "${recorded}", which is not a full path`);
  }
  return { folder: expanded, problem: null };
}

/** One value of `reg.exe query … /v NAME` output (`    NAME    REG_SZ    value`), or null. */
export function registryValue(output: string, name: string): string | null {
  for (const line of output.split(/\r?\n/)) {
    const match = /^\s+(.+?)\s{2,}REG_(?:EXPAND_)?SZ\s{2,}(.*?)\s*$/.exec(line);
    if (match && match[1]?.toLowerCase() === name.toLowerCase() && match[2]) return match[2];
  }
  return null;
}

/**
 * Where an administrator deploys Mooring's policy file on each platform: machine-wide, in a
 * folder only administrators can write. On Windows, `programData` is what `windowsProgramData`
 * found.
 */
export function policyFilePath(
  platform: NodeJS.Platform,
  programData = DEFAULT_PROGRAM_DATA,
): string {
  switch (platform) {
    case 'win32':
      return path.win32.join(programData, 'Mooring', 'policy.json');
    case 'darwin':
      return '/Library/Application Support/Mooring/policy.json';
    default:
      return '/etc/mooring/policy.json';
  }
}
