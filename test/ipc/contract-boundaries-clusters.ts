/**
 * Boundary cases, written out by hand, for a cluster's page (clusters.history).
 * contract-boundaries.test.ts runs them.
 */
import { AKS, SUB, chars, type Case } from './boundary-fixtures';

const ARC = `${SUB}/resourceGroups/rg-edge/providers/Microsoft.Kubernetes/connectedClusters/arc-one`;

export const clusterCases: Record<string, Case[]> = {
  'clusters.history': [
    ['accepts', 'an AKS cluster id', { clusterId: AKS }],
    ['accepts', 'an Arc cluster id', { clusterId: ARC }],
    ['accepts', 'an id in upper case', { clusterId: AKS.toUpperCase() }],
    ['refuses', 'no cluster id', {}],
    ['refuses', 'an empty cluster id', { clusterId: '' }],
    ['refuses', 'an id that is not a resource id', { clusterId: 'aks-one' }],
    ['refuses', 'an id with a ".." segment', { clusterId: `${AKS}/../x` }],
    ['refuses', 'an id with a fragment', { clusterId: `${AKS}#x` }],
    [
      'refuses',
      'an id of 1,025 characters',
      { clusterId: `${AKS}/${chars(1025 - AKS.length - 1)}` },
    ],
    ['refuses', 'an unknown key', { clusterId: AKS, limit: 10 }],
    ['refuses', 'null', null],
    ['refuses', 'an array', []],
  ],
};
