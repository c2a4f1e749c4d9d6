import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateCertificates, loadOrCreateCertificates } from './tls/certificates';

describe('emulator certificates', () => {
  it('issues a server certificate for 127.0.0.1 and localhost, signed by its own CA', async () => {
    const { caPem, serverCertPem } = await generateCertificates();
    const ca = new X509Certificate(caPem);
    const server = new X509Certificate(serverCertPem);
    expect(ca.ca).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('localhost')).toBe('localhost');
  });

  it('reuses the certificates of a folder instead of generating new ones', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'emulator-certs-'));
    try {
      const first = await loadOrCreateCertificates(dir);
      const second = await loadOrCreateCertificates(dir);
      expect(second).toEqual(first);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
