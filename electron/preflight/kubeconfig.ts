import { X509Certificate, createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { KubeconfigSyntaxError, parseKubeconfigYaml } from './kubeconfig-yaml';

/**
 * What Mooring takes from a kubeconfig that `listClusterUserCredential` answered: the API server
 * (https only), the cluster's CA to trust for that server alone, and how to authenticate — an
 * Entra token (kubelogin's exec entry, the usual case) or the local account's client certificate.
 * Everything else in it (exec commands, tokens, proxies) is ignored: nothing is ever executed.
 */
export interface KubernetesApiTarget {
  /** The API server, `https://host[:port][/prefix]`. */
  readonly server: URL;
  /** The cluster CA (PEM) that the API server certificate must chain to. */
  readonly caPem: string;
  /** A local account's client certificate; null means an Entra token is sent. */
  readonly clientCertificate: { readonly certPem: string; readonly keyPem: string } | null;
}

export class KubeconfigProblem extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'KubeconfigProblem';
  }
}

/** Real kubeconfigs are a few kilobytes; anything far larger is not one. */
export const MAX_KUBECONFIG_BYTES = 64 * 1024;

const Text = z.string().min(1).max(MAX_KUBECONFIG_BYTES);
const ClusterEntry = z.object({
  name: Text,
  cluster: z.object({
    server: Text,
    'certificate-authority-data': Text.optional(),
    'insecure-skip-tls-verify': z.boolean().optional(),
  }),
});
const ContextEntry = z.object({
  name: Text,
  context: z.object({ cluster: Text, user: Text.optional() }),
});
const UserEntry = z.object({
  name: Text,
  user: z.object({
    'client-certificate-data': Text.optional(),
    'client-key-data': Text.optional(),
  }),
});

const Kubeconfig = z.object({
  clusters: z.array(ClusterEntry).min(1),
  contexts: z.array(ContextEntry).nullish(),
  'current-context': z.string().nullish(),
  users: z.array(UserEntry).nullish(),
});
type Kubeconfig = z.infer<typeof Kubeconfig>;

/** Reads the base64 kubeconfig of a `listClusterUserCredential` answer. */
export function readKubeconfig(base64: string): KubernetesApiTarget {
  if (base64.length > Math.ceil((MAX_KUBECONFIG_BYTES * 4) / 3) + 4) {
    throw new KubeconfigProblem('the kubeconfig Azure answered is far larger than a kubeconfig');
  }
  if (!/^[A-Za-z0-9+/=\s]*$/.test(base64)) {
    throw new KubeconfigProblem('the kubeconfig Azure answered is not base64');
  }
  const text = Buffer.from(base64, 'base64').toString('utf8');
  return targetOf(parseDocument(text));
}

function parseDocument(text: string): Kubeconfig {
  let document: unknown;
  try {
    // JSON is YAML too, and `kubectl config view -o json` writes it.
    document = text.trimStart().startsWith('{') ? JSON.parse(text) : parseKubeconfigYaml(text);
  } catch (error) {
    const where = error instanceof KubeconfigSyntaxError ? ` (${error.message})` : '';
    throw new KubeconfigProblem(`the kubeconfig Azure answered could not be read${where}`);
  }
  const parsed = Kubeconfig.safeParse(document);
  if (!parsed.success) {
    throw new KubeconfigProblem('the kubeconfig Azure answered names no usable cluster');
  }
  return parsed.data;
}

function targetOf(config: Kubeconfig): KubernetesApiTarget {
  const context = config.contexts?.find((c) => c.name === config['current-context'])?.context;
  const cluster = context
    ? config.clusters.find((c) => c.name === context.cluster)?.cluster
    : config.clusters[0]?.cluster;
  if (!cluster) throw new KubeconfigProblem('the kubeconfig names a cluster it does not describe');
  const userName = context?.user;
  const user = userName
    ? config.users?.find((u) => u.name === userName)?.user
    : config.users?.[0]?.user;
  if (cluster['insecure-skip-tls-verify']) {
    throw new KubeconfigProblem(
      'the kubeconfig turns certificate checks off, which Mooring never does',
    );
  }
  const caData = cluster['certificate-authority-data'];
  if (!caData)
    throw new KubeconfigProblem('the kubeconfig names no certificate authority for its API server');
  return {
    server: serverUrl(cluster.server),
    caPem: certificatePem(caData, 'certificate authority'),
    clientCertificate: clientCertificate(user),
  };
}

function serverUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new KubeconfigProblem('the API server address in the kubeconfig is not a URL');
  }
  if (url.protocol !== 'https:') {
    throw new KubeconfigProblem('the API server in the kubeconfig is not reached over https');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new KubeconfigProblem(
      'the API server address in the kubeconfig carries credentials or a query',
    );
  }
  return url;
}

function decodePem(base64: string): string {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(base64))
    throw new KubeconfigProblem('a certificate in the kubeconfig is not base64');
  return Buffer.from(base64, 'base64').toString('utf8');
}

function certificatePem(base64: string, what: string): string {
  const pem = decodePem(base64);
  try {
    // Parsing proves it is a certificate; every certificate in the bundle is checked.
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) throw new Error('no certificate');
    for (const block of blocks) new X509Certificate(block);
    return blocks.join('\n');
  } catch {
    throw new KubeconfigProblem(`the ${what} in the kubeconfig is not a valid certificate`);
  }
}

function clientCertificate(user: z.infer<typeof UserEntry>['user'] | undefined) {
  const cert = user?.['client-certificate-data'];
  const key = user?.['client-key-data'];
  if (!cert && !key) return null;
  if (!cert || !key) {
    throw new KubeconfigProblem(
      'the kubeconfig carries half of a client certificate (certificate or key missing)',
    );
  }
  const keyPem = decodePem(key);
  try {
    createPrivateKey(keyPem);
  } catch {
    throw new KubeconfigProblem('the client key in the kubeconfig is not a valid private key');
  }
  return { certPem: certificatePem(cert, 'client certificate'), keyPem };
}
