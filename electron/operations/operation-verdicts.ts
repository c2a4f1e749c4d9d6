import type { ComputeResource } from '@azure/arm-machinelearning';
import { sameArmId } from '../../shared/azure/arm-id';
import { toComputeRecord } from '../inventory/inventory-mapping';
import type { ComputeRecord } from '../inventory/inventory-records';
import { NoAnswerError, type ArmAnswer } from './arm-session';
import type { IdentityExtras } from './compute-record-store';
import type { OperationRow, ProvisioningErrorEntry } from './journal-store';

/** Pure judgements of the runner: what Azure's answers mean for one journal row. */

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const text = (value: unknown): string | null =>
  typeof value === 'string' && value ? value : null;

export const TERMINAL_ASYNC = new Set(['succeeded', 'failed', 'canceled', 'cancelled']);

export const verb = {
  attach: 'attach the compute',
  'grant-role': 'grant the role',
  'remove-role': 'remove the role assignment',
  'update-identity': 'change the compute identity',
  detach: 'detach the compute',
} as const;

/** Identity fields of a compute answer that the inventory's row does not keep. */
export function identityExtrasOf(body: unknown): IdentityExtras {
  const identity = isRecord(body) && isRecord(body['identity']) ? body['identity'] : {};
  const assigned = isRecord(identity['userAssignedIdentities'])
    ? Object.values(identity['userAssignedIdentities'])
    : [];
  const first = assigned.find(isRecord);
  return {
    principalId: text(identity['principalId']) ?? text(first?.['principalId']),
    clientId: text(first?.['clientId']),
    tenantId: text(identity['tenantId']),
  };
}

/** How an operation ends (or not yet), judged from a GET of the compute. */
export type Verdict =
  | { readonly kind: 'in-progress'; readonly state: string }
  | { readonly kind: 'succeeded'; readonly state: string; readonly message: string }
  | {
      readonly kind: 'failed';
      readonly state: string | null;
      readonly message: string;
      readonly errors: ProvisioningErrorEntry[];
    };

/** Whether the compute shows that the row's request took effect (read before any second send). */
export function reflectedIn(
  row: OperationRow,
  answer: ArmAnswer,
): 'applied' | 'not-applied' | 'gone' {
  if (answer.status === 404) return row.kind === 'detach' ? 'gone' : 'not-applied';
  if (answer.status !== 200)
    throw new NoAnswerError(
      `Azure answered ${answer.status} when Mooring read the compute.`,
      `Http${answer.status}`,
    );
  const record = toComputeRecord(answer.body as ComputeResource);
  if (!record) return 'not-applied';
  if (row.kind === 'detach')
    return record.provisioningState === 'Deleting' ? 'applied' : 'not-applied';
  if (row.kind === 'attach') {
    const expected = row.resume.expectedClusterId;
    return expected && record.clusterId && sameArmId(record.clusterId, expected)
      ? 'applied'
      : 'not-applied';
  }
  const expected = row.resume.expectedIdentity;
  if (!expected || record.identityType.toLowerCase() !== expected.type.toLowerCase())
    return 'not-applied';
  if (expected.userAssignedIdentityId === null) return 'applied';
  return record.userAssignedIdentityId &&
    sameArmId(record.userAssignedIdentityId, expected.userAssignedIdentityId)
    ? 'applied'
    : 'not-applied';
}

/** A URL Azure named to follow: only https on the configured Resource Manager gets the token. */
export function followableUrl(value: string | undefined, armOrigin: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.origin === armOrigin ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** How the operation stands after a GET of the compute (`record`: the compute it answered, recorded). */
export function judgeCompute(
  row: OperationRow,
  status: number,
  record: ComputeRecord | null,
  asyncError: ProvisioningErrorEntry | null,
): Verdict {
  if (row.kind === 'detach') {
    if (status === 404)
      return {
        kind: 'succeeded',
        state: 'Detached',
        message: `Detached ${row.computeName} from ${row.workspaceName}. The cluster, its extension and namespace are unchanged.`,
      };
    if (record?.provisioningState === 'Deleting' || !record)
      return { kind: 'in-progress', state: record?.provisioningState ?? 'Deleting' };
    return {
      kind: 'failed',
      state: record.provisioningState,
      message: `Azure still shows ${row.computeName} as ${record.provisioningState}: the detach did not take effect. Try again.`,
      errors: asyncError ? [asyncError] : [],
    };
  }
  if (status === 404) {
    return {
      kind: 'failed',
      state: null,
      message: `The compute ${row.computeName} no longer exists in ${row.workspaceName}: it was detached while Mooring followed it.`,
      errors: asyncError ? [asyncError] : [],
    };
  }
  if (!record) return { kind: 'in-progress', state: row.provisioningState ?? 'Unknown' };
  const state = record.provisioningState;
  if (state === 'Succeeded') {
    const done =
      row.kind === 'attach'
        ? `Attached ${row.computeName} to ${row.workspaceName}`
        : `Changed the identity of ${row.computeName}`;
    return { kind: 'succeeded', state, message: `${done}: Azure reports Succeeded.` };
  }
  if (state === 'Failed' || state === 'Canceled') {
    const errors =
      record.provisioningErrors.length > 0
        ? [...record.provisioningErrors]
        : asyncError
          ? [asyncError]
          : [];
    return {
      kind: 'failed',
      state,
      message: `Azure could not ${verb[row.kind]}: the compute is ${state}. ${errors.length > 0 ? 'Azure’s errors are listed below, word for word.' : 'Azure gave no reason.'}`,
      errors,
    };
  }
  return { kind: 'in-progress', state };
}

/** The identity a compute answer shows: its type, principal and user-assigned identity id. */
export const identityOfAnswer = (
  body: unknown,
): { type: string; principalId: string | null; userAssignedIdentityId: string | null } => {
  const identity =
    typeof body === 'object' && body !== null
      ? (body as { identity?: unknown }).identity
      : undefined;
  if (typeof identity !== 'object' || identity === null)
    return { type: 'None', principalId: null, userAssignedIdentityId: null };
  const record = identity as {
    type?: unknown;
    principalId?: unknown;
    userAssignedIdentities?: unknown;
  };
  const assigned =
    typeof record.userAssignedIdentities === 'object' && record.userAssignedIdentities !== null
      ? Object.entries(record.userAssignedIdentities)
      : [];
  const first = assigned[0];
  const firstPrincipal =
    first && typeof first[1] === 'object' && first[1] !== null
      ? (first[1] as { principalId?: unknown }).principalId
      : undefined;
  return {
    type: typeof record.type === 'string' ? record.type : 'None',
    principalId:
      typeof record.principalId === 'string'
        ? record.principalId
        : typeof firstPrincipal === 'string'
          ? firstPrincipal
          : null,
    userAssignedIdentityId: first ? first[0] : null,
  };
};
