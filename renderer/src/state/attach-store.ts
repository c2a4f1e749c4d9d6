import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type {
  AttachRequestInput,
  OperationView,
  PreflightReport,
  RequestPreview,
} from '../../../shared/domain/operations';
import type { MooringClient } from '../../../shared/ipc/client';
import type { IpcError, IpcResult } from '../../../shared/ipc/result';
import { EMPTY_FORM } from '../attach/attach-form';
import type { AttachForm } from '../attach/attach-form';
import type { WizardStep } from '../attach/wizard-steps';
import { loading, settle } from './loadable';
import type { Loadable } from './loadable';

/** Where the wizard was opened from: what it may fill in already. */
export interface AttachIntent {
  readonly workspaceId?: string;
  readonly clusterId?: string;
  readonly bulk?: boolean;
}

export type StartStatus =
  | { readonly status: 'idle' | 'starting' }
  | { readonly status: 'started'; readonly operationIds: readonly string[] }
  | { readonly status: 'failed'; readonly error: IpcError };

export interface AttachState {
  readonly form: AttachForm;
  readonly bulk: boolean;
  readonly step: WizardStep;
  /** Set by `begin`: the wizard should land on the first step that still needs the user. */
  readonly landing: boolean;
  /** One report per request, in the order of the chosen workspaces; null until asked for. */
  readonly preflight: Loadable<readonly PreflightReport[]> | null;
  readonly preview: Loadable<readonly RequestPreview[]> | null;
  readonly attachAnyway: boolean;
  readonly start: StartStatus;
}

export interface AttachActions {
  begin(intent: AttachIntent): void;
  update(form: AttachForm): void;
  setBulk(bulk: boolean): void;
  goTo(step: WizardStep): void;
  /** The wizard has landed on the step `begin` asked it to work out. */
  land(step: WizardStep): void;
  /** Runs the preflight and the request preview for every request, for the review step. */
  review(requests: readonly AttachRequestInput[]): Promise<void>;
  setAttachAnyway(value: boolean): void;
  /** Sends the attach (one request) or the bulk attach; answers the operations it started. */
  attach(requests: readonly AttachRequestInput[]): Promise<readonly OperationView[] | null>;
  reset(): void;
}

export type AttachStore = StoreApi<AttachState & AttachActions>;

const ANSWERS_FRESH = { preflight: null, preview: null, attachAnyway: false } as const;

/** Every answer of `calls`, or the first error: the review needs all of them to mean anything. */
async function all<T>(
  calls: readonly (() => Promise<IpcResult<T>>)[],
): Promise<Loadable<readonly T[]>> {
  const results = await Promise.all(calls.map((call) => settle(call)));
  const values: T[] = [];
  for (const result of results) {
    if (!result.ok) return { status: 'failed', error: result.error };
    values.push(result.value);
  }
  return { status: 'ready', value: values };
}

/**
 * The attach wizard's state: kept outside the page so leaving the Attach area and coming back
 * finds the wizard where the user left it, progress included.
 */
export function createAttachStore(client: MooringClient): AttachStore {
  let reviewTicket = 0;

  return createStore<AttachState & AttachActions>()((set, get) => ({
    form: EMPTY_FORM,
    bulk: false,
    step: 'workspace',
    landing: false,
    ...ANSWERS_FRESH,
    start: { status: 'idle' },

    begin(intent) {
      reviewTicket += 1;
      set({
        form: {
          ...EMPTY_FORM,
          workspaceIds: intent.workspaceId ? [intent.workspaceId] : [],
          clusterId: intent.clusterId ?? null,
        },
        bulk: intent.bulk ?? false,
        step: 'workspace',
        landing: true,
        ...ANSWERS_FRESH,
        start: { status: 'idle' },
      });
    },

    update(form) {
      reviewTicket += 1;
      set({ form, ...ANSWERS_FRESH });
    },

    setBulk(bulk) {
      const { form } = get();
      reviewTicket += 1;
      set({
        bulk,
        form: bulk ? form : { ...form, workspaceIds: form.workspaceIds.slice(0, 1) },
        ...ANSWERS_FRESH,
      });
    },

    goTo: (step) => set({ step }),
    land: (step) => set({ step, landing: false }),

    async review(requests) {
      const ticket = ++reviewTicket;
      set({ preflight: loading, preview: loading, attachAnyway: false });
      const [preflight, preview] = await Promise.all([
        all(requests.map((request) => () => client.call['attach.preflight'](request))),
        all(requests.map((request) => () => client.call['attach.preview'](request))),
      ]);
      if (ticket !== reviewTicket) return;
      set({ preflight, preview });
    },

    setAttachAnyway: (attachAnyway) => set({ attachAnyway }),

    async attach(requests) {
      if (get().start.status === 'starting' || requests.length === 0) return null;
      set({ start: { status: 'starting' } });
      const [single] = requests;
      const result =
        requests.length === 1 && single
          ? await settle(async () => {
              const answer = await client.call['attach.start'](single);
              return answer.ok ? { ok: true as const, value: [answer.value] } : answer;
            })
          : await settle(() => client.call['attach.startBulk']({ requests: [...requests] }));
      if (!result.ok) {
        set({ start: { status: 'failed', error: result.error } });
        return null;
      }
      set({
        start: {
          status: 'started',
          operationIds: result.value.map((operation) => operation.operationId),
        },
        step: 'progress',
      });
      return result.value;
    },

    reset() {
      reviewTicket += 1;
      set({
        form: EMPTY_FORM,
        bulk: false,
        step: 'workspace',
        ...ANSWERS_FRESH,
        start: { status: 'idle' },
      });
    },
  }));
}
