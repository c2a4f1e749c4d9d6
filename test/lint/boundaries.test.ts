import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: repoRoot });

/** Lints a one-line file as if it lived at `filePath` and returns the boundary violations. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, {
    filePath: path.join(repoRoot, filePath),
  });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('folder boundaries (DESIGN.md) are lint errors', () => {
  it.each([
    ['shared/ imports Node', 'shared/domain/x.ts', "import x from 'node:fs';"],
    ['shared/ imports Electron', 'shared/domain/x.ts', "import x from 'electron';"],
    ['shared/ imports React', 'shared/domain/x.ts', "import x from 'react';"],
    [
      'shared/ imports main-process code',
      'shared/domain/x.ts',
      "import x from '../../electron/app/errors';",
    ],
    ['the renderer imports Node', 'renderer/src/x.tsx', "import x from 'fs';"],
    ['the renderer imports Electron', 'renderer/src/x.tsx', "import x from 'electron';"],
    ['the renderer imports the database', 'renderer/src/x.tsx', "import x from 'better-sqlite3';"],
    [
      'the renderer imports an Azure SDK',
      'renderer/src/x.tsx',
      "import x from '@azure/msal-node';",
    ],
    [
      'the renderer imports main-process code',
      'renderer/src/x.tsx',
      "import x from '../../electron/store/database';",
    ],
    ['service code imports Electron', 'electron/store/x.ts', "import x from 'electron';"],
    [
      'service code imports an Electron subpath',
      'electron/app/x.ts',
      "import x from 'electron/main';",
    ],
    [
      'a service imports the composition root',
      'electron/auth/x.ts',
      "import x from '../app/composition';",
    ],
    [
      'a service imports from the composition root by a longer path',
      'electron/inventory/x.ts',
      "import x from '../../electron/app/dev-azure';",
    ],
    [
      'service code imports renderer code',
      'electron/app/x.ts',
      "import x from '../../renderer/src/main';",
    ],
  ])('refuses: %s', async (_label, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['the shell imports Electron', 'electron/main.ts', "import x from 'electron';"],
    ['the shell folder imports Electron', 'electron/shell/window.ts', "import x from 'electron';"],
    ['the preload imports Electron', 'electron/preload.ts', "import x from 'electron';"],
    [
      'the renderer imports shared/',
      'renderer/src/x.tsx',
      "import x from '../../shared/ipc/contract';",
    ],
    ['service code imports Node', 'electron/store/x.ts', "import x from 'node:fs';"],
    ['a service imports the ground floor', 'electron/auth/x.ts', "import x from '../core/errors';"],
    [
      'the composition root imports its own folder',
      'electron/app/x.ts',
      "import x from './composition';",
    ],
    [
      'the shell imports the composition root',
      'electron/shell/app-main.ts',
      "import x from '../app/composition';",
    ],
    ['shared/ imports zod', 'shared/domain/x.ts', "import x from 'zod';"],
  ])('allows: %s', async (_label, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
