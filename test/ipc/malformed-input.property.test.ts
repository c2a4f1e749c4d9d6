import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeServices } from '../../electron/app/composition';
import type { Composition } from '../../electron/app/composition';
import { contract, operationNames } from '../../shared/ipc/contract';
import { testCompositionOptions } from '../support/compose';

/**
 * Thousands of malformed calls to every operation: each must come back as a typed
 * `invalid-input` (or `unknown-operation`) answer, never a crash, and never touch the database.
 */
let dir: string;
let services: Composition;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-fuzz-'));
  services = composeServices(testCompositionOptions(dir));
  await services.dispatch('settings.setTheme', { theme: 'dark' }, { transport: 'test' });
});
afterAll(async () => {
  await services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function snapshotDatabase() {
  const db = services.database;
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    )
    .all();
  return {
    changes: db.prepare('SELECT total_changes() AS n').get(),
    rows: Object.fromEntries(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]),
    ),
  };
}

const hostileKey = fc.oneof(
  fc.string(),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'theme', 'toString'),
);
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.anything(),
    fc.string(),
    fc.double(),
    fc.bigInt(),
    fc.constantFrom(null, undefined, true, Number.NaN, Infinity, '', 'dark ', 'DARK'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('malformed IPC input', () => {
  for (const name of operationNames) {
    const schema = contract.operations[name].input;
    it(`${name}: every malformed input gets a typed validation error and changes nothing`, async () => {
      const before = snapshotDatabase();
      await fc.assert(
        fc.asyncProperty(hostileValue, async (input) => {
          fc.pre(!schema.safeParse(input).success);
          const result = await services.dispatch(name, input, { transport: 'test' });
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.error.code).toBe('invalid-input');
            expect(typeof result.error.message).toBe('string');
          }
        }),
        { numRuns: 2000 },
      );
      expect(snapshotDatabase()).toEqual(before);
    });
  }

  it('names outside the contract get unknown-operation, whatever their input', async () => {
    const before = snapshotDatabase();
    await fc.assert(
      fc.asyncProperty(fc.anything(), hostileValue, async (name, input) => {
        fc.pre(!(typeof name === 'string' && Object.hasOwn(contract.operations, name)));
        const result = await services.dispatch(name, input, { transport: 'test' });
        expect(result).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
      }),
      { numRuns: 2000 },
    );
    expect(snapshotDatabase()).toEqual(before);
  });
});
