import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Issue {
  id: string;
  file: string;
  sample?: string;
  description?: string;
  location?: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
}
interface Evaluation {
  failures: Issue[];
  accepted: Issue[];
  informational: Issue[];
  unscanned: { file: string; message: string }[];
  passed: boolean;
}
interface ScannerModule {
  evaluateFindings(report: { issues?: Issue[]; errors?: object[] }): Evaluation;
  formatReport(evaluation: Evaluation): string;
}
const root = path.resolve(import.meta.dirname, '../..');
// A computed specifier: the script is plain JavaScript without type declarations.
const load = async () =>
  (await import(
    pathToFileURL(path.join(root, 'scripts/electronegativity.mjs')).href
  )) as ScannerModule;

const issue = (
  overrides: Partial<Omit<Issue, 'severity' | 'confidence'>> & {
    severity: string;
    confidence?: string;
  },
): Issue => ({
  id: 'SOME_JS_CHECK',
  file: 'main/main.js',
  sample: 'something();',
  description: 'Something to look at',
  location: { line: 3, column: 4 },
  ...overrides,
  severity: { name: overrides.severity },
  confidence: { name: overrides.confidence ?? 'FIRM' },
});

describe('the Electronegativity gate', () => {
  it('fails on a MEDIUM finding, even a tentative one', async () => {
    const { evaluateFindings, formatReport } = await load();
    const evaluation = evaluateFindings({
      issues: [issue({ id: 'SANDBOX_JS_CHECK', severity: 'MEDIUM', confidence: 'TENTATIVE' })],
    });
    expect(evaluation.passed).toBe(false);
    expect(evaluation.failures.map((f) => f.id)).toEqual(['SANDBOX_JS_CHECK']);
    expect(formatReport(evaluation)).toContain(
      'SANDBOX_JS_CHECK [MEDIUM/TENTATIVE] main/main.js:3:4',
    );
  });

  it('fails on a HIGH finding', async () => {
    const { evaluateFindings } = await load();
    expect(evaluateFindings({ issues: [issue({ severity: 'HIGH' })] }).passed).toBe(false);
  });

  it('passes LOW and INFORMATIONAL findings, listing them', async () => {
    const { evaluateFindings, formatReport } = await load();
    const evaluation = evaluateFindings({
      issues: [
        issue({ id: 'CSP_GLOBAL_CHECK', severity: 'LOW' }),
        issue({ severity: 'INFORMATIONAL' }),
      ],
    });
    expect(evaluation.passed).toBe(true);
    expect(evaluation.informational).toHaveLength(2);
    expect(formatReport(evaluation)).toContain('CSP_GLOBAL_CHECK');
  });

  it('fails when a file could not be scanned', async () => {
    const { evaluateFindings } = await load();
    const evaluation = evaluateFindings({
      issues: [],
      errors: [{ file: 'renderer/assets/x.js', message: 'Unknown node type', tolerable: false }],
    });
    expect(evaluation.passed).toBe(false);
    expect(
      evaluateFindings({ errors: [{ file: 'a.js', message: 'm', tolerable: true }] }).passed,
    ).toBe(true);
  });

  it('accepts a reviewed finding only at its exact file and line', async () => {
    const { evaluateFindings } = await load();
    const reviewed = issue({
      id: 'OPEN_EXTERNAL_JS_CHECK',
      severity: 'MEDIUM',
      confidence: 'TENTATIVE',
      sample: '  await shell.openExternal(url);',
    });
    expect(evaluateFindings({ issues: [reviewed] })).toMatchObject({
      passed: true,
      accepted: [reviewed],
    });
    const elsewhere = { ...reviewed, file: 'preload/preload.cjs' };
    expect(evaluateFindings({ issues: [elsewhere] }).passed).toBe(false);
    const otherLine = { ...reviewed, sample: 'shell.openExternal(untrusted);' };
    expect(evaluateFindings({ issues: [otherLine] }).passed).toBe(false);
  });
});
