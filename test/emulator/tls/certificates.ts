// @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs the Reflect metadata polyfill.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** The emulator's own CA and the server certificate it issued for 127.0.0.1 / localhost. */
export interface EmulatorCertificates {
  caPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

// ECDSA P-256: fast to generate at every start, and accepted by Node's TLS and Chromium.
const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key as webcrypto.CryptoKey);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

export async function generateCertificates(): Promise<EmulatorCertificates> {
  const now = new Date();
  const notBefore = new Date(now.getTime() - 60_000);
  const notAfter = new Date(now.getTime() + 365 * 24 * 3600_000);
  const caKeys = (await webcrypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: 'CN=Mooring Local Azure Emulator CA',
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const serverKeys = (await webcrypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: 'CN=127.0.0.1',
    issuer: ca.subject,
    notBefore,
    notAfter,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca, false),
    ],
  });
  return {
    caPem: ca.toString('pem'),
    serverCertPem: server.toString('pem'),
    serverKeyPem: await privateKeyPem(serverKeys.privateKey),
  };
}

function randomSerial(): string {
  // Positive serial: first hex digit below 8.
  return `0${Buffer.from(webcrypto.getRandomValues(new Uint8Array(15))).toString('hex')}`;
}

const fileNames = {
  caPem: 'ca.pem',
  serverCertPem: 'server.pem',
  serverKeyPem: 'server-key.pem',
} as const;

/** Reuses the certificates in `dir` when all three files are there; otherwise generates them and writes them there. */
export async function loadOrCreateCertificates(dir: string): Promise<EmulatorCertificates> {
  try {
    const [caPem, serverCertPem, serverKeyPem] = await Promise.all(
      Object.values(fileNames).map((file) => readFile(path.join(dir, file), 'utf8')),
    );
    if (
      caPem &&
      serverCertPem &&
      serverKeyPem &&
      new x509.X509Certificate(serverCertPem).notAfter > new Date()
    ) {
      return { caPem, serverCertPem, serverKeyPem };
    }
  } catch {
    // Missing or unreadable: generate below.
  }
  const certificates = await generateCertificates();
  await mkdir(dir, { recursive: true });
  await Promise.all(
    (Object.keys(fileNames) as (keyof typeof fileNames)[]).map((key) =>
      writeFile(path.join(dir, fileNames[key]), certificates[key], { mode: 0o600 }),
    ),
  );
  return certificates;
}

export function caPathIn(dir: string): string {
  return path.join(dir, fileNames.caPem);
}
