import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadCaFile,
  parsePemCertificates,
  trustedCertificates,
} from '../../electron/network/ca-certificates';
import { generateCertificates } from '../emulator/tls/certificates';

let caPem: string;
let folder: string;

beforeAll(async () => {
  caPem = (await generateCertificates()).caPem;
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-ca-'));
});

afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('extra CA certificates', () => {
  it('reads every certificate of a PEM bundle', () => {
    const result = parsePemCertificates(`comment\n${caPem}\n${caPem}`);
    expect('pems' in result && result.pems).toHaveLength(2);
  });

  it('reports a file with no PEM certificate', () => {
    const result = parsePemCertificates('just some text');
    expect('problem' in result && result.problem).toMatch(/no PEM certificate/);
  });

  it('reports a damaged certificate by its position', () => {
    const damaged = caPem.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAA');
    const result = parsePemCertificates(`${caPem}\n${damaged}`);
    expect('problem' in result && result.problem).toMatch(
      /certificate 2 of 2 is damaged or not a certificate \(export it again as PEM\)/,
    );
  });

  it('reports a missing file by name', () => {
    const file = path.join(folder, 'missing.pem');
    const result = loadCaFile(file);
    expect('problem' in result && result.problem).toBe(`${file} does not exist`);
  });

  it("keeps Node's default roots beside the extra ones, since a ca option replaces them", () => {
    const trusted = trustedCertificates([caPem]) ?? [];
    expect(trusted).toContain(caPem);
    expect(trusted.length).toBeGreaterThan(tls.rootCertificates.length);
    expect(trustedCertificates([])).toBeUndefined();
  });
});
