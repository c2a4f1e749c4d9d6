/**
 * Boundary cases, written out by hand, for the refresh schedule, the activity log and its export,
 * and the roles operations. contract-boundaries.test.ts runs them with its own tables and checks
 * that together they cover every operation of the contract.
 */
import { COMPUTE, GUID, SUB, WORKSPACE, chars, noInput, type Case } from './boundary-fixtures';

const withCompute = (patch: Record<string, unknown>) => ({ computeId: COMPUTE, ...patch });

/** Compute ids the renderer must never get past the boundary, each with what is wrong. */
const hostileComputeIds: Case[] = [
  ['refuses', 'an empty compute id', withCompute({ computeId: '' })],
  [
    'refuses',
    'a ".." segment in the compute id',
    withCompute({ computeId: `${WORKSPACE}/computes/../x` }),
  ],
  [
    'refuses',
    'a "." segment in the compute id',
    withCompute({ computeId: `${WORKSPACE}/./computes/x` }),
  ],
  [
    'refuses',
    'an encoded slash in the compute id',
    withCompute({ computeId: `${WORKSPACE}/computes/a%2Fb` }),
  ],
  [
    'refuses',
    'an empty segment in the compute id',
    withCompute({ computeId: `${WORKSPACE}//computes/x` }),
  ],
  ['refuses', 'a query in the compute id', withCompute({ computeId: `${COMPUTE}?api-version=1` })],
  ['refuses', 'a fragment in the compute id', withCompute({ computeId: `${COMPUTE}#x` })],
  [
    'refuses',
    'a backslash in the compute id',
    withCompute({ computeId: `${WORKSPACE}\\computes\\x` }),
  ],
  ['refuses', 'a trailing space in the compute id', withCompute({ computeId: `${COMPUTE} ` })],
  ['refuses', 'a newline in the compute id', withCompute({ computeId: `${COMPUTE}\n` })],
  [
    'refuses',
    'a compute URL instead of an id',
    withCompute({ computeId: `https://management.azure.com${COMPUTE}` }),
  ],
  [
    'refuses',
    'a subscription that is not a GUID',
    withCompute({ computeId: COMPUTE.replace(GUID, 'my-subscription') }),
  ],
  [
    'refuses',
    'a 1,025-character compute id',
    withCompute({ computeId: `${COMPUTE}${chars(1025 - COMPUTE.length)}` }),
  ],
  ['refuses', 'a number as the compute id', withCompute({ computeId: 42 })],
  ['refuses', 'null as the compute id', withCompute({ computeId: null })],
];

const notAnObject: Case[] = [
  ['refuses', 'null', null],
  ['refuses', 'an array', [withCompute({})]],
  ['refuses', 'a string', COMPUTE],
];

const computeRef: Case[] = [
  ['accepts', 'a compute id', { computeId: COMPUTE }],
  ['accepts', 'a compute id with one trailing slash', { computeId: `${COMPUTE}/` }],
  ['refuses', 'no compute id', {}],
  ['refuses', 'an unknown key', withCompute({ includeInherited: true })],
  ...hostileComputeIds,
  ...notAnObject,
];

const SCOPE = `${SUB}/resourceGroups/rg-ml`;

/** A pasted scope is checked by the service, which can say why; the boundary only bounds it. */
const pastedScope = (key: string, base: Record<string, unknown>): Case[] => [
  ['accepts', `a resource group as the ${key}`, { ...base, [key]: SCOPE }],
  ['accepts', `a subscription as the ${key}`, { ...base, [key]: SUB }],
  ['accepts', `a 2,048-character ${key}`, { ...base, [key]: chars(2048) }],
  ['refuses', `a 2,049-character ${key}`, { ...base, [key]: chars(2049) }],
  ['refuses', `a number as the ${key}`, { ...base, [key]: 42 }],
  ['refuses', `an array as the ${key}`, { ...base, [key]: [SCOPE] }],
  ['refuses', `no ${key}`, { computeId: COMPUTE, ...base, [key]: undefined }],
];

const activityFilterCases = (wrap: (filter: unknown) => unknown): Case[] => [
  ['accepts', 'an empty filter', wrap({})],
  [
    'accepts',
    'every filter at once',
    wrap({
      tenantIds: [GUID],
      subscriptionIds: [GUID],
      workspaceIds: [WORKSPACE],
      kinds: ['attach', 'update-identity', 'detach', 'grant-role', 'remove-role'],
      statuses: ['pending', 'running', 'succeeded', 'failed'],
      createdFrom: '2026-12-01T00:00:00Z',
      createdBefore: '2026-12-03T12:00:00.000+01:00',
    }),
  ],
  ['accepts', 'empty lists', wrap({ tenantIds: [], kinds: [] })],
  ['accepts', '1,000 tenants', wrap({ tenantIds: Array.from({ length: 1_000 }, () => GUID) })],
  ['refuses', '1,001 tenants', wrap({ tenantIds: Array.from({ length: 1_001 }, () => GUID) })],
  [
    'accepts',
    '10,000 subscriptions',
    wrap({ subscriptionIds: Array.from({ length: 10_000 }, () => GUID) }),
  ],
  [
    'refuses',
    '10,001 subscriptions',
    wrap({ subscriptionIds: Array.from({ length: 10_001 }, () => GUID) }),
  ],
  ['refuses', 'a tenant that is not a GUID', wrap({ tenantIds: ['contoso.onmicrosoft.com'] })],
  ['refuses', 'a subscription GUID in braces', wrap({ subscriptionIds: [`{${GUID}}`] })],
  ['refuses', 'a subscription given as text, not a list', wrap({ subscriptionIds: GUID })],
  [
    'accepts',
    '10,000 workspaces',
    wrap({ workspaceIds: Array.from({ length: 10_000 }, () => WORKSPACE) }),
  ],
  [
    'refuses',
    '10,001 workspaces',
    wrap({ workspaceIds: Array.from({ length: 10_001 }, () => WORKSPACE) }),
  ],
  ['refuses', 'an empty workspace id', wrap({ workspaceIds: [''] })],
  ['refuses', 'a workspace name instead of an id', wrap({ workspaceIds: ['mlw-one'] })],
  ['refuses', 'a ".." segment in a workspace id', wrap({ workspaceIds: [`${WORKSPACE}/../x`] })],
  [
    'refuses',
    'an encoded slash in a workspace id',
    wrap({ workspaceIds: [`${SUB}/resourceGroups/rg%2Fx`] }),
  ],
  [
    'refuses',
    'a 1,025-character workspace id',
    wrap({ workspaceIds: [`${WORKSPACE}${chars(1025 - WORKSPACE.length)}`] }),
  ],
  ['refuses', 'an unknown kind', wrap({ kinds: ['delete'] })],
  ['refuses', 'a kind in the wrong case', wrap({ kinds: ['Attach'] })],
  [
    'refuses',
    'six kinds where there are five',
    wrap({ kinds: ['attach', 'update-identity', 'detach', 'grant-role', 'remove-role', 'attach'] }),
  ],
  ['refuses', 'an unknown status', wrap({ statuses: ['cancelled'] })],
  [
    'refuses',
    'five statuses where there are four',
    wrap({ statuses: ['pending', 'running', 'succeeded', 'failed', 'failed'] }),
  ],
  ['refuses', 'a date without a time', wrap({ createdFrom: '2026-12-01' })],
  ['refuses', 'a time without an offset', wrap({ createdFrom: '2026-12-01T00:00:00' })],
  ['refuses', 'a date in words', wrap({ createdBefore: 'yesterday' })],
  ['refuses', 'a date as milliseconds', wrap({ createdBefore: 1_764_547_200_000 })],
  ['refuses', 'an unknown filter', wrap({ computeIds: [] })],
  ['refuses', 'a filter that is a list', wrap([])],
  ['refuses', 'a filter that is null', wrap(null)],
];

const inventoryExport = { kind: 'inventory', format: 'csv', filter: { query: '', state: 'all' } };
const inventoryExportWith = (filter: Record<string, unknown>) => ({
  ...inventoryExport,
  filter: { ...inventoryExport.filter, ...filter },
});

const tableExport = {
  kind: 'table',
  format: 'csv',
  query: { filter: {}, search: '', sort: { column: 'name', direction: 'asc' } },
};
const tableExportWith = (query: Record<string, unknown>) => ({
  ...tableExport,
  query: { ...tableExport.query, ...query },
});

/** The Computes table's export: its filter, search and sort as inventory.rows takes them. */
const tableExportCases: Case[] = [
  ['accepts', 'the whole table as CSV', tableExport],
  ['accepts', 'the table as JSON', { ...tableExport, format: 'json' }],
  [
    'accepts',
    'a filter, a search and a sort',
    tableExportWith({
      filter: { states: ['Removed'], tenantIds: [GUID], drift: 'changed', stuck: false },
      search: 'gpu westeurope',
      sort: { column: 'stateSince', direction: 'desc' },
    }),
  ],
  ['accepts', 'a 200-character search', tableExportWith({ search: chars(200) })],
  ['refuses', 'a 201-character search', tableExportWith({ search: chars(201) })],
  ['refuses', 'no search', { ...tableExport, query: { filter: {}, sort: tableExport.query.sort } }],
  ['refuses', 'no sort', { ...tableExport, query: { filter: {}, search: '' } }],
  ['refuses', 'no filter', { ...tableExport, query: { search: '', sort: tableExport.query.sort } }],
  ['refuses', 'no query', { kind: 'table', format: 'csv' }],
  ['refuses', 'a window (the export takes every row)', tableExportWith({ offset: 0, limit: 500 })],
  [
    'refuses',
    'an unknown sort column',
    tableExportWith({ sort: { column: 'description', direction: 'asc' } }),
  ],
  ['refuses', 'an unknown filter', tableExportWith({ filter: { region: ['westeurope'] } })],
  [
    'refuses',
    'a tenant that is not a GUID',
    tableExportWith({ filter: { tenantIds: ['contoso.onmicrosoft.com'] } }),
  ],
  ['refuses', 'an unknown format', { ...tableExport, format: 'xlsx' }],
  ['refuses', 'a file path from the renderer', { ...tableExport, path: '/tmp/table.csv' }],
  ['refuses', 'the columns to write (main decides them)', { ...tableExport, columns: ['name'] }],
  [
    'refuses',
    'an inventory filter on a table export',
    { kind: 'table', format: 'csv', filter: inventoryExport.filter },
  ],
  [
    'refuses',
    'a table query on an inventory export',
    { ...inventoryExport, query: tableExport.query },
  ],
  ['refuses', 'the query as a list', { ...tableExport, query: [tableExport.query] }],
  ['refuses', 'a null query', { ...tableExport, query: null }],
];

export const moreCases: Record<string, Case[]> = {
  'inventory.cancelRefresh': noInput,
  'inventory.getRefreshSchedule': noInput,
  'connectivity.get': noInput,
  'connectivity.retry': noInput,
  'inventory.setRefreshSchedule': [
    ['accepts', 'off', { intervalMinutes: 0 }],
    ['accepts', 'every minute', { intervalMinutes: 1 }],
    ['accepts', 'the default of 15 minutes', { intervalMinutes: 15 }],
    ['accepts', 'once a day', { intervalMinutes: 1440 }],
    ['refuses', 'more than a day', { intervalMinutes: 1441 }],
    ['refuses', 'a negative interval', { intervalMinutes: -1 }],
    ['refuses', 'a fraction of a minute', { intervalMinutes: 1.5 }],
    ['refuses', 'an interval given as text', { intervalMinutes: '15' }],
    ['refuses', 'not a number', { intervalMinutes: Number.NaN }],
    ['refuses', 'infinity', { intervalMinutes: Number.POSITIVE_INFINITY }],
    ['refuses', 'no interval', {}],
    ['refuses', 'an unknown key', { intervalMinutes: 15, atStartup: false }],
    ['refuses', 'null', null],
    ['refuses', 'an array', [{ intervalMinutes: 15 }]],
    ['refuses', 'a bare number', 15],
  ],
  'operations.history': [
    ['accepts', 'nothing (every entry, the default limit)', {}],
    ['accepts', 'a limit of one', { limit: 1 }],
    ['accepts', 'a limit of 5,000', { limit: 5_000 }],
    ['refuses', 'a limit of 5,001', { limit: 5_001 }],
    ['refuses', 'a limit of zero', { limit: 0 }],
    ['refuses', 'a fractional limit', { limit: 10.5 }],
    ['refuses', 'a limit given as text', { limit: '100' }],
    ['refuses', 'an unknown key', { limit: 10, offset: 20 }],
    ['refuses', 'null', null],
    ['refuses', 'an array', []],
    ['refuses', 'a string', 'attach'],
    ...activityFilterCases((filter) => ({ filter, limit: 100 })),
  ],
  'export.save': [
    ['accepts', 'the whole inventory as CSV', inventoryExport],
    ['accepts', 'the inventory as JSON', { ...inventoryExport, format: 'json' }],
    [
      'accepts',
      'failed computes matching words',
      inventoryExportWith({ query: 'gpu', state: 'failed' }),
    ],
    ['accepts', 'in-progress computes', inventoryExportWith({ state: 'in-progress' })],
    ['accepts', 'succeeded computes', inventoryExportWith({ state: 'succeeded' })],
    ['accepts', 'a 1,000-character search', inventoryExportWith({ query: chars(1_000) })],
    ['refuses', 'a 1,001-character search', inventoryExportWith({ query: chars(1_001) })],
    ['refuses', 'an unknown state', inventoryExportWith({ state: 'deleted' })],
    ['refuses', 'a state in the wrong case', inventoryExportWith({ state: 'Failed' })],
    ['refuses', 'no state', { ...inventoryExport, filter: { query: '' } }],
    ['refuses', 'no search words', { ...inventoryExport, filter: { state: 'all' } }],
    [
      'refuses',
      'an unknown key in the inventory filter',
      inventoryExportWith({ columns: ['name'] }),
    ],
    ['refuses', 'an activity filter on an inventory export', { ...inventoryExport, filter: {} }],
    ['refuses', 'an unknown format', { ...inventoryExport, format: 'xlsx' }],
    ['refuses', 'a format in the wrong case', { ...inventoryExport, format: 'CSV' }],
    ['refuses', 'no format', { kind: 'inventory', filter: inventoryExport.filter }],
    ['refuses', 'an unknown kind', { ...inventoryExport, kind: 'journal' }],
    ['refuses', 'no kind', { format: 'csv', filter: inventoryExport.filter }],
    ['refuses', 'no filter', { kind: 'inventory', format: 'csv' }],
    ['refuses', 'a file path from the renderer', { ...inventoryExport, path: '/tmp/out.csv' }],
    ['refuses', 'null', null],
    ['refuses', 'an array', [inventoryExport]],
    ['refuses', 'a string', 'inventory'],
    [
      'refuses',
      'an inventory filter on an activity export',
      { kind: 'activity', format: 'csv', filter: inventoryExport.filter },
    ],
    ['refuses', 'an activity export with no filter', { kind: 'activity', format: 'json' }],
    [
      'refuses',
      'an unknown key beside an activity filter',
      { kind: 'activity', format: 'json', filter: {}, limit: 10 },
    ],
    ...activityFilterCases((filter) => ({ kind: 'activity', format: 'json', filter })),
    ...tableExportCases,
  ],
  'roles.get': computeRef,
  'roles.refresh': computeRef,
  'roles.scopes': computeRef,
  'roles.searchDefinitions': [
    ['accepts', 'an empty search', withCompute({ query: '' })],
    ['accepts', 'a role name', withCompute({ query: 'Storage Blob Data Reader' })],
    ['accepts', 'a 200-character search', withCompute({ query: chars(200) })],
    ['refuses', 'a 201-character search', withCompute({ query: chars(201) })],
    ['refuses', 'no search', withCompute({})],
    ['refuses', 'a search given as a number', withCompute({ query: 7 })],
    ['refuses', 'an unknown key', withCompute({ query: '', customOnly: true })],
    ...hostileComputeIds.map(([verdict, what, input]): Case => [
      verdict,
      what,
      { query: '', ...(input as object) },
    ]),
    ...notAnObject,
  ],
  'roles.checkScope': [
    ...pastedScope('scopeId', withCompute({})),
    [
      'accepts',
      'an empty pasted scope (the service says what is wrong)',
      withCompute({ scopeId: '' }),
    ],
    [
      'accepts',
      'a pasted scope with ".." (the service says what is wrong)',
      withCompute({ scopeId: `${SUB}/..` }),
    ],
    ['refuses', 'an unknown key', withCompute({ scopeId: SCOPE, resolve: true })],
    ...hostileComputeIds.map(([verdict, what, input]): Case => [
      verdict,
      what,
      { scopeId: SCOPE, ...(input as object) },
    ]),
    ...notAnObject,
  ],
  'roles.checkPermission': [
    ...pastedScope('scopeId', withCompute({})),
    ['accepts', 'a role to check', withCompute({ scopeId: SCOPE, roleDefinitionGuid: GUID })],
    [
      'accepts',
      'an upper-case role GUID',
      withCompute({ scopeId: SCOPE, roleDefinitionGuid: GUID.toUpperCase() }),
    ],
    [
      'refuses',
      'a role name instead of its GUID',
      withCompute({ scopeId: SCOPE, roleDefinitionGuid: 'AcrPull' }),
    ],
    [
      'refuses',
      'a role definition id instead of its GUID',
      withCompute({
        scopeId: SCOPE,
        roleDefinitionGuid: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${GUID}`,
      }),
    ],
    [
      'refuses',
      'a role GUID one character short',
      withCompute({ scopeId: SCOPE, roleDefinitionGuid: GUID.slice(1) }),
    ],
    ['refuses', 'a null role GUID', withCompute({ scopeId: SCOPE, roleDefinitionGuid: null })],
    ['refuses', 'an unknown key', withCompute({ scopeId: SCOPE, principalId: GUID })],
    ...hostileComputeIds.map(([verdict, what, input]): Case => [
      verdict,
      what,
      { scopeId: SCOPE, ...(input as object) },
    ]),
    ...notAnObject,
  ],
  'roles.grant': [
    ...pastedScope('scopeId', withCompute({ roleDefinitionGuid: GUID })),
    ['refuses', 'no role', withCompute({ scopeId: SCOPE })],
    [
      'refuses',
      'a GUID without hyphens',
      withCompute({ scopeId: SCOPE, roleDefinitionGuid: GUID.replaceAll('-', '') }),
    ],
    [
      'refuses',
      'a non-hex GUID',
      withCompute({ scopeId: SCOPE, roleDefinitionGuid: GUID.replace('a', 'g') }),
    ],
    [
      'refuses',
      'a GUID with a trailing newline',
      withCompute({ scopeId: SCOPE, roleDefinitionGuid: `${GUID}\n` }),
    ],
    [
      'refuses',
      'an unknown key',
      withCompute({ scopeId: SCOPE, roleDefinitionGuid: GUID, principalType: 'User' }),
    ],
    [
      'refuses',
      'a principal to grant to (always the compute identity)',
      withCompute({ scopeId: SCOPE, roleDefinitionGuid: GUID, principalId: GUID }),
    ],
    ...hostileComputeIds.map(([verdict, what, input]): Case => [
      verdict,
      what,
      { scopeId: SCOPE, roleDefinitionGuid: GUID, ...(input as object) },
    ]),
    ...notAnObject,
  ],
  'roles.grantPreset': [
    ['accepts', 'AcrPull', withCompute({ preset: 'acr-pull' })],
    ['accepts', 'Storage Blob Data Reader', withCompute({ preset: 'storage-blob-data-reader' })],
    [
      'accepts',
      'Storage Blob Data Contributor',
      withCompute({ preset: 'storage-blob-data-contributor' }),
    ],
    ['accepts', 'Key Vault Secrets User', withCompute({ preset: 'key-vault-secrets-user' })],
    ['refuses', 'a preset by its role name', withCompute({ preset: 'AcrPull' })],
    ['refuses', 'a preset in the wrong case', withCompute({ preset: 'ACR-PULL' })],
    ['refuses', 'an unknown preset', withCompute({ preset: 'owner' })],
    ['refuses', 'an empty preset', withCompute({ preset: '' })],
    ['refuses', 'no preset', withCompute({})],
    ['refuses', 'an unknown key', withCompute({ preset: 'acr-pull', scopeId: SCOPE })],
    ...hostileComputeIds.map(([verdict, what, input]): Case => [
      verdict,
      what,
      { preset: 'acr-pull', ...(input as object) },
    ]),
    ...notAnObject,
  ],
  'roles.remove': [
    ...pastedScope('assignmentId', withCompute({})),
    [
      'accepts',
      'a role assignment id',
      withCompute({
        assignmentId: `${SCOPE}/providers/Microsoft.Authorization/roleAssignments/${GUID}`,
      }),
    ],
    ['refuses', 'an unknown key', withCompute({ assignmentId: SCOPE, force: true })],
    ...hostileComputeIds.map(([verdict, what, input]): Case => [
      verdict,
      what,
      { assignmentId: SCOPE, ...(input as object) },
    ]),
    ...notAnObject,
  ],
};
