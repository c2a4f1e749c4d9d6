import type { TokenCredential } from '@azure/core-auth';
import type { PreflightFinding } from '../../shared/domain/operations';
import type { ArmId } from '../../shared/azure/arm-id';
import type { ArmAnswer, ArmReader } from './arm-reader';

/** The api-versions the preflight sends (each one the REST specs list for its path). */
export const API_VERSIONS = {
  machineLearning: '2024-10-01',
  managedClusters: '2025-07-01',
  connectedClusters: '2024-01-01',
  extensions: '2024-11-01',
  authorization: '2022-04-01',
} as const;

/** ARM as one subscription's (account, tenant) sees it; null when no signed-in account sees it. */
export interface SubscriptionAccess {
  readonly credential: TokenCredential;
  readonly arm: ArmReader;
}

/** A resource read for the preflight: its answer, or why it could not be asked. */
export type ResourceRead =
  | { readonly kind: 'answered'; readonly answer: ArmAnswer }
  | { readonly kind: 'unasked'; readonly reason: string };

export const finding = (
  check: PreflightFinding['check'],
  outcome: PreflightFinding['outcome'],
  title: string,
  detail: string,
  command: string | null = null,
): PreflightFinding => ({ check, outcome, title, detail, command });

/** The body of a 200 answer, or null. */
export function bodyOf(read: ResourceRead): Record<string, unknown> | null {
  if (read.kind !== 'answered' || read.answer.status !== 200) return null;
  const body = read.answer.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : null;
}

export function propertiesOf(body: Record<string, unknown> | null): Record<string, unknown> {
  const properties = body?.['properties'];
  return typeof properties === 'object' && properties !== null
    ? (properties as Record<string, unknown>)
    : {};
}

export const textOf = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;

/** "the ARM code" for details: what Azure answered, in words an admin can search for. */
export function answerCode(answer: ArmAnswer): string {
  return answer.code ? `${answer.code}, HTTP ${answer.status}` : `HTTP ${answer.status}`;
}

/** What went wrong before ARM answered (no token, network), for a not-checked finding. */
export function failureText(error: unknown): string {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
  };
  const code = typeof fields.code === 'string' ? ` (${fields.code})` : '';
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  return `${message.split('\n')[0]?.slice(0, 300) ?? ''}${code}`;
}

/** Everything one preflight works on: the parsed ids and how to reach each subscription. */
export interface PreflightTarget {
  readonly workspace: ArmId;
  readonly cluster: ArmId;
  readonly clusterKind: 'aks' | 'arc';
  readonly computeName: string;
  readonly namespace: string;
  readonly userAssignedIdentity: ArmId | null;
}
