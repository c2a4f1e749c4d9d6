/** What every boundary-case table shares: the case shape and the well-formed ids it starts from. */
export type Verdict = 'accepts' | 'refuses';
export type Case = readonly [Verdict, string, unknown];

export const GUID = '4a6a65ca-1384-5662-9425-06767a84562c';
export const SUB = `/subscriptions/${GUID}`;
export const WORKSPACE = `${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-one`;
export const AKS = `${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-one`;
export const COMPUTE = `${WORKSPACE}/computes/gpu-one`;
export const IDENTITY = `${SUB}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-one`;
export const chars = (count: number, char = 'a') => char.repeat(count);

export const noInput: Case[] = [
  ['accepts', 'an empty object', {}],
  ['refuses', 'an unknown key', { force: true }],
  ['refuses', 'null', null],
  ['refuses', 'an array', []],
  ['refuses', 'a string', 'x'],
];
