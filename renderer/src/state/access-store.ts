import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type {
  ComputeAccess,
  GrantView,
  PermissionCheck,
  PresetKey,
  RoleDefinitionView,
  ScopeCheck,
  ScopeView,
} from '../../../shared/domain/roles';
import type { OperationView } from '../../../shared/domain/operations';
import type { MooringClient } from '../../../shared/ipc/client';
import type { IpcError, IpcResult } from '../../../shared/ipc/result';
import { fromResult, loading, settle } from './loadable';
import type { Loadable } from './loadable';

export interface AccessState {
  /** The compute whose Access section is shown, or null. */
  readonly computeId: string | null;
  /** The local record first, then what Azure answered. */
  readonly access: Loadable<ComputeAccess> | null;
  readonly refreshing: boolean;
  /** The last refresh from Azure that failed (the record stays shown). */
  readonly refreshError: IpcError | null;
  /** Grants and removals of this compute, newest state by grant id (events and call answers). */
  readonly grants: Readonly<Record<string, GrantView>>;
  /** A grant, preset or removal the main process refused before it started. */
  readonly actionError: { readonly what: string; readonly error: IpcError } | null;
  /** What is being sent right now (a preset key, `custom`, or an assignment id). */
  readonly sending: string | null;
  readonly definitions: Loadable<RoleDefinitionView[]> | null;
  readonly scopes: Loadable<ScopeView[]> | null;
  readonly scopeCheck: Loadable<ScopeCheck> | null;
  readonly permission: Loadable<PermissionCheck> | null;
  /**
   * Grants to give a compute's new identity once its identity change has succeeded, by
   * operation id (the old identity's roles, carried over when the user asked for it).
   */
  readonly carryOver: Readonly<Record<string, CarryOver>>;
  /** Whether the account may assign each not-granted preset's role at its scope (read after Azure). */
  readonly presetPermissions: Readonly<Partial<Record<PresetKey, PermissionCheck>>>;
}

export interface CarryOver {
  readonly computeId: string;
  readonly grants: readonly { readonly roleDefinitionGuid: string; readonly scopeId: string }[];
}

export interface AccessActions {
  open(computeId: string): void;
  close(): void;
  /** Reads the identity's assignments from Azure (inherited ones too). */
  refresh(): Promise<void>;
  grantPreset(preset: PresetKey): Promise<GrantView | null>;
  grant(roleDefinitionGuid: string, scopeId: string): Promise<GrantView | null>;
  remove(assignmentId: string): Promise<GrantView | null>;
  /** A `roles.grantChanged` event; an ended grant reads the access again. */
  receiveGrant(grant: GrantView): void;
  searchDefinitions(query: string): Promise<void>;
  loadScopes(): Promise<void>;
  checkScope(scopeId: string): Promise<ScopeCheck | null>;
  checkPermission(scopeId: string, roleDefinitionGuid: string): Promise<void>;
  /** The grant dialog closed: its searches and checks are put away. */
  resetDialog(): void;
  dismissError(): void;
  /** After this identity change succeeds, grant the new identity the same roles. */
  carryOverAfter(operationId: string, carryOver: CarryOver): void;
  /** An operations.changed event: a succeeded identity change carries its grants over. */
  operationChanged(operation: Pick<OperationView, 'operationId' | 'status'>): Promise<void>;
}

export type AccessStore = StoreApi<AccessState & AccessActions>;

const NO_DIALOG = { definitions: null, scopes: null, scopeCheck: null, permission: null } as const;
const CLOSED = {
  computeId: null,
  access: null,
  refreshing: false,
  refreshError: null,
  grants: {},
  presetPermissions: {},
  actionError: null,
  sending: null,
  ...NO_DIALOG,
} as const;
const NO_CARRY_OVER: Readonly<Record<string, CarryOver>> = {};

const ended = (grant: GrantView) => grant.status === 'succeeded' || grant.status === 'failed';
const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The Access section's view cache: one compute identity's assignments, presets and grants. */
export function createAccessStore(client: MooringClient): AccessStore {
  let readTicket = 0;
  let searchTicket = 0;

  return createStore<AccessState & AccessActions>()((set, get) => {
    const current = () => get().computeId;

    const withGrants = (access: ComputeAccess) => {
      const grants = { ...get().grants };
      for (const grant of access.grants) {
        const known = grants[grant.grantId];
        if (!known || known.updatedAt <= grant.updatedAt) grants[grant.grantId] = grant;
      }
      return grants;
    };

    const accept = (computeId: string, result: IpcResult<ComputeAccess>, keepShown: boolean) => {
      if (current() !== computeId) return;
      if (!result.ok && keepShown && get().access?.status === 'ready') return;
      set({
        access: fromResult(result),
        ...(result.ok ? { grants: withGrants(result.value) } : {}),
      });
    };

    const readRecord = async (computeId: string, keepShown: boolean) => {
      const ticket = ++readTicket;
      const result = await settle(() => client.call['roles.get']({ computeId }));
      if (ticket === readTicket) accept(computeId, result, keepShown);
    };

    /** Before a preset is offered: may the account write role assignments at its scope? */
    const checkPresets = async (computeId: string, value: ComputeAccess) => {
      if (!value.principal) return;
      for (const preset of value.presets) {
        if (preset.state !== 'not-granted' || !preset.scope) continue;
        const scopeId = preset.scope.id;
        const result = await settle(() =>
          client.call['roles.checkPermission']({
            computeId,
            scopeId,
            roleDefinitionGuid: preset.roleDefinitionGuid,
          }),
        );
        if (current() !== computeId) return;
        // Not readable: the grant may still be tried, and says why if Azure refuses it.
        if (result.ok) {
          set({ presetPermissions: { ...get().presetPermissions, [preset.key]: result.value } });
        }
      }
    };

    const start = async (
      what: string,
      key: string,
      call: (computeId: string) => Promise<IpcResult<GrantView>>,
    ): Promise<GrantView | null> => {
      const computeId = current();
      if (!computeId || get().sending !== null) return null;
      set({ sending: key, actionError: null });
      const result = await settle(() => call(computeId));
      if (current() !== computeId) return null;
      if (!result.ok) {
        set({ sending: null, actionError: { what, error: result.error } });
        return null;
      }
      set({ sending: null });
      get().receiveGrant(result.value);
      return result.value;
    };

    return {
      ...CLOSED,
      carryOver: NO_CARRY_OVER,

      open(computeId) {
        if (current() === computeId) return;
        readTicket += 1;
        set({ ...CLOSED, computeId, access: loading });
        // The record shows at once; Azure's answer follows when it is reachable.
        void readRecord(computeId, false).then(() => get().refresh());
      },
      close() {
        readTicket += 1;
        set({ ...CLOSED });
      },
      async refresh() {
        const computeId = current();
        if (!computeId || get().refreshing) return;
        set({ refreshing: true, refreshError: null });
        const ticket = ++readTicket;
        const result = await settle(() => client.call['roles.refresh']({ computeId }));
        if (current() !== computeId) return;
        set({ refreshing: false, refreshError: result.ok ? null : result.error });
        if (ticket === readTicket) accept(computeId, result, true);
        if (result.ok) await checkPresets(computeId, result.value);
      },

      grantPreset: (preset) =>
        start('The preset could not be granted', preset, (computeId) =>
          client.call['roles.grantPreset']({ computeId, preset }),
        ),
      grant: (roleDefinitionGuid, scopeId) =>
        start('The role could not be granted', 'custom', (computeId) =>
          client.call['roles.grant']({ computeId, roleDefinitionGuid, scopeId }),
        ),
      async remove(assignmentId) {
        const outcome = await start(
          'The assignment could not be removed',
          assignmentId,
          async (computeId) => {
            const result = await client.call['roles.remove']({ computeId, assignmentId });
            return result.ok ? { ok: true as const, value: result.value.grant } : result;
          },
        );
        return outcome;
      },

      receiveGrant(grant) {
        const computeId = current();
        if (!computeId || !sameId(grant.computeId, computeId)) return;
        const before = get().grants[grant.grantId];
        set({ grants: { ...get().grants, [grant.grantId]: grant } });
        // An assignment made or removed changes the list: Azure is read again.
        if (ended(grant) && !(before && ended(before))) void get().refresh();
      },

      async searchDefinitions(query) {
        const computeId = current();
        if (!computeId) return;
        const ticket = ++searchTicket;
        set({ definitions: loading });
        const result = await settle(() =>
          client.call['roles.searchDefinitions']({ computeId, query }),
        );
        if (ticket === searchTicket && current() === computeId) {
          set({ definitions: fromResult(result) });
        }
      },
      async loadScopes() {
        const computeId = current();
        if (!computeId) return;
        set({ scopes: loading });
        const result = await settle(() => client.call['roles.scopes']({ computeId }));
        if (current() === computeId) set({ scopes: fromResult(result) });
      },
      async checkScope(scopeId) {
        const computeId = current();
        if (!computeId) return null;
        set({ scopeCheck: loading });
        const result = await settle(() => client.call['roles.checkScope']({ computeId, scopeId }));
        if (current() !== computeId) return null;
        set({ scopeCheck: fromResult(result) });
        return result.ok ? result.value : null;
      },
      async checkPermission(scopeId, roleDefinitionGuid) {
        const computeId = current();
        if (!computeId) return;
        set({ permission: loading });
        const result = await settle(() =>
          client.call['roles.checkPermission']({ computeId, scopeId, roleDefinitionGuid }),
        );
        if (current() === computeId) set({ permission: fromResult(result) });
      },
      resetDialog() {
        searchTicket += 1;
        set({ ...NO_DIALOG });
      },
      dismissError: () => set({ actionError: null }),

      carryOverAfter(operationId, carryOver) {
        if (carryOver.grants.length === 0) return;
        set({ carryOver: { ...get().carryOver, [operationId]: carryOver } });
      },
      async operationChanged(operation) {
        const pending = get().carryOver[operation.operationId];
        if (!pending || (operation.status !== 'succeeded' && operation.status !== 'failed')) return;
        const rest = { ...get().carryOver };
        delete rest[operation.operationId];
        set({ carryOver: rest });
        if (operation.status === 'failed') return;
        // The new principal is in the record now: the section shows it, then each grant starts.
        if (current() === pending.computeId) {
          readTicket += 1;
          set({ access: loading, grants: {} });
          await readRecord(pending.computeId, false);
        }
        for (const grant of pending.grants) {
          const result = await settle(() =>
            client.call['roles.grant']({
              computeId: pending.computeId,
              roleDefinitionGuid: grant.roleDefinitionGuid,
              scopeId: grant.scopeId,
            }),
          );
          if (!result.ok) {
            set({ actionError: { what: 'A role could not be carried over', error: result.error } });
          } else {
            get().receiveGrant(result.value);
          }
        }
      },
    };
  });
}
