import fs from 'node:fs';
import path from 'node:path';

/**
 * Why users other than administrators could change this policy file (so it cannot be trusted
 * to speak for the administrator), or null when only administrators can. A file that does not
 * exist is null: there is no policy to trust.
 */
export type PolicyFileGuard = (file: string) => string | null;

export interface OwnershipFacts {
  readonly uid: number;
  readonly gid: number;
  readonly mode: number;
}

const ROOT = 0;
/** macOS's `admin` group: its members are the machine's administrators. */
const MACOS_ADMIN_GROUP = 80;

/**
 * POSIX: the file and the folder holding it must belong to root and be writable by nobody else
 * (group write is accepted for root's group, and on macOS for the admin group). The folder counts
 * too: whoever can write it can replace the file.
 */
export function posixPolicyGuard(
  platform: NodeJS.Platform,
  stat: (file: string) => OwnershipFacts = fs.statSync,
): PolicyFileGuard {
  const adminGroups = platform === 'darwin' ? [ROOT, MACOS_ADMIN_GROUP] : [ROOT];
  const problemOf = (target: string, what: 'it' | 'its folder'): string | null => {
    const facts = stat(target);
    if (facts.uid !== ROOT) return `${what} belongs to a user other than root (uid ${facts.uid})`;
    if (facts.mode & 0o002) return `${what} can be written by every user`;
    if (facts.mode & 0o020 && !adminGroups.includes(facts.gid)) {
      return `${what} can be written by the members of group ${facts.gid}`;
    }
    return null;
  };
  return (file) => {
    try {
      return problemOf(file, 'it') ?? problemOf(path.dirname(file), 'its folder');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      return `its owner and permissions cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`;
    }
  };
}

/** Accounts that are the machine's administrators: SYSTEM, Administrators, TrustedInstaller. */
const ADMINISTRATOR_SIDS = new Set([
  'SY',
  'S-1-5-18',
  'BA',
  'S-1-5-32-544',
  'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464',
]);

/** SDDL's access-right codes, as bits of an access mask. */
const RIGHTS: Record<string, number> = {
  GA: 0x10000000,
  GR: 0x80000000,
  GW: 0x40000000,
  GX: 0x20000000,
  RC: 0x20000,
  SD: 0x10000,
  WD: 0x40000,
  WO: 0x80000,
  CC: 0x1,
  DC: 0x2,
  LC: 0x4,
  SW: 0x8,
  RP: 0x10,
  WP: 0x20,
  DT: 0x40,
  LO: 0x80,
  CR: 0x100,
  FA: 0x1f01ff,
  FR: 0x120089,
  FW: 0x120116,
  FX: 0x1200a0,
};

/**
 * Rights that change what the file says or who may change it: write or append data, delete,
 * change its permissions or owner, and the generic write and all.
 */
const CHANGING_RIGHTS = 0x2 | 0x4 | 0x10000 | 0x40000 | 0x80000 | 0x40000000 | 0x10000000;

function accessMask(rights: string): number | null {
  if (/^0x[0-9a-f]+$/i.test(rights)) return Number.parseInt(rights.slice(2), 16);
  let mask = 0;
  for (let index = 0; index < rights.length; index += 2) {
    const bits = RIGHTS[rights.slice(index, index + 2).toUpperCase()];
    if (bits === undefined) return null;
    mask |= bits;
  }
  return mask;
}

/**
 * The accounts other than administrators that may change a file, from its discretionary ACL in
 * SDDL (as `icacls FILE /save` writes it), or null when the text holds no ACL. An ACE whose
 * rights cannot be read counts as changing (failing closed); deny entries are not weighed.
 */
export function nonAdministratorWriters(sddl: string): string[] | null {
  const dacl = /D:[A-Z]*((?:\([^)]*\))*)/.exec(sddl);
  if (!dacl) return null;
  const writers: string[] = [];
  for (const ace of (dacl[1] ?? '').match(/\(([^)]*)\)/g) ?? []) {
    const [type = '', flags = '', rights = '', , , sid = ''] = ace.slice(1, -1).split(';');
    if (type !== 'A' || flags.includes('IO')) continue; // not an allow entry on the file itself
    if (ADMINISTRATOR_SIDS.has(sid.toUpperCase())) continue;
    const mask = accessMask(rights);
    if (mask === null || mask & CHANGING_RIGHTS) writers.push(sid);
  }
  return writers;
}

/** Windows: the file's ACL (read with icacls) must let only administrators change it. */
export function windowsPolicyGuard(readAcl: (file: string) => string | null): PolicyFileGuard {
  return (file) => {
    if (!fs.existsSync(file)) return null;
    const sddl = readAcl(file);
    const writers = sddl === null ? null : nonAdministratorWriters(sddl);
    if (writers === null) return 'its permissions cannot be read';
    if (writers.length === 0) return null;
    return `accounts other than administrators can change it (${writers.join(', ')})`;
  };
}
