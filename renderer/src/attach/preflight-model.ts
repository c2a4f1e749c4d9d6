import type {
  PreflightCheck,
  PreflightFinding,
  PreflightOutcome,
  PreflightReport,
} from '../../../shared/domain/operations';

export const OUTCOME_LABELS: Record<PreflightOutcome, string> = {
  passed: 'Passed',
  failed: 'Failed',
  warning: 'Warning',
  'not-checked': 'Not checked',
};

export type OutcomeTone = 'success' | 'danger' | 'warning' | 'informative';

export const OUTCOME_TONES: Record<PreflightOutcome, OutcomeTone> = {
  passed: 'success',
  failed: 'danger',
  warning: 'warning',
  'not-checked': 'informative',
};

export const CHECK_LABELS: Record<PreflightCheck, string> = {
  workspace: 'Workspace',
  cluster: 'Cluster',
  extension: 'Azure ML extension',
  connectivity: 'Cluster connectivity',
  subscription: 'Subscription',
  region: 'Region',
  name: 'Compute name',
  'compute-write': 'Permission to write computes',
  'identity-assign': 'Permission to assign the identity',
  namespace: 'Kubernetes namespace',
};

const SEVERITY: Record<PreflightOutcome, number> = {
  failed: 0,
  warning: 1,
  'not-checked': 2,
  passed: 3,
};

/** Failures first, then warnings, then what could not be checked, then what passed; stable otherwise. */
export function orderFindings(findings: readonly PreflightFinding[]): PreflightFinding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => SEVERITY[a.finding.outcome] - SEVERITY[b.finding.outcome] || a.index - b.index)
    .map((entry) => entry.finding);
}

export type PreflightCounts = Record<PreflightOutcome, number>;

export function countOutcomes(reports: readonly PreflightReport[]): PreflightCounts {
  const counts: PreflightCounts = { passed: 0, failed: 0, warning: 0, 'not-checked': 0 };
  for (const report of reports) for (const finding of report.findings) counts[finding.outcome] += 1;
  return counts;
}

/** "2 failed, 1 not checked, 6 passed": the preflight in one line. */
export function preflightSummary(reports: readonly PreflightReport[]): string {
  const counts = countOutcomes(reports);
  const parts = (['failed', 'warning', 'not-checked', 'passed'] as const)
    .filter((outcome) => counts[outcome] > 0)
    .map((outcome) => `${counts[outcome]} ${OUTCOME_LABELS[outcome].toLowerCase()}`);
  return parts.length > 0 ? parts.join(', ') : 'No checks were reported';
}
