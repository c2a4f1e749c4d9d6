import { describe, expect, it } from 'vitest';
import { computeNameProblem, descriptionProblem, namespaceProblem } from '../../shared/azure/names';

describe('compute names follow Azure ML rules', () => {
  it.each(['ab', 'k8s-compute', 'A1', 'abcdefghijklmnop'])('accepts %s', (name) => {
    expect(computeNameProblem(name)).toBeNull();
  });
  it.each([
    ['a', /2 to 16/],
    ['abcdefghijklmnopq', /2 to 16/],
    ['1abc', /starts with a letter/],
    ['-abc', /starts with a letter/],
    ['ab_c', /letters, digits and hyphens/],
    ['ab.c', /letters, digits and hyphens/],
    ['abc-', /ends with a letter or a digit/],
  ])('refuses %s', (name, message) => {
    expect(computeNameProblem(name)).toMatch(message);
  });
});

describe('namespaces are DNS-1123 labels', () => {
  it.each(['default', 'team-a', 'a', '0', 'x'.repeat(63)])('accepts %s', (value) => {
    expect(namespaceProblem(value)).toBeNull();
  });
  it.each([
    ['', /Enter a namespace/],
    ['x'.repeat(64), /at most 63/],
    ['Team', /lowercase/],
    ['team_a', /lowercase/],
    ['-team', /starts and ends/],
    ['team-', /starts and ends/],
  ])('refuses %j', (value, message) => {
    expect(namespaceProblem(value)).toMatch(message);
  });
});

describe('descriptions', () => {
  it('accepts ordinary text and refuses control characters and overlong text', () => {
    expect(descriptionProblem('GPU pool for team A\nsecond line')).toBeNull();
    expect(descriptionProblem('bell\u0007')).toMatch(/control characters/);
    expect(descriptionProblem('x'.repeat(1025))).toMatch(/at most 1,024/);
  });
});
