import type { z } from 'zod';

const number = (value: number | bigint): string => Number(value).toLocaleString('en-US');

const plural = (count: number | bigint, one: string, many: string) =>
  `${number(count)} ${Number(count) === 1 ? one : many}`;

const unitOf = (origin: string | undefined): [string, string] =>
  origin === 'array' || origin === 'set'
    ? ['item', 'items']
    : origin === 'string'
      ? ['character', 'characters']
      : ['', ''];

const KIND_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a set of fields',
  null: 'empty',
};

/** zod's own wording starts like this; a message a schema set itself (".regex(…, 'must be a GUID')") is kept. */
const VALIDATOR_WORDING = /^(Invalid|Too (big|small)|Unrecognized|Expected)/;

/**
 * One validation problem in plain words ("must be at most 2,048 characters"), never the
 * validator's own text ("Too big: expected string to have <=2048 characters"). The words follow
 * the field's name: "Proxy address must be …".
 */
export function plainIssue(issue: z.core.$ZodIssue): string {
  if (!VALIDATOR_WORDING.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'too_big': {
      const [one, many] = unitOf(issue.origin);
      return one
        ? `must be at most ${plural(issue.maximum, one, many)}`
        : `must be at most ${number(issue.maximum)}`;
    }
    case 'too_small': {
      const [one, many] = unitOf(issue.origin);
      if (one && Number(issue.minimum) === 1) return 'must not be empty';
      return one
        ? `must be at least ${plural(issue.minimum, one, many)}`
        : `must be at least ${number(issue.minimum)}`;
    }
    case 'invalid_type':
      return `must be ${KIND_NAMES[issue.expected] ?? 'something else'}`;
    case 'invalid_format':
      return issue.format === 'url' ? 'must be a full web address' : 'is not in the expected form';
    case 'invalid_value':
      return issue.values.length <= 5
        ? `must be one of ${issue.values.map((value) => String(value)).join(', ')}`
        : 'is not one of the accepted values';
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'a field' : 'fields'} Mooring does not know (${issue.keys.join(', ')})`;
    default:
      return 'is not valid';
  }
}

/** Where the problem is, for a sentence: "proxy.url", or "the request" at the top level. */
export const issuePath = (issue: z.core.$ZodIssue): string =>
  issue.path.length === 0 ? 'the request' : issue.path.map(String).join('.');
