import type { GrantView } from '../../shared/domain/roles';

/**
 * Where grants and removals meet the operation journal. The roles service keeps its own
 * resumable state (role_grants); a recorder mirrors each one as a journal row of the compute.
 */
export interface RoleOperationRecorder {
  /** A grant or removal was accepted (before anything is sent). */
  record(grant: GrantView): void;
  /** It was attempted, is waiting for Entra ID, or ended. */
  update(grant: GrantView): void;
  /** It is carried on after a restart. */
  resumed(grant: GrantView): void;
}

export const noRecorder: RoleOperationRecorder = {
  record: () => undefined,
  update: () => undefined,
  resumed: () => undefined,
};
