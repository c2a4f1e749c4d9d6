import { describe, expect, it } from 'vitest';
import { parseArmId, type ArmId } from '../../shared/azure/arm-id';
import {
  extensionInstallCommand,
  kubectlCreateNamespace,
  kubectlGetNamespace,
  shellWord,
} from '../../electron/preflight/fix-commands';

// The commands a preflight finding offers are pasted into a shell: each is written out here by
// hand, quoting included.

const SUBSCRIPTION = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';

function armId(text: string): ArmId {
  const parsed = parseArmId(text);
  if (!parsed.ok) throw new Error(`test id does not parse: ${parsed.reason}`);
  return parsed.value;
}

describe('a word of a fix command', () => {
  it.each([
    ['aks-prod_1.eu', 'aks-prod_1.eu'],
    ['rg (west)', `'rg (west)'`],
    [`o'brien`, `'o'\\''brien'`],
    [`it's a 'test'`, `'it'\\''s a '\\''test'\\'''`],
    ['$(rm -rf ~)', `'$(rm -rf ~)'`],
    ['', `''`],
  ])('%s is passed to the shell as %s', (value, word) => {
    expect(shellWord(value)).toBe(word);
  });
});

describe('the extension install command', () => {
  it('names an AKS cluster as managedClusters, its group quoted when it must be', () => {
    const cluster = armId(
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-aks(prod)/providers/Microsoft.ContainerService/managedClusters/aks-prod`,
    );
    expect(extensionInstallCommand(cluster)).toBe(
      `az k8s-extension create --name azureml --extension-type Microsoft.AzureML.Kubernetes --cluster-type managedClusters --cluster-name aks-prod --resource-group 'rg-aks(prod)' --scope cluster --config enableTraining=True --subscription ${SUBSCRIPTION}`,
    );
  });

  it('names an Arc cluster as connectedClusters', () => {
    const cluster = armId(
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-edge/providers/Microsoft.Kubernetes/connectedClusters/lab-boston`,
    );
    expect(extensionInstallCommand(cluster)).toBe(
      `az k8s-extension create --name azureml --extension-type Microsoft.AzureML.Kubernetes --cluster-type connectedClusters --cluster-name lab-boston --resource-group rg-edge --scope cluster --config enableTraining=True --subscription ${SUBSCRIPTION}`,
    );
  });
});

describe('the namespace commands', () => {
  it('create and read the namespace named', () => {
    expect(kubectlCreateNamespace('azureml')).toBe('kubectl create namespace azureml');
    expect(kubectlGetNamespace('team a')).toBe(`kubectl get namespace 'team a'`);
  });
});
