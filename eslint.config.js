// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'events',
  'worker_threads',
];
const patternsFor = (groups, message) => groups.map((group) => ({ group: [group], message }));

/**
 * Electron-free service code. The composition root (electron/app/) wires the services together,
 * so it sits above them: only it and the shell may import from it. Errors and other ground-floor
 * types live in electron/core/, which every layer may import.
 */
function servicesRule({ mayImportCompositionRoot }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          {
            name: 'electron',
            message:
              'Service code is Electron-free: receive Electron capabilities through an injected interface.',
          },
        ],
        patterns: [
          ...patternsFor(
            ['electron/*'],
            'Service code is Electron-free: receive Electron capabilities through an injected interface.',
          ),
          ...patternsFor(
            ['**/renderer/**', '**/test/**'],
            'The main process may not import renderer or test code.',
          ),
          ...(mayImportCompositionRoot
            ? []
            : patternsFor(
                ['**/app/*', '**/electron/app/**'],
                'Only the shell imports the composition root (electron/app/); shared building blocks belong in electron/core/.',
              )),
        ],
      },
    ],
  };
}

/**
 * The folder boundaries of DESIGN.md, as lint errors:
 * - shared/ imports no Node, DOM-only, Electron or React code;
 * - renderer/ imports no Node or Electron, and nothing from electron/;
 * - Electron-free service code under electron/ imports no 'electron' (only the thin shell may).
 */
export const boundaryRules = {
  shared: {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          { name: 'electron', message: 'shared/ is pure TypeScript: no Electron.' },
          { name: 'react', message: 'shared/ is pure TypeScript: no React.' },
        ],
        patterns: [
          ...patternsFor(nodeBuiltins, 'shared/ is pure TypeScript: no Node built-ins.'),
          ...patternsFor(
            ['react-*', 'react/*', '@fluentui/*', 'better-sqlite3', '@azure/*'],
            'shared/ imports no UI, database or Azure libraries.',
          ),
          ...patternsFor(
            ['**/electron/**', '**/renderer/**', '**/test/**'],
            'shared/ may not import from electron/, renderer/ or test/.',
          ),
        ],
      },
    ],
  },
  renderer: {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          {
            name: 'electron',
            message: 'The renderer never touches Electron: use the contract client.',
          },
        ],
        patterns: [
          ...patternsFor(nodeBuiltins, 'The renderer runs in a sandbox: no Node built-ins.'),
          ...patternsFor(
            ['better-sqlite3', '@azure/*'],
            'Only the main process talks to the database and Azure.',
          ),
          ...patternsFor(
            ['**/electron/**', '**/test/**'],
            'The renderer may not import main-process or test code.',
          ),
        ],
      },
    ],
  },
  services: servicesRule({ mayImportCompositionRoot: false }),
  compositionRoot: servicesRule({ mayImportCompositionRoot: true }),
  shell: {
    'no-restricted-imports': [
      'error',
      {
        patterns: patternsFor(
          ['**/renderer/**', '**/test/**'],
          'The main process may not import renderer or test code.',
        ),
      },
    ],
  },
};

/** Files of the thin Electron shell: the only ones allowed to import 'electron'. */
export const shellFiles = ['electron/main.ts', 'electron/preload.ts', 'electron/shell/**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'coverage/**',
      '.cache/**',
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  { files: ['shared/**/*.ts'], rules: boundaryRules.shared },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: globals.browser },
    rules: boundaryRules.renderer,
  },
  {
    files: ['electron/**/*.ts'],
    ignores: shellFiles,
    languageOptions: { globals: globals.node },
    rules: boundaryRules.services,
  },
  {
    files: ['electron/app/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: boundaryRules.compositionRoot,
  },
  { files: shellFiles, languageOptions: { globals: globals.node }, rules: boundaryRules.shell },
  {
    files: [
      'test/**/*.ts',
      'test/**/*.tsx',
      'scripts/**/*.mjs',
      '*.config.ts',
      '*.config.js',
      '*.config.mjs',
      '.ci/**/*.mjs',
    ],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
