import { armResourceName, isArmType, ARM_TYPES, type ArmId } from '../../shared/azure/arm-id';

/**
 * The commands a finding offers, ready to paste into a shell. Names are validated before they get
 * here; anything beyond letters, digits, `.`, `_` and `-` (a resource group may hold parentheses)
 * is single-quoted so that the shell passes it through unchanged.
 */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9._-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `az k8s-extension create` exactly as AZURE.md gives it, for this cluster. */
export function extensionInstallCommand(cluster: ArmId): string {
  const clusterType = isArmType(cluster, ARM_TYPES.arcCluster)
    ? 'connectedClusters'
    : 'managedClusters';
  return [
    'az k8s-extension create --name azureml --extension-type Microsoft.AzureML.Kubernetes',
    `--cluster-type ${clusterType}`,
    `--cluster-name ${shellWord(armResourceName(cluster))}`,
    `--resource-group ${shellWord(cluster.resourceGroup ?? '')}`,
    '--scope cluster --config enableTraining=True',
    `--subscription ${cluster.subscriptionId}`,
  ].join(' ');
}

export const kubectlCreateNamespace = (namespace: string): string =>
  `kubectl create namespace ${shellWord(namespace)}`;

export const kubectlGetNamespace = (namespace: string): string =>
  `kubectl get namespace ${shellWord(namespace)}`;
