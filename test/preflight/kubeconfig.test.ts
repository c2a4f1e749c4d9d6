import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  KubeconfigProblem,
  MAX_KUBECONFIG_BYTES,
  readKubeconfig,
} from '../../electron/preflight/kubeconfig';
import { parseKubeconfigYaml } from '../../electron/preflight/kubeconfig-yaml';
import {
  generateClusterCertificates,
  type ClientCertificate,
} from '../emulator/kubernetes/certificates';
import { kubeconfigYaml, type KubeconfigInput } from '../emulator/kubernetes/kubeconfig';

let caPem = '';
let client: ClientCertificate;

beforeAll(async () => {
  const certificates = await generateClusterCertificates();
  caPem = certificates.caPem;
  client = await certificates.issueClientCertificate('clusterUser');
});

const input = (extra: Partial<KubeconfigInput> = {}): KubeconfigInput => ({
  clusterName: 'aks-ready',
  resourceGroup: 'rg-ml',
  serverUrl: 'https://aks-ready-dns-1a2b3c4d.hcp.westeurope.azmk8s.io:443',
  caPem,
  tenantId: '11111111-1111-4111-8111-111111111111',
  ...extra,
});
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('the kubeconfig YAML reader', () => {
  it('reads AKS kubeconfigs (exec and local-account forms) exactly as a full YAML parser does', () => {
    for (const text of [
      kubeconfigYaml(input()),
      kubeconfigYaml(input({ clientCertificate: client })),
    ]) {
      expect(parseKubeconfigYaml(text)).toEqual(parseYaml(text));
    }
  });

  it('reads quoted scalars, comments, nested sequences and block scalars as YAML does', () => {
    const text = [
      '# written by hand',
      'apiVersion: "v1"',
      "kind: 'Config'",
      'clusters:',
      '  - name: "a \\"quoted\\" name"',
      '    cluster:',
      "      server: 'https://host.example:6443/prefix'",
      'preferences: {}',
      'extensions: []',
      'notes: >-',
      '  folded',
      '  text',
      'list:',
      '- - nested',
      '  - items',
      '-',
      '  key: value',
    ].join('\n');
    expect(parseKubeconfigYaml(text)).toEqual(parseYaml(text));
  });

  it.each([
    ['anchors and aliases', 'a: &x 1\nb: *x'],
    ['tags', 'a: !!binary abc'],
    ['flow collections', 'a: {b: c}'],
    ['tabs', 'a:\n\tb: c'],
    ['duplicate keys', 'a: 1\na: 2'],
    ['two documents', 'a: 1\n---\nb: 2'],
    ['prototype keys', '__proto__:\n  polluted: true'],
    ['bad indentation', 'a: 1\n   b: 2'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseKubeconfigYaml(text)).toThrow();
  });
});

describe('reading a kubeconfig Azure answered', () => {
  it('takes the server, the CA and, for Entra clusters, no client certificate', () => {
    const target = readKubeconfig(b64(kubeconfigYaml(input())));
    expect(target.server.href).toBe('https://aks-ready-dns-1a2b3c4d.hcp.westeurope.azmk8s.io/');
    expect(target.caPem).toBe(caPem.trim());
    expect(target.clientCertificate).toBeNull();
  });

  it('takes the client certificate of a local account', () => {
    const target = readKubeconfig(b64(kubeconfigYaml(input({ clientCertificate: client }))));
    expect(target.clientCertificate?.certPem).toBe(client.certPem.trim());
  });

  it('reads the JSON form too', () => {
    const json = JSON.stringify(parseYaml(kubeconfigYaml(input())));
    expect(readKubeconfig(b64(json)).server.host).toBe(
      'aks-ready-dns-1a2b3c4d.hcp.westeurope.azmk8s.io',
    );
  });

  const refusals: Array<[string, () => string]> = [
    ['a plain http server', () => kubeconfigYaml(input({ serverUrl: 'http://aks.example:80' }))],
    [
      'a server with credentials',
      () => kubeconfigYaml(input({ serverUrl: 'https://u:p@aks.example' })),
    ],
    [
      'a server with a query',
      () => kubeconfigYaml(input({ serverUrl: 'https://aks.example/?x=1' })),
    ],
    [
      'certificate checks turned off',
      () =>
        kubeconfigYaml(input()).replace(
          '    server:',
          '    insecure-skip-tls-verify: true\n    server:',
        ),
    ],
    ['no CA', () => kubeconfigYaml(input()).replace(/ {4}certificate-authority-data: .*\n/, '')],
    [
      'a CA that is no certificate',
      () =>
        kubeconfigYaml(
          input({ caPem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' }),
        ),
    ],
    [
      'half a client certificate',
      () =>
        kubeconfigYaml(input({ clientCertificate: client })).replace(
          / {4}client-key-data: .*\n/,
          '',
        ),
    ],
    ['no clusters', () => 'apiVersion: v1\nkind: Config\nclusters: []\n'],
    ['not YAML', () => 'a: &x 1'],
  ];
  it.each(refusals)('refuses %s', (_what, text) => {
    expect(() => readKubeconfig(b64(text()))).toThrow(KubeconfigProblem);
  });

  it('refuses an answer far larger than a kubeconfig, and one that is not base64', () => {
    expect(() => readKubeconfig('A'.repeat(MAX_KUBECONFIG_BYTES * 2))).toThrow(KubeconfigProblem);
    expect(() => readKubeconfig('not base64 at all!')).toThrow(KubeconfigProblem);
  });
});
