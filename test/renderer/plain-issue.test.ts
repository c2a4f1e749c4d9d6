import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { plainIssue } from '../../shared/validation/plain-issue';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected the value to be refused');
  return parsed.error.issues.map(plainIssue);
};

describe('validation problems in plain words', () => {
  it('names lengths and counts with their unit and thousands separators', () => {
    expect(issuesOf(z.string().max(2048), 'x'.repeat(3000))).toEqual([
      'must be at most 2,048 characters',
    ]);
    expect(issuesOf(z.string().min(1), '')).toEqual(['must not be empty']);
    expect(issuesOf(z.array(z.string()).max(3), ['a', 'b', 'c', 'd'])).toEqual([
      'must be at most 3 items',
    ]);
  });

  it('says what kind of value was expected, and which fields are unknown', () => {
    expect(issuesOf(z.object({ a: z.string() }).strict(), { a: 1, extra: true })).toEqual([
      'must be text',
      'has a field Mooring does not know (extra)',
    ]);
    expect(issuesOf(z.enum(['light', 'dark']), 'purple')).toEqual(['must be one of light, dark']);
  });

  it("keeps a schema's own sentence and never shows the validator's wording", () => {
    expect(issuesOf(z.string().regex(/^x$/, 'must be a GUID'), 'y')).toEqual(['must be a GUID']);
    for (const text of issuesOf(z.string().url(), 'nope')) expect(text).not.toMatch(/Invalid/);
  });
});
