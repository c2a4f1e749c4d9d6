import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { PolicyFileSchema } from '../../electron/connection/policy';
import { contract, operationNames } from '../../shared/ipc/contract';

/** The parts of zod's schema definition this walk reads (zod 4 keeps them on `_zod.def`). */
interface SchemaDefinition {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly catchall?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly left?: z.ZodType;
  readonly right?: z.ZodType;
  readonly items?: readonly z.ZodType[];
  readonly valueType?: z.ZodType;
}

const definitionOf = (schema: z.ZodType) =>
  (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def;

/** The paths of every object in the schema that would accept (and drop) an unknown key. */
function lenientObjects(schema: z.ZodType, at: string): string[] {
  const def = definitionOf(schema);
  const children: [string, z.ZodType | undefined][] = [];
  const found: string[] = [];
  if (def.type === 'object') {
    if (definitionOf(def.catchall ?? schema).type !== 'never' || def.catchall === undefined) {
      found.push(at || '(top level)');
    }
    for (const [key, value] of Object.entries(def.shape ?? {}))
      children.push([`${at}.${key}`, value]);
  }
  children.push(
    [at, def.innerType],
    [`${at}[]`, def.element],
    [at, def.in],
    [at, def.out],
    [at, def.left],
    [at, def.right],
    [`${at}{}`, def.valueType],
    ...(def.options ?? []).map((option, index): [string, z.ZodType] => [`${at}|${index}`, option]),
    ...(def.items ?? []).map((item, index): [string, z.ZodType] => [`${at}[${index}]`, item]),
  );
  for (const [path, child] of children) if (child) found.push(...lenientObjects(child, path));
  return found;
}

describe('what Mooring accepts is strict at every depth (an unknown key is an error)', () => {
  it.each(operationNames)('the input of %s', (name) => {
    expect(lenientObjects(contract.operations[name].input, '')).toEqual([]);
  });

  it('the policy file', () => {
    expect(lenientObjects(PolicyFileSchema, '')).toEqual([]);
  });

  it('refuses an unknown key inside the proxy setting of an update', () => {
    const parsed = contract.operations['connection.update'].input.safeParse({
      proxy: { mode: 'none', url: 'http://proxy.contoso.com:3128' },
    });
    expect(parsed.success).toBe(false);
  });
});
