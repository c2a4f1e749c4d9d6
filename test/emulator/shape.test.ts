import { describe, expect, it } from 'vitest';
import { shapeDifferences } from './shape';

/** The comparator the fidelity replay rests on: each rule breaks one way when it is wrong. */
describe('shapeDifferences', () => {
  it('compares the values of keys the example fixes (types, enums, states)', () => {
    expect(shapeDifferences({ type: 'Microsoft.X/a' }, { type: 'Microsoft.X/b' })).toEqual([
      'type: expected "Microsoft.X/a", got "Microsoft.X/b"',
    ]);
    expect(
      shapeDifferences(
        { properties: { provisioningState: 'Succeeded', computeType: 'Kubernetes' } },
        { properties: { provisioningState: 'Failed', computeType: 'Kubernetes' } },
      ),
    ).toEqual(['properties.provisioningState: expected "Succeeded", got "Failed"']);
    // Data (names, descriptions) is compared by type only.
    expect(
      shapeDifferences({ name: 'a', description: 'x' }, { name: 'b', description: 'y' }),
    ).toEqual([]);
  });

  it('takes the scenario’s values where a rule maps them, and only those', () => {
    const rules = { values: { 'value[].properties.principalType': ['User', 'ServicePrincipal'] } };
    const body = (principalType: string) => ({ value: [{ properties: { principalType } }] });
    expect(shapeDifferences(body('User'), body('ServicePrincipal'), rules)).toEqual([]);
    expect(shapeDifferences(body('User'), body('Group'), rules)).toEqual([
      'value[0].properties.principalType: expected one of ["User","ServicePrincipal"], got "Group"',
    ]);
  });

  it('checks every array element, not the first', () => {
    const example = { value: [{ type: 'T', count: 1 }] };
    const actual = {
      value: [
        { type: 'T', count: 1 },
        { type: 'T', count: 'two' },
        { type: 'U', count: 3 },
      ],
    };
    expect(shapeDifferences(example, actual)).toEqual([
      'value[1].count: expected number, got string',
      'value[2].type: expected "T", got "U"',
    ]);
  });

  it('matches null only with null unless a rule says the key is nullable', () => {
    expect(shapeDifferences({ a: null }, { a: null })).toEqual([]);
    expect(shapeDifferences({ a: 'x' }, { a: null })).toEqual(['a: expected string, got null']);
    expect(shapeDifferences({ a: null }, { a: 'x' })).toEqual(['a: expected null, got string']);
    expect(shapeDifferences({ a: 'x' }, { a: null }, { nullable: ['a'] })).toEqual([]);
  });

  it('reports missing and extra keys unless a rule allows them', () => {
    expect(shapeDifferences({ a: 1, b: 2 }, { a: 1, c: 3 })).toEqual([
      'b: missing',
      'c: not in the example',
    ]);
    expect(
      shapeDifferences({ a: 1, b: 2 }, { a: 1, c: 3 }, { optionalKeys: ['b'], extraKeys: ['c'] }),
    ).toEqual([]);
  });

  it('compares every value of a map against the example’s values', () => {
    const rules = { maps: ['tags'] };
    expect(
      shapeDifferences({ tags: { env: 'x' } }, { tags: { team: 'y', cost: 4 } }, rules),
    ).toEqual(['tags{cost}: expected string, got number']);
  });
});
