/**
 * The parser's exact answers, written by hand: which reason a user reads for each kind of bad id,
 * the edges of every bound, and the small helpers built on the parser. (Found by mutation
 * testing: checking only `ok: false` let a later check hide a missing earlier one.)
 */
import { describe, expect, it } from 'vitest';
import {
  InvalidArmIdError,
  armChildId,
  armResourceName,
  isArmType,
  parseArmId,
  requireArmId,
  sameArmId,
} from '../../shared/azure/arm-id';

const SUB = '00000000-0000-0000-0000-0000000000aa';
const RG = `/subscriptions/${SUB}/resourceGroups/rg`;
const DISKS = `${RG}/providers/Microsoft.Compute/disks`;
const WORKSPACE = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-one`;

const reasonFor = (input: unknown) => {
  const result = parseArmId(input);
  return result.ok ? `accepted as ${result.value.id}` : result.reason;
};

const CHARACTERS =
  'A resource id may not contain spaces, "?", "#", "%" or "\\": paste the id exactly as Azure shows it.';
const STARTS = 'A resource id starts with "/subscriptions/".';
const GUID = 'The subscription in a resource id is a GUID (00000000-0000-0000-0000-000000000000).';
const GROUP =
  'The resource group name has 1 to 90 letters, digits, "_", "-", "." or parentheses, and does not end in ".".';
const NAMESPACE =
  'After "providers" a resource id names a provider such as "Microsoft.ContainerService".';

describe('parseArmId says in plain words what is wrong', () => {
  it.each([
    ['an empty id', '', 'The resource id is empty.'],
    ['a number', 42, 'The resource id is empty.'],
    ['a bare slash', '/', STARTS],
    ['no leading slash', `subscriptions/${SUB}`, STARTS],
    ['a prefix before "subscriptions"', `xsubscriptions/${SUB}`, STARTS],
    ['another root', '/tenants/x', STARTS],
    [
      'an empty segment',
      `/subscriptions/${SUB}//resourceGroups/rg`,
      'A resource id has no empty segments ("//").',
    ],
    ['a ".." segment', `${DISKS}/../x`, 'A resource id has no "." or ".." segments.'],
    ['a space', `${RG} x`, CHARACTERS],
    ['a unit separator (U+001F)', `${RG}\u001f`, CHARACTERS],
    ['a DEL (U+007F)', `${RG}\u007f`, CHARACTERS],
    ['the last C1 control (U+009F)', `${DISKS}/d\u009f`, CHARACTERS],
    ['a zero-width space', `${DISKS}/d\u200b`, CHARACTERS],
    ['junk before the GUID', `/subscriptions/x${SUB}`, GUID],
    ['junk after the GUID', `/subscriptions/${SUB}x`, GUID],
    ['no GUID at all', '/subscriptions', GUID],
    ['no resource group name', `/subscriptions/${SUB}/resourceGroups`, GROUP],
    [
      'a 91-character resource group',
      `/subscriptions/${SUB}/resourceGroups/${'r'.repeat(91)}`,
      GROUP,
    ],
    ['a resource group starting with "!"', `/subscriptions/${SUB}/resourceGroups/!rg`, GROUP],
    ['a resource group ending with "!"', `/subscriptions/${SUB}/resourceGroups/rg!`, GROUP],
    ['a resource group ending in a dot', `/subscriptions/${SUB}/resourceGroups/rg.`, GROUP],
    [
      'a stray segment',
      `${RG}/things/x`,
      'Expected "providers" in the resource id, found "things".',
    ],
    ['no namespace', `${RG}/providers`, NAMESPACE],
    ['a namespace starting with a digit', `${RG}/providers/1Microsoft.Compute/disks/d`, NAMESPACE],
    ['a namespace ending with "-"', `${RG}/providers/Microsoft.Compute-/disks/d`, NAMESPACE],
    ['a namespace without a dot', `${RG}/providers/Compute/disks/d`, NAMESPACE],
    [
      'a type starting with a digit',
      `${RG}/providers/Microsoft.Compute/1disks/d`,
      '"1disks" is not a resource type segment.',
    ],
    [
      'a type ending with "-"',
      `${RG}/providers/Microsoft.Compute/disks-/d`,
      '"disks-" is not a resource type segment.',
    ],
    [
      'a 64-character type',
      `${RG}/providers/Microsoft.Compute/${'t'.repeat(64)}/d`,
      `"${'t'.repeat(64)}" is not a resource type segment.`,
    ],
    ['a type without a name', DISKS, 'The resource id names no disks after "disks/".'],
    [
      'a name with a colon',
      `${DISKS}/a:b`,
      'The disks name in the resource id has characters a resource name cannot have.',
    ],
    [
      'a provider without a type',
      `/subscriptions/${SUB}/providers/Microsoft.Compute`,
      'The resource id names no resource of provider Microsoft.Compute.',
    ],
  ])('refuses %s', (_label, input, reason) => {
    expect(reasonFor(input)).toBe(reason);
  });

  it('refuses 1,025 characters and accepts 1,024', () => {
    // Levels of long names, then one name sized to reach the length exactly.
    const base = `${RG}/providers/Microsoft.X/things/${'n'.repeat(250)}/things/${'n'.repeat(250)}/things/${'n'.repeat(250)}/things/`;
    const exactly = `${base}${'n'.repeat(1024 - base.length)}`;
    expect(exactly).toHaveLength(1024);
    expect(reasonFor(exactly)).toBe(`accepted as ${exactly}`);
    expect(reasonFor(`${exactly}n`)).toBe('A resource id has at most 1,024 characters.');
  });

  it('accepts the edges of every bound', () => {
    const group = `/subscriptions/${SUB}/resourceGroups/${'r'.repeat(90)}`;
    expect(reasonFor(group)).toBe(`accepted as ${group}`);
    const type = `${RG}/providers/Microsoft.Compute/${'t'.repeat(63)}/d`;
    expect(reasonFor(type)).toBe(`accepted as ${type}`);
    const namespace = `${RG}/providers/Contoso.Widgets.Legacy/gadgets/g`;
    expect(reasonFor(namespace)).toBe(`accepted as ${namespace}`);
    expect(reasonFor(`${WORKSPACE}/`)).toBe(`accepted as ${WORKSPACE}`);
  });

  it('accepts letters beyond ASCII in names (only control characters are refused)', () => {
    const parsed = parseArmId(`${DISKS}/disque-é-日本`);
    expect(parsed.ok && parsed.value.levels[0]?.names).toEqual(['disque-é-日本']);
  });

  it('builds the id of a subscription-level resource without a resource group', () => {
    const deployment = `/subscriptions/${SUB}/providers/Microsoft.Resources/deployments/d1`;
    expect(reasonFor(deployment)).toBe(`accepted as ${deployment}`);
  });
});

describe('the helpers on parsed ids', () => {
  it('names the error and says which id was wrong', () => {
    const thrown = (() => {
      try {
        requireArmId('');
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(thrown).toBeInstanceOf(InvalidArmIdError);
    expect((thrown as Error).name).toBe('InvalidArmIdError');
    expect((thrown as Error).message).toBe(
      'The resource id is not a valid Azure resource id. The resource id is empty.',
    );
  });

  it('refuses to nest a child under a subscription or resource group', () => {
    expect(() => armChildId(requireArmId(RG), 'computes', 'c')).toThrow(
      'The parent resource id is not a valid Azure resource id. It names no resource to nest under.',
    );
  });

  it('names the resource an id points at, at every depth', () => {
    expect(armResourceName(requireArmId(`/subscriptions/${SUB}`))).toBe(SUB);
    expect(armResourceName(requireArmId(RG))).toBe('rg');
    expect(armResourceName(requireArmId(WORKSPACE))).toBe('ws-one');
    expect(armResourceName(requireArmId(`${WORKSPACE}/computes/c1`))).toBe('c1');
    expect(armResourceName(requireArmId(`${WORKSPACE}/computes/c1/things/t1`))).toBe('t1');
  });

  it('compares types case-insensitively and never matches a scope', () => {
    const workspace = requireArmId(WORKSPACE);
    expect(isArmType(workspace, 'microsoft.machinelearningservices/WORKSPACES')).toBe(true);
    expect(isArmType(workspace, 'Microsoft.ContainerService/managedClusters')).toBe(false);
    expect(isArmType(requireArmId(RG), 'Microsoft.Resources/resourceGroups')).toBe(false);
  });

  it('compares ids case-insensitively', () => {
    expect(sameArmId(WORKSPACE, WORKSPACE.toUpperCase())).toBe(true);
    expect(sameArmId(WORKSPACE, `${WORKSPACE}2`)).toBe(false);
  });
});
