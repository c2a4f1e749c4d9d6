import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPolicy, lockedFields, policyFilePath } from '../../electron/connection/policy';

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
  it('is under %ProgramData% on Windows', () => {
    expect(policyFilePath('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      'D:\\ProgramData\\Mooring\\policy.json',
    );
    expect(policyFilePath('win32', {})).toBe('C:\\ProgramData\\Mooring\\policy.json');
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
