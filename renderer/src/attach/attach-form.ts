import {
  DEFAULT_NAMESPACE,
  computeNameProblem,
  descriptionProblem,
  namespaceProblem,
} from '../../../shared/azure/names';
import { availablePresets } from '../../../shared/azure/role-presets';
import type { UserAssignedIdentityView } from '../../../shared/domain/clusters';
import type { ComputeView, WorkspaceView } from '../../../shared/domain/inventory';
import type { PresetKey } from '../../../shared/domain/roles';
import type { AttachRequestInput, IdentityChoice } from '../../../shared/domain/operations';

export type IdentityKind = IdentityChoice['type'];

/** What the user has typed and chosen so far; the wizard's single source of truth. */
export interface AttachForm {
  readonly workspaceIds: readonly string[];
  readonly clusterId: string | null;
  readonly computeName: string;
  readonly namespace: string;
  readonly description: string;
  readonly identityKind: IdentityKind;
  readonly userAssignedIdentityId: string | null;
  /** Presets to grant the new identity once the compute has attached. */
  readonly presets: readonly PresetKey[];
}

export const EMPTY_FORM: AttachForm = {
  workspaceIds: [],
  clusterId: null,
  computeName: '',
  namespace: DEFAULT_NAMESPACE,
  description: '',
  identityKind: 'SystemAssigned',
  userAssignedIdentityId: null,
  presets: [],
};

export interface DetailsProblems {
  readonly computeName: string | null;
  readonly namespace: string | null;
  readonly description: string | null;
  readonly identity: string | null;
}

/**
 * The problems of the name, namespace, description and identity fields, by the same rules the
 * main process applies (shared/azure/names.ts), plus the one thing only the local record knows
 * at once: the name is already taken in a chosen workspace.
 */
export function detailsProblems(
  form: AttachForm,
  existingComputes: readonly Pick<ComputeView, 'name' | 'workspaceId' | 'removedAt'>[] = [],
): DetailsProblems {
  let computeName = computeNameProblem(form.computeName);
  if (!computeName) {
    const wanted = form.computeName.toLowerCase();
    const chosen = new Set(form.workspaceIds.map((id) => id.toLowerCase()));
    const taken = existingComputes.find(
      (compute) =>
        compute.removedAt === null &&
        chosen.has(compute.workspaceId.toLowerCase()) &&
        compute.name.toLowerCase() === wanted,
    );
    if (taken) computeName = 'A compute of this name already exists in the workspace.';
  }
  return {
    computeName,
    namespace: namespaceProblem(form.namespace),
    description: descriptionProblem(form.description),
    identity:
      form.identityKind === 'UserAssigned' && !form.userAssignedIdentityId
        ? 'Choose the user-assigned identity the compute should use.'
        : null,
  };
}

export const hasProblems = (problems: DetailsProblems): boolean =>
  Object.values(problems).some((problem) => problem !== null);

/** The user-assigned identities a compute of these workspaces may use: same subscription, still there. */
export function identitiesFor(
  identities: readonly UserAssignedIdentityView[],
  subscriptionIds: readonly string[],
): UserAssignedIdentityView[] {
  const wanted = new Set(subscriptionIds.map((id) => id.toLowerCase()));
  return identities
    .filter(
      (identity) =>
        identity.removedAt === null && wanted.has(identity.subscriptionId.toLowerCase()),
    )
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export function identityChoiceOf(
  form: Pick<AttachForm, 'identityKind' | 'userAssignedIdentityId'>,
): IdentityChoice | null {
  if (form.identityKind === 'UserAssigned') {
    return form.userAssignedIdentityId
      ? { type: 'UserAssigned', identityId: form.userAssignedIdentityId }
      : null;
  }
  return { type: form.identityKind };
}

/**
 * One attach request per chosen workspace, or null while the form is incomplete. A preset the
 * workspace cannot have (no registry yet) is left out of its request; identity None grants nothing.
 */
export function attachRequests(
  form: AttachForm,
  workspaces: readonly Pick<
    WorkspaceView,
    'id' | 'containerRegistry' | 'storageAccount' | 'keyVault'
  >[] = [],
): AttachRequestInput[] | null {
  const identity = identityChoiceOf(form);
  if (!identity || !form.clusterId || form.workspaceIds.length === 0) return null;
  const clusterId = form.clusterId;
  return form.workspaceIds.map((workspaceId) => ({
    workspaceId,
    clusterId,
    computeName: form.computeName,
    namespace: form.namespace,
    description: form.description,
    identity,
    grants: grantsFor(
      form,
      workspaces.find((workspace) => workspace.id === workspaceId),
    ),
  }));
}

function grantsFor(
  form: AttachForm,
  workspace: Pick<WorkspaceView, 'containerRegistry' | 'storageAccount' | 'keyVault'> | undefined,
): PresetKey[] {
  if (form.identityKind === 'None') return [];
  const available = workspace ? new Set(availablePresets(workspace)) : null;
  return form.presets.filter((key) => available === null || available.has(key));
}
