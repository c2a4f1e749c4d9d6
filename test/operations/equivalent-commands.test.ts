import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { requireArmId } from '../../shared/azure/arm-id';
import {
  attachCommands,
  azRestCommand,
  shellWord,
} from '../../electron/operations/equivalent-commands';

const ws = requireArmId(
  '/subscriptions/ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-a',
);
const cluster = requireArmId(
  '/subscriptions/ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0/resourceGroups/rg-ml/providers/Microsoft.ContainerService/managedClusters/aks-a',
);
const compute = requireArmId(`${ws.id}/computes/k8s-a`);

/** What a POSIX shell makes of a command line: its words, one per line. */
function wordsOf(commandLine: string): string[] {
  const out = execFileSync('/bin/sh', [
    '-c',
    `for w in ${commandLine.replace(/^az /, '')}; do printf '%s\\n' "$w"; done`,
  ]);
  return out.toString('utf8').split('\n').slice(0, -1);
}

describe('equivalent commands', () => {
  it('single-quotes what a shell would interpret, so it arrives as one word', () => {
    for (const hostile of [
      `it's`,
      '$(rm -rf /)',
      '`id`',
      'a b',
      'x;y',
      '"q"',
      "'",
      '*',
      'tab\there',
    ]) {
      expect(wordsOf(`az ${shellWord(hostile)}`)).toEqual([hostile]);
    }
    expect(shellWord('plain-word_1.2')).toBe('plain-word_1.2');
  });

  it('gives az rest the exact body text Mooring sends', () => {
    const body = JSON.stringify({
      location: 'westeurope',
      properties: { description: `Team's "GPU" $pool` },
    });
    const url = new URL(`https://management.azure.com${compute.id}?api-version=2025-09-01`);
    const line = azRestCommand('PUT', url, body);
    const words = wordsOf(line);
    expect(words.slice(0, 5)).toEqual(['rest', '--method', 'put', '--url', url.toString()]);
    expect(words.at(-1)).toBe(body);
  });

  it('writes az ml compute attach with the Kubernetes options', () => {
    const commands = attachCommands({
      compute,
      workspace: ws,
      cluster,
      namespace: 'team-a',
      identity: { type: 'SystemAssigned' },
      identityId: null,
      url: new URL('https://management.azure.com/x'),
      body: '{}',
    });
    expect(commands.az).toBe(
      `az ml compute attach --name k8s-a --workspace-name mlw-a --resource-group rg-ml --subscription ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0 --type Kubernetes --resource-id ${cluster.id} --namespace team-a --identity-type SystemAssigned`,
    );
  });
});
