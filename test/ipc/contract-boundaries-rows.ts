/**
 * Boundary cases, written out by hand, for the inventory table's windowed reads
 * (inventory.rows, inventory.position). contract-boundaries.test.ts runs them.
 */
import { COMPUTE, GUID, WORKSPACE, chars, noInput, type Case } from './boundary-fixtures';

const base = { filter: {}, search: '', sort: { column: 'name', direction: 'asc' } };
const rows = (patch: Record<string, unknown>) => ({ ...base, offset: 0, limit: 100, ...patch });
const position = (patch: Record<string, unknown>) => ({ ...base, computeId: COMPUTE, ...patch });

/** What the two share: the filter, the search and the sort. */
const shared = (make: (patch: Record<string, unknown>) => unknown): Case[] => [
  [
    'accepts',
    'every filter',
    make({
      filter: {
        states: ['Failed'],
        tenantIds: [GUID],
        subscriptionIds: [GUID.toUpperCase()],
        workspaceIds: [WORKSPACE],
        clusterKinds: ['aks', 'arc', 'none'],
        identityTypes: ['UserAssigned'],
        computeTypes: ['Kubernetes', 'VirtualMachine'],
        drift: 'changed',
        stuck: true,
      },
    }),
  ],
  ['accepts', 'a 200-character search', make({ search: chars(200) })],
  [
    'accepts',
    'sorting by time in state, descending',
    make({ sort: { column: 'stateSince', direction: 'desc' } }),
  ],
  ['refuses', 'a 201-character search', make({ search: chars(201) })],
  ['refuses', 'no search', make({ search: undefined })],
  [
    'refuses',
    'an unknown sort column',
    make({ sort: { column: 'principalId', direction: 'asc' } }),
  ],
  ['refuses', 'an unknown direction', make({ sort: { column: 'name', direction: 'up' } })],
  [
    'refuses',
    'an unknown key in the sort',
    make({ sort: { column: 'name', direction: 'asc', nulls: 'last' } }),
  ],
  ['refuses', 'an unknown filter', make({ filter: { region: ['westeurope'] } })],
  [
    'refuses',
    'a tenant that is not a GUID',
    make({ filter: { tenantIds: ['contoso.onmicrosoft.com'] } }),
  ],
  [
    'refuses',
    'a subscription that is not a GUID',
    make({ filter: { subscriptionIds: ['Contoso ML'] } }),
  ],
  [
    'refuses',
    'a workspace id with a ".." segment',
    make({ filter: { workspaceIds: [`${WORKSPACE}/../x`] } }),
  ],
  ['refuses', 'an unknown cluster kind', make({ filter: { clusterKinds: ['eks'] } })],
  ['refuses', 'an empty state', make({ filter: { states: [''] } })],
  ['refuses', 'a 65-character state', make({ filter: { states: [chars(65)] } })],
  [
    'refuses',
    '33 states',
    make({ filter: { states: Array.from({ length: 33 }, () => 'Failed') } }),
  ],
  ['refuses', 'an unknown drift choice', make({ filter: { drift: 'removed' } })],
  ['refuses', 'stuck as a string', make({ filter: { stuck: 'yes' } })],
  ['refuses', 'states as a string', make({ filter: { states: 'Failed' } })],
  ['refuses', 'null', null],
  ['refuses', 'an array', []],
];

export const rowsCases: Record<string, Case[]> = {
  'inventory.getTableView': noInput,
  'inventory.setDensity': [
    ['accepts', 'compact', { density: 'compact' }],
    ['accepts', 'comfortable', { density: 'comfortable' }],
    ['refuses', 'a density in the wrong case', { density: 'Compact' }],
    ['refuses', 'an unknown density', { density: 'dense' }],
    ['refuses', 'no density', {}],
    ['refuses', 'an unknown key', { density: 'compact', rowHeight: 20 }],
    ['refuses', 'null', null],
  ],
  'inventory.rows': [
    ['accepts', 'the first page', rows({})],
    ['accepts', 'no rows, only the counts', rows({ limit: 0 })],
    ['accepts', '500 rows far down', rows({ offset: 49_500, limit: 500 })],
    ['refuses', '501 rows', rows({ limit: 501 })],
    ['refuses', 'a negative offset', rows({ offset: -1 })],
    ['refuses', 'a fractional offset', rows({ offset: 1.5 })],
    ['refuses', 'an offset as a string', rows({ offset: '0' })],
    ['refuses', 'no limit', rows({ limit: undefined })],
    ['refuses', 'an unknown key', rows({ counts: false })],
    ...shared(rows),
  ],
  'inventory.position': [
    ['accepts', 'a compute id', position({})],
    [
      'refuses',
      'a compute id with a ".." segment',
      position({ computeId: `${WORKSPACE}/computes/../x` }),
    ],
    [
      'refuses',
      'a compute URL instead of an id',
      position({ computeId: `https://management.azure.com${COMPUTE}` }),
    ],
    ['refuses', 'no compute id', position({ computeId: undefined })],
    ['refuses', 'an offset (a position takes none)', position({ offset: 0 })],
    ...shared(position),
  ],
};
