import type { ClusterView, UserAssignedIdentityView } from '../../../shared/domain/clusters';
import type { ComputeView, WorkspaceView } from '../../../shared/domain/inventory';
import type { PreflightReport } from '../../../shared/domain/operations';
import { detailsProblems, hasProblems, identitiesFor } from './attach-form';
import type { AttachForm } from './attach-form';
import { clusterUsability } from './cluster-usability';

/** The wizard's steps in order; `progress` follows the operations it started. */
export const WIZARD_STEPS = ['workspace', 'cluster', 'details', 'review', 'progress'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const STEP_LABELS: Record<WizardStep, string> = {
  workspace: 'Workspace',
  cluster: 'Cluster',
  details: 'Name and identity',
  review: 'Review',
  progress: 'Progress',
};

/** The contract accepts this many requests in one bulk attach. */
export const MAX_BULK_WORKSPACES = 50;

export interface WizardContext {
  readonly form: AttachForm;
  /** Several workspaces at once (one cluster to many workspaces). */
  readonly bulk: boolean;
  readonly workspaces: readonly WorkspaceView[];
  readonly clusters: readonly ClusterView[];
  readonly identities: readonly UserAssignedIdentityView[];
  readonly computes: readonly ComputeView[];
  /** One preflight report per chosen workspace, once they have all arrived. */
  readonly preflight: readonly PreflightReport[] | null;
  /** The user ticked "attach anyway" after a failed preflight. */
  readonly attachAnyway: boolean;
}

export const chosenWorkspaces = (context: Pick<WizardContext, 'form' | 'workspaces'>) =>
  context.form.workspaceIds.flatMap((id) => {
    const found = context.workspaces.find((workspace) => workspace.id === id);
    return found ? [found] : [];
  });

export const chosenCluster = (context: Pick<WizardContext, 'form' | 'clusters'>) =>
  context.clusters.find((cluster) => cluster.id === context.form.clusterId) ?? null;

export const preflightBlocks = (reports: readonly PreflightReport[] | null): boolean =>
  reports !== null && reports.some((report) => report.blocking);

/**
 * Why the user may not leave `step` forward yet, in one sentence (shown beside the disabled Next
 * button), or null when the step is complete.
 */
export function stepBlocker(step: WizardStep, context: WizardContext): string | null {
  switch (step) {
    case 'workspace': {
      const count = context.form.workspaceIds.length;
      if (count === 0) return 'Choose a workspace.';
      if (!context.bulk && count > 1) return 'Choose one workspace, or switch to several.';
      if (count > MAX_BULK_WORKSPACES) {
        return `Choose at most ${MAX_BULK_WORKSPACES} workspaces in one go.`;
      }
      return null;
    }
    case 'cluster': {
      const cluster = chosenCluster(context);
      if (!cluster) return 'Choose a cluster.';
      const usability = clusterUsability(cluster, chosenWorkspaces(context));
      return usability.usable ? null : usability.reason;
    }
    case 'details': {
      const problems = detailsProblems(context.form, context.computes);
      if (!hasProblems(problems)) return null;
      // A name not typed yet is not a mistake: no field is marked, so say what is missing.
      if (context.form.computeName === '') return 'Enter a name for the compute.';
      return 'Correct the fields marked above.';
    }
    case 'review':
      if (context.preflight === null) return 'Wait for the preflight checks to finish.';
      if (preflightBlocks(context.preflight) && !context.attachAnyway) {
        return 'A check failed: fix it, or confirm that you want to attach anyway.';
      }
      return null;
    case 'progress':
      return null;
  }
}

/** The first step that is not complete: where the wizard opens for what the user already chose. */
export function firstIncompleteStep(context: WizardContext): WizardStep {
  for (const step of ['workspace', 'cluster', 'details'] as const) {
    if (stepBlocker(step, context) !== null) return step;
  }
  return 'review';
}

/** A step the user may jump to from the step list: any step up to the first incomplete one. */
export function reachableSteps(context: WizardContext): ReadonlySet<WizardStep> {
  const reachable = new Set<WizardStep>();
  for (const step of ['workspace', 'cluster', 'details', 'review'] as const) {
    reachable.add(step);
    if (stepBlocker(step, context) !== null) break;
  }
  return reachable;
}

/**
 * The form after the workspaces changed: a cluster that no longer fits them is dropped, as is a
 * user-assigned identity from another subscription, so nothing stale reaches the review.
 */
export function withWorkspaces(
  context: Pick<WizardContext, 'form' | 'workspaces' | 'clusters' | 'identities'>,
  workspaceIds: readonly string[],
): AttachForm {
  const form = { ...context.form, workspaceIds };
  const workspaces = chosenWorkspaces({ form, workspaces: context.workspaces });
  const cluster = chosenCluster({ form, clusters: context.clusters });
  const clusterId = cluster && clusterUsability(cluster, workspaces).usable ? form.clusterId : null;
  const allowed = identitiesFor(
    context.identities,
    workspaces.map((workspace) => workspace.subscriptionId),
  );
  const userAssignedIdentityId = allowed.some(
    (identity) => identity.id === form.userAssignedIdentityId,
  )
    ? form.userAssignedIdentityId
    : null;
  return { ...form, clusterId, userAssignedIdentityId };
}

/** Clusters in the order the cluster step lists them: usable first, then by name. */
export function orderClusters(
  clusters: readonly ClusterView[],
  workspaces: readonly Pick<WorkspaceView, 'subscriptionId' | 'name'>[],
): { cluster: ClusterView; usability: ReturnType<typeof clusterUsability> }[] {
  return clusters
    .map((cluster) => ({ cluster, usability: clusterUsability(cluster, workspaces) }))
    .sort(
      (a, b) =>
        Number(b.usability.usable) - Number(a.usability.usable) ||
        a.cluster.name.localeCompare(b.cluster.name) ||
        a.cluster.id.localeCompare(b.cluster.id),
    );
}
