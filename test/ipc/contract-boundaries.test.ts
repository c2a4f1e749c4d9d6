/**
 * Boundary cases for every contract input, written out by hand: the oracle is this table, not the
 * schema under test. Loosening a bound (a length, a GUID, an enum, strictness at any depth) makes
 * a case here fail; so does tightening one past what the app sends.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, operationNames } from '../../shared/ipc/contract';
import { operationsOperations } from '../../shared/ipc/contract-operations';
import {
  AKS,
  COMPUTE,
  SUB,
  GUID,
  IDENTITY,
  WORKSPACE,
  chars,
  noInput,
  type Case,
} from './boundary-fixtures';
import { moreCases } from './contract-boundaries-more';
import { rowsCases } from './contract-boundaries-rows';
import { clusterCases } from './contract-boundaries-clusters';

const inputs: Record<string, z.ZodType> = {
  ...Object.fromEntries(operationNames.map((name) => [name, contract.operations[name].input])),
  ...Object.fromEntries(
    Object.entries(operationsOperations).map(([name, spec]) => [name, spec.input]),
  ),
};

const attach = {
  workspaceId: WORKSPACE,
  clusterId: AKS,
  computeName: 'gpu-one',
  identity: { type: 'SystemAssigned' },
};
const attachWith = (patch: Record<string, unknown>) => ({ ...attach, ...patch });

const attachCases: Case[] = [
  ['accepts', 'the smallest full request', attach],
  [
    'accepts',
    'a namespace and a description',
    attachWith({ namespace: 'azureml', description: 'GPU pool' }),
  ],
  ['accepts', 'a two-letter compute name', attachWith({ computeName: 'ab' })],
  ['accepts', 'a 16-character compute name', attachWith({ computeName: 'a23456789012345b' })],
  ['refuses', 'a one-letter compute name', attachWith({ computeName: 'a' })],
  ['refuses', 'a 17-character compute name', attachWith({ computeName: 'a234567890123456b' })],
  ['refuses', 'a compute name starting with a digit', attachWith({ computeName: '1gpu' })],
  ['refuses', 'a compute name ending in a hyphen', attachWith({ computeName: 'gpu-' })],
  ['refuses', 'an underscore in the compute name', attachWith({ computeName: 'gpu_one' })],
  ['refuses', 'no compute name', { ...attach, computeName: undefined }],
  ['accepts', 'a 63-character namespace', attachWith({ namespace: chars(63) })],
  ['refuses', 'a 64-character namespace', attachWith({ namespace: chars(64) })],
  ['refuses', 'an empty namespace', attachWith({ namespace: '' })],
  ['refuses', 'an upper-case namespace', attachWith({ namespace: 'AzureML' })],
  ['refuses', 'a namespace starting with a hyphen', attachWith({ namespace: '-ml' })],
  ['refuses', 'a dot in the namespace', attachWith({ namespace: 'ml.team' })],
  ['accepts', 'a 1,024-character description', attachWith({ description: chars(1024) })],
  ['refuses', 'a 1,025-character description', attachWith({ description: chars(1025) })],
  ['accepts', 'a description over two lines', attachWith({ description: 'one\ntwo\tthree' })],
  ['refuses', 'a bell character in the description', attachWith({ description: 'ring\u0007' })],
  ['refuses', 'a DEL character in the description', attachWith({ description: 'x\u007f' })],
  [
    'accepts',
    'a user-assigned identity',
    attachWith({ identity: { type: 'UserAssigned', identityId: IDENTITY } }),
  ],
  ['accepts', 'no identity', attachWith({ identity: { type: 'None' } })],
  [
    'refuses',
    'a user-assigned identity without its id',
    attachWith({ identity: { type: 'UserAssigned' } }),
  ],
  [
    'refuses',
    'an identity id on a system-assigned identity',
    attachWith({ identity: { type: 'SystemAssigned', identityId: IDENTITY } }),
  ],
  [
    'refuses',
    'an identity type in the wrong case',
    attachWith({ identity: { type: 'systemassigned' } }),
  ],
  [
    'refuses',
    'both identities at once',
    attachWith({ identity: { type: 'SystemAssigned,UserAssigned' } }),
  ],
  ['refuses', 'no identity choice', { ...attach, identity: undefined }],
  ['refuses', 'an unknown key', attachWith({ force: true })],
  [
    'refuses',
    'an unknown key inside the identity',
    attachWith({ identity: { type: 'None', principalId: GUID } }),
  ],
  ['refuses', 'an empty workspace id', attachWith({ workspaceId: '' })],
  [
    'refuses',
    'a workspace URL instead of an id',
    attachWith({ workspaceId: `https://management.azure.com${WORKSPACE}` }),
  ],
  [
    'refuses',
    'a subscription that is not a GUID',
    attachWith({ workspaceId: WORKSPACE.replace(GUID, 'my-subscription') }),
  ],
  [
    'refuses',
    'a ".." segment in the cluster id',
    attachWith({
      clusterId: `${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/../x`,
    }),
  ],
  ['refuses', 'a query in the cluster id', attachWith({ clusterId: `${AKS}?api-version=1` })],
  ['refuses', 'a space in the cluster id', attachWith({ clusterId: `${AKS} ` })],
  [
    'refuses',
    'a 1,025-character cluster id',
    attachWith({ clusterId: `${AKS}${chars(1025 - AKS.length)}` }),
  ],
  ['refuses', 'a number as the cluster id', attachWith({ clusterId: 42 })],
];

const computeTarget: Case[] = [
  ['accepts', 'a compute id', { computeId: COMPUTE }],
  ['refuses', 'no compute id', {}],
  ['refuses', 'an empty compute id', { computeId: '' }],
  ['refuses', 'an id with a fragment', { computeId: `${COMPUTE}#x` }],
  ['refuses', 'an unknown key', { computeId: COMPUTE, underlyingResourceAction: 'Delete' }],
];

const identityChange: Case[] = [
  [
    'accepts',
    'a system-assigned identity',
    { computeId: COMPUTE, identity: { type: 'SystemAssigned' } },
  ],
  [
    'accepts',
    'a user-assigned identity',
    { computeId: COMPUTE, identity: { type: 'UserAssigned', identityId: IDENTITY } },
  ],
  ['refuses', 'no identity', { computeId: COMPUTE }],
  [
    'refuses',
    'a user-assigned identity with a bad id',
    { computeId: COMPUTE, identity: { type: 'UserAssigned', identityId: 'id-one' } },
  ],
  ['refuses', 'an unknown identity type', { computeId: COMPUTE, identity: { type: 'Managed' } }],
  [
    'refuses',
    'an unknown key',
    { computeId: COMPUTE, identity: { type: 'None' }, keepRoles: true },
  ],
];

const baseCases: Record<string, Case[]> = {
  'app.getInfo': noInput,
  'settings.get': noInput,
  'accounts.list': noInput,
  'subscriptions.get': noInput,
  'subscriptions.refresh': noInput,
  'inventory.get': noInput,
  'inventory.refresh': noInput,
  'connection.get': noInput,
  'operations.list': noInput,
  'settings.setTheme': [
    ['accepts', 'each theme', { theme: 'system' }],
    ['accepts', 'light', { theme: 'light' }],
    ['accepts', 'dark', { theme: 'dark' }],
    ['accepts', 'high contrast', { theme: 'high-contrast' }],
    ['refuses', 'a theme in the wrong case', { theme: 'Dark' }],
    ['refuses', 'an unknown theme', { theme: 'sepia' }],
    ['refuses', 'an empty theme', { theme: '' }],
    ['refuses', 'no theme', {}],
    ['refuses', 'an unknown key', { theme: 'dark', accent: 'blue' }],
  ],
  'accounts.signIn': [
    ['accepts', 'the browser', { method: 'browser' }],
    ['accepts', 'a device code', { method: 'device-code' }],
    ['refuses', 'a method in the wrong case', { method: 'Browser' }],
    ['refuses', 'a password', { method: 'password' }],
    ['refuses', 'an unknown key', { method: 'browser', loginHint: 'a@b.c' }],
  ],
  'accounts.cancelSignIn': [
    ['accepts', 'a one-character id', { signInId: 'a' }],
    ['accepts', 'a 100-character id', { signInId: chars(100) }],
    ['refuses', 'an empty id', { signInId: '' }],
    ['refuses', 'a 101-character id', { signInId: chars(101) }],
    ['refuses', 'a number', { signInId: 7 }],
  ],
  'accounts.signOut': [
    ['accepts', 'an msal home account id', { accountId: `${GUID}.${GUID}` }],
    ['accepts', 'a three-character id', { accountId: 'abc' }],
    ['accepts', 'a 200-character id', { accountId: chars(200) }],
    ['refuses', 'a two-character id', { accountId: 'ab' }],
    ['refuses', 'a 201-character id', { accountId: chars(201) }],
    ['refuses', 'no id', {}],
    ['refuses', 'an unknown key', { accountId: 'abc', everywhere: true }],
  ],
  'tenants.signIn': [
    ['accepts', 'a lower-case GUID', { accountId: 'abc', tenantId: GUID, method: 'browser' }],
    [
      'accepts',
      'an upper-case GUID',
      { accountId: 'abc', tenantId: GUID.toUpperCase(), method: 'device-code' },
    ],
    [
      'refuses',
      'a GUID without hyphens',
      { accountId: 'abc', tenantId: GUID.replaceAll('-', ''), method: 'browser' },
    ],
    ['refuses', 'a GUID in braces', { accountId: 'abc', tenantId: `{${GUID}}`, method: 'browser' }],
    [
      'refuses',
      'a GUID one character short',
      { accountId: 'abc', tenantId: GUID.slice(1), method: 'browser' },
    ],
    [
      'refuses',
      'a GUID with a trailing newline',
      { accountId: 'abc', tenantId: `${GUID}\n`, method: 'browser' },
    ],
    [
      'refuses',
      'a non-hex GUID',
      { accountId: 'abc', tenantId: GUID.replace('a', 'g'), method: 'browser' },
    ],
    [
      'refuses',
      'a tenant domain',
      { accountId: 'abc', tenantId: 'contoso.onmicrosoft.com', method: 'browser' },
    ],
    ['refuses', 'a short account id', { accountId: 'ab', tenantId: GUID, method: 'browser' }],
    ['refuses', 'no method', { accountId: 'abc', tenantId: GUID }],
  ],
  'subscriptions.setFilters': [
    ['accepts', 'one change', { changes: [{ subscriptionId: GUID, selected: false }] }],
    [
      'accepts',
      'every flag',
      { changes: [{ subscriptionId: GUID, selected: true, hidden: true, favourite: false }] },
    ],
    [
      'accepts',
      '10,000 changes',
      { changes: Array.from({ length: 10_000 }, () => ({ subscriptionId: GUID, hidden: true })) },
    ],
    ['refuses', 'no change', { changes: [] }],
    [
      'refuses',
      '10,001 changes',
      { changes: Array.from({ length: 10_001 }, () => ({ subscriptionId: GUID, hidden: true })) },
    ],
    [
      'refuses',
      'a subscription that is not a GUID',
      { changes: [{ subscriptionId: 'Contoso ML', selected: true }] },
    ],
    ['refuses', 'a flag given as text', { changes: [{ subscriptionId: GUID, selected: 'true' }] }],
    [
      'refuses',
      'an unknown flag inside a change',
      { changes: [{ subscriptionId: GUID, pinned: true }] },
    ],
    [
      'refuses',
      'an unknown key beside the changes',
      { changes: [{ subscriptionId: GUID }], all: true },
    ],
    ['refuses', 'a change that is not an object', { changes: [GUID] }],
  ],
  'connection.update': [
    ['accepts', 'nothing to change', {}],
    ['accepts', 'a cloud', { cloud: 'AzureUSGovernment' }],
    [
      'accepts',
      'a custom cloud with its URL',
      { cloud: 'Custom', customResourceManagerUrl: 'https://arm.example.test' },
    ],
    ['refuses', 'a cloud in the wrong case', { cloud: 'azurecloud' }],
    ['refuses', 'a retired cloud', { cloud: 'AzureGermanCloud' }],
    ['accepts', 'a 2,048-character URL', { customResourceManagerUrl: chars(2048) }],
    ['refuses', 'a 2,049-character URL', { customResourceManagerUrl: chars(2049) }],
    ['accepts', 'no custom URL', { customResourceManagerUrl: null }],
    ['accepts', 'a 64-character client id', { clientId: chars(64) }],
    ['refuses', 'a 65-character client id', { clientId: chars(65) }],
    ['accepts', 'a manual proxy', { proxy: { mode: 'manual', url: 'http://proxy.test:3128' } }],
    ['accepts', 'the system proxy', { proxy: { mode: 'system' } }],
    ['refuses', 'a manual proxy without a URL', { proxy: { mode: 'manual', url: '' } }],
    ['refuses', 'a 2,049-character proxy URL', { proxy: { mode: 'manual', url: chars(2049) } }],
    ['refuses', 'a URL on the system proxy', { proxy: { mode: 'system', url: 'http://p.test' } }],
    ['refuses', 'an unknown proxy mode', { proxy: { mode: 'pac' } }],
    [
      'refuses',
      'a proxy password inside the proxy',
      { proxy: { mode: 'manual', url: 'http://p.test', password: 'x' } },
    ],
    ['accepts', 'a 4,096-character CA file path', { extraCaFile: chars(4096) }],
    ['refuses', 'a 4,097-character CA file path', { extraCaFile: chars(4097) }],
    ['refuses', 'the weak-protection switch as text', { allowWeakTokenProtection: 'yes' }],
    ['refuses', 'an unknown setting', { telemetry: false }],
  ],
  'attach.preflight': attachCases,
  'attach.preview': attachCases,
  'attach.start': attachCases,
  'attach.startBulk': [
    ['accepts', 'one request', { requests: [attach] }],
    ['accepts', '50 requests', { requests: Array.from({ length: 50 }, () => attach) }],
    ['refuses', 'no request', { requests: [] }],
    ['refuses', '51 requests', { requests: Array.from({ length: 51 }, () => attach) }],
    [
      'refuses',
      'one bad request among good ones',
      { requests: [attach, attachWith({ computeName: 'x' })] },
    ],
    ['refuses', 'an unknown key inside a request', { requests: [attachWith({ force: true })] }],
    ['refuses', 'an unknown key beside the requests', { requests: [attach], parallel: 4 }],
  ],
  'computes.get': computeTarget,
  'computes.previewDetach': computeTarget,
  'computes.detach': computeTarget,
  'computes.previewIdentityChange': identityChange,
  'computes.updateIdentity': identityChange,
  'operations.get': [
    ['accepts', 'a one-character id', { operationId: 'a' }],
    ['accepts', 'a 100-character id', { operationId: chars(100) }],
    ['refuses', 'an empty id', { operationId: '' }],
    ['refuses', 'a 101-character id', { operationId: chars(101) }],
    ['refuses', 'an unknown key', { operationId: 'a', includePolls: true }],
  ],
};

const cases: Record<string, Case[]> = { ...baseCases, ...moreCases, ...rowsCases, ...clusterCases };

describe('hand-written boundary cases for every contract input', () => {
  it('has cases for every operation of the contract', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(inputs).sort());
  });

  it('keeps each operation in one table only, so no cases are hidden by another', () => {
    expect(Object.keys(moreCases).filter((name) => Object.hasOwn(baseCases, name))).toEqual([]);
  });

  const table = Object.entries(cases).flatMap(([name, list]) =>
    list.map(([verdict, what, input]) => [name, verdict, what, input] as const),
  );
  it.each(table)('%s %s %s', (name, verdict, _what, input) => {
    const schema = inputs[name];
    if (!schema) throw new Error(`${name} is not in the contract`);
    const result = schema.safeParse(input);
    expect(result.success, result.error?.message).toBe(verdict === 'accepts');
  });

  it('fills in the attach defaults the form may leave out', () => {
    const parsed = operationsOperations['attach.start'].input.parse(attach);
    expect(parsed).toMatchObject({ namespace: 'default', description: '' });
  });
});
