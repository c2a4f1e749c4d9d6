// @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs the Reflect metadata polyfill.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/**
 * The clusters' own certificate authority, as every AKS cluster has one: its API server
 * certificate is signed by it (not by a public CA, nor by the emulator's ARM CA), and a kubeconfig
 * carries it as `certificate-authority-data`. Clients must trust it for that server alone.
 */
export interface ClusterCertificates {
  readonly caPem: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
  /** A client certificate for a local account (`clusterUser`), signed by the cluster CA. */
  issueClientCertificate(commonName: string): Promise<ClientCertificate>;
}

export interface ClientCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  /** SHA-256 fingerprint as Node reports it (`fingerprint256`). */
  readonly fingerprint256: string;
}

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key as webcrypto.CryptoKey);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

function randomSerial(): string {
  return `0${Buffer.from(webcrypto.getRandomValues(new Uint8Array(15))).toString('hex')}`;
}

function validity(): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: new Date(now - 60_000), notAfter: new Date(now + 30 * 24 * 3600_000) };
}

/** Node's `fingerprint256` format: upper-case hex pairs joined by colons. */
async function fingerprintOf(cert: x509.X509Certificate): Promise<string> {
  const digest = Buffer.from(await cert.getThumbprint('SHA-256'));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

export async function generateClusterCertificates(): Promise<ClusterCertificates> {
  const caKeys = await newKeys();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: 'CN=ca',
    ...validity(),
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
  const issue = async (
    subject: string,
    usage: x509.ExtendedKeyUsage,
    altNames: x509.JsonGeneralNames,
  ) => {
    const keys = await newKeys();
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject,
      issuer: ca.subject,
      ...validity(),
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: algorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([usage]),
        ...(altNames.length > 0 ? [new x509.SubjectAlternativeNameExtension(altNames)] : []),
        await x509.AuthorityKeyIdentifierExtension.create(ca, false),
      ],
    });
    return { cert, keyPem: await privateKeyPem(keys.privateKey) };
  };
  // The API server answers at 127.0.0.1 (the address every emulated cluster's kubeconfig names).
  const server = await issue('CN=apiserver', x509.ExtendedKeyUsage.serverAuth, [
    { type: 'ip', value: '127.0.0.1' },
  ]);
  return {
    caPem: ca.toString('pem'),
    serverCertPem: server.cert.toString('pem'),
    serverKeyPem: server.keyPem,
    async issueClientCertificate(commonName) {
      // AKS issues its local accounts in system:masters: cluster administrators.
      const client = await issue(
        `CN=${commonName}, O=system:masters`,
        x509.ExtendedKeyUsage.clientAuth,
        [],
      );
      return {
        certPem: client.cert.toString('pem'),
        keyPem: client.keyPem,
        fingerprint256: await fingerprintOf(client.cert),
      };
    },
  };
}
