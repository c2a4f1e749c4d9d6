import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPolicy, lockedFields } from '../../electron/connection/policy';
import { policyFilePath } from '../../electron/connection/policy-location';

let folder: string;
const write = (name: string, content: string) => {
  const file = path.join(folder, name);
  fs.writeFileSync(file, content);
  return file;
};

beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-policy-'));
});
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('where the policy file lives', () => {
  it('is under the ProgramData folder Windows names, C:\\ProgramData by default', () => {
    expect(policyFilePath('win32', 'D:\\ProgramData')).toBe(
      'D:\\ProgramData\\Mooring\\policy.json',
    );
    expect(policyFilePath('win32')).toBe('C:\\ProgramData\\Mooring\\policy.json');
  });

  it('is in /Library/Application Support on macOS and /etc elsewhere', () => {
    expect(policyFilePath('darwin')).toBe('/Library/Application Support/Mooring/policy.json');
    expect(policyFilePath('linux')).toBe('/etc/mooring/policy.json');
  });
});

describe('reading the policy file', () => {
  it('means no policy when the file is absent', () => {
    const policy = loadPolicy(path.join(folder, 'policy.json'));
    expect(policy.problem).toBeNull();
    expect(lockedFields(policy)).toEqual([]);
  });

  it('locks exactly the fields it sets, with normalised values', () => {
    const policy = loadPolicy(
      write(
        'policy.json',
        JSON.stringify({
          clientId: 'AAAAAAAA-1111-2222-3333-444444444444',
          proxy: { mode: 'manual', url: 'http://proxy.contoso.com:3128' },
        }),
      ),
    );
    expect(policy.problem).toBeNull();
    expect(policy.values.clientId).toBe('aaaaaaaa-1111-2222-3333-444444444444');
    expect(lockedFields(policy).sort()).toEqual(['clientId', 'proxy']);
  });

  it('reports a file that is not JSON, naming the file, and locks every field', () => {
    const file = write('policy.json', '{ "proxy": ');
    const policy = loadPolicy(file);
    expect(policy.problem).toMatch(
      new RegExp(
        `^The policy file ${file.replace(/[.\\/]/g, '\\$&')} cannot be applied: it is not valid JSON`,
      ),
    );
    expect(policy.problem).toMatch(
      /will not connect to Azure until your administrator corrects it\.$/,
    );
    expect(lockedFields(policy)).toHaveLength(6);
  });

  it('reports where the JSON breaks, never the text around it (it may hold a password)', () => {
    const file = write(
      'policy.json',
      '{\n  "proxy": { "mode": "manual", "url": http://ops:Pa55word@proxy:3128 }\n}',
    );
    const policy = loadPolicy(file);
    expect(policy.problem).toContain(
      'it is not valid JSON (the syntax breaks at line 2, column 39)',
    );
    expect(policy.problem).not.toMatch(/Pa55word|ops|proxy:3128|"url"/);
  });

  it('reads a file saved with a byte-order mark (as Notepad does)', () => {
    const policy = loadPolicy(write('policy.json', '\uFEFF{ "proxy": { "mode": "none" } }'));
    expect(policy.problem).toBeNull();
    expect(lockedFields(policy)).toEqual(['proxy']);
  });

  it('reports an unknown field inside the proxy setting', () => {
    const policy = loadPolicy(
      write('policy.json', JSON.stringify({ proxy: { mode: 'none', url: 'http://p:3128' } })),
    );
    expect(policy.problem).toMatch(/url/);
    expect(lockedFields(policy)).toHaveLength(6);
  });

  it('refuses a file that users other than administrators can change, and says so', () => {
    const file = write('policy.json', JSON.stringify({ proxy: { mode: 'none' } }));
    const policy = loadPolicy(file, () => 'it can be written by every user');
    expect(policy.problem).toBe(
      `The policy file ${file} cannot be applied: it can be written by every user, so it could be changed by someone other than an administrator. Mooring will not connect to Azure until your administrator corrects it.`,
    );
    expect(lockedFields(policy)).toHaveLength(6);
  });

  it('reports a misspelt field instead of ignoring it', () => {
    const policy = loadPolicy(write('policy.json', JSON.stringify({ proxxy: { mode: 'none' } })));
    expect(policy.problem).toMatch(/proxxy/);
  });

  it('reports a value the Settings page would refuse', () => {
    const policy = loadPolicy(write('policy.json', JSON.stringify({ clientId: 'my-app' })));
    expect(policy.problem).toMatch(/Client id "my-app" is not a GUID/);
  });

  it('reports an extra CA file that does not exist', () => {
    const missing = path.join(folder, 'corp-ca.pem');
    const policy = loadPolicy(write('policy.json', JSON.stringify({ extraCaFile: missing })));
    expect(policy.problem).toContain(`${missing} does not exist`);
  });

  it('reports a policy path that cannot be read as a file', () => {
    const policy = loadPolicy(folder);
    expect(policy.problem).toMatch(/cannot be read \(EISDIR\)/);
  });
});
