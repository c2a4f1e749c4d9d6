import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  nonAdministratorWriters,
  posixPolicyGuard,
  windowsPolicyGuard,
  type OwnershipFacts,
} from '../../electron/connection/policy-permissions';

const FILE = '/etc/mooring/policy.json';
const DIR = '/etc/mooring';
const rootOnly: OwnershipFacts = { uid: 0, gid: 0, mode: 0o100644 };

/** A file system where the policy file and its folder have these owners and modes. */
const facts =
  (file: OwnershipFacts, dir: OwnershipFacts = { ...rootOnly, mode: 0o40755 }) =>
  (target: string): OwnershipFacts => {
    if (target === FILE) return file;
    if (target === DIR) return dir;
    throw new Error(`unexpected stat of ${target}`);
  };

describe('a POSIX policy file is trusted only when administrators alone can change it', () => {
  it('trusts a file and folder that belong to root and only root can write', () => {
    expect(posixPolicyGuard('linux', facts(rootOnly))(FILE)).toBeNull();
  });

  it.each([
    [
      'owned by a user',
      { uid: 1000, gid: 0, mode: 0o100644 },
      /belongs to a user other than root \(uid 1000\)/,
    ],
    ['world-writable', { uid: 0, gid: 0, mode: 0o100666 }, /can be written by every user/],
    ['writable by a users group', { uid: 0, gid: 100, mode: 0o100664 }, /members of group 100/],
  ])('refuses a file %s', (_case, file, problem) => {
    expect(posixPolicyGuard('linux', facts(file))(FILE)).toMatch(problem);
  });

  it('refuses a file in a folder others can write (they could replace it)', () => {
    expect(
      posixPolicyGuard('linux', facts(rootOnly, { uid: 0, gid: 0, mode: 0o41777 }))(FILE),
    ).toMatch(/^its folder can be written by every user/);
  });

  it("accepts the admin group's write on macOS only", () => {
    const adminWritable = { uid: 0, gid: 80, mode: 0o100664 };
    expect(posixPolicyGuard('darwin', facts(adminWritable))(FILE)).toBeNull();
    expect(posixPolicyGuard('linux', facts(adminWritable))(FILE)).toMatch(/group 80/);
  });

  describe('on this machine', () => {
    let folder: string;
    beforeEach(() => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-guard-'));
    });
    afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

    it('means no policy when the file is absent', () => {
      expect(posixPolicyGuard('linux')(path.join(folder, 'policy.json'))).toBeNull();
    });

    it.skipIf(process.platform === 'win32')('refuses a real world-writable file', () => {
      const file = path.join(folder, 'policy.json');
      fs.writeFileSync(file, '{}');
      fs.chmodSync(file, 0o666);
      expect(posixPolicyGuard('linux')(file)).toMatch(/every user|other than root/);
    });
  });
});

describe('a Windows policy file is trusted only when its ACL lets administrators alone change it', () => {
  // As `icacls policy.json /save` writes it for a file under ProgramData\Mooring.
  const deployed = 'D:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;0x1200a9;;;BU)(A;OICIIOID;GA;;;CO)';

  it('trusts SYSTEM and Administrators with full control, Users with read', () => {
    expect(nonAdministratorWriters(deployed)).toEqual([]);
  });

  it('names a user who can change it (the file created by a user inherits CREATOR OWNER)', () => {
    const user = 'S-1-5-21-1004336348-1177238915-682003330-1001';
    expect(nonAdministratorWriters(`${deployed}(A;ID;FA;;;${user})`)).toEqual([user]);
    expect(nonAdministratorWriters('D:(A;;FW;;;BU)(A;;0x1200a9;;;WD)')).toEqual(['BU']);
    expect(nonAdministratorWriters('D:(A;;0x120116;;;AU)')).toEqual(['AU']);
    expect(nonAdministratorWriters('D:(A;;WDRC;;;WD)')).toEqual(['WD']);
  });

  it('counts rights it cannot read as changing (failing closed)', () => {
    expect(nonAdministratorWriters('D:(A;;ZZ;;;BU)')).toEqual(['BU']);
    expect(nonAdministratorWriters('not an acl')).toBeNull();
  });

  it('refuses the file with a sentence naming who can change it', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-guard-'));
    try {
      const file = path.join(folder, 'policy.json');
      fs.writeFileSync(file, '{}');
      const read: string[] = [];
      const guard = (sddl: string | null) =>
        windowsPolicyGuard((target) => {
          read.push(target);
          return sddl;
        });
      expect(guard(deployed)(file)).toBeNull();
      expect(guard('D:(A;;FA;;;BA)(A;;FA;;;BU)')(file)).toBe(
        'accounts other than administrators can change it (BU)',
      );
      expect(guard(null)(file)).toBe('its permissions cannot be read');
      expect(read).toEqual([file, file, file]);
      expect(guard(null)(path.join(folder, 'absent.json'))).toBeNull();
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
