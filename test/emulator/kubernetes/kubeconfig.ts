/**
 * Kubeconfigs as AKS's `listClusterUserCredential` returns them: YAML written by Go's yaml
 * marshaller (keys sorted, block sequences at the parent's indentation, `installHint` as a block
 * scalar), base64-encoded in the answer.
 */

/** The AKS server application whose tokens Entra-integrated API servers take (same in every tenant). */
export const AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';
/** The Azure CLI's application id, as kubelogin's exec entry names it. */
const AZURE_CLI_APP_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

export interface KubeconfigInput {
  readonly clusterName: string;
  readonly resourceGroup: string;
  readonly serverUrl: string;
  readonly caPem: string;
  readonly tenantId: string;
  /** A local account: client certificate and key (PEM); absent for an Entra-integrated cluster. */
  readonly clientCertificate?: { readonly certPem: string; readonly keyPem: string };
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function userEntry(input: KubeconfigInput): string[] {
  if (input.clientCertificate) {
    return [
      `    client-certificate-data: ${b64(input.clientCertificate.certPem)}`,
      `    client-key-data: ${b64(input.clientCertificate.keyPem)}`,
      `    token: ${Buffer.from(input.clusterName).toString('hex').padEnd(64, '0').slice(0, 64)}`,
    ];
  }
  return [
    '    exec:',
    '      apiVersion: client.authentication.k8s.io/v1beta1',
    '      args:',
    '      - get-token',
    '      - --environment',
    '      - AzurePublicCloud',
    '      - --server-id',
    `      - ${AKS_SERVER_APP_ID}`,
    '      - --client-id',
    `      - ${AZURE_CLI_APP_ID}`,
    '      - --tenant-id',
    `      - ${input.tenantId}`,
    '      - --login',
    '      - devicecode',
    '      command: kubelogin',
    '      env: null',
    '      installHint: |2',
    '',
    '        kubelogin is not installed which is required to connect to AAD enabled cluster.',
    '',
    '        To learn more, please go to https://aka.ms/aks/kubelogin',
    '      interactiveMode: IfAvailable',
    '      provideClusterInfo: false',
  ];
}

/** The kubeconfig text (YAML). */
export function kubeconfigYaml(input: KubeconfigInput): string {
  const user = `clusterUser_${input.resourceGroup}_${input.clusterName}`;
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${b64(input.caPem)}`,
    `    server: ${input.serverUrl}`,
    `  name: ${input.clusterName}`,
    'contexts:',
    '- context:',
    `    cluster: ${input.clusterName}`,
    `    user: ${user}`,
    `  name: ${input.clusterName}`,
    `current-context: ${input.clusterName}`,
    'kind: Config',
    'preferences: {}',
    'users:',
    `- name: ${user}`,
    '  user:',
    ...userEntry(input),
    '',
  ].join('\n');
}
