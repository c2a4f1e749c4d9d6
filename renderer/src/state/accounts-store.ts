import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type {
  AccountView,
  DeviceCodePrompt,
  SignInMethod,
  TenantProblem,
} from '../../../shared/domain/accounts';
import type { PayloadOf } from '../../../shared/ipc/contract';
import type { SignInPage } from '../../../shared/ipc/contract-sign-in-page';
import type { MooringClient } from '../../../shared/ipc/client';
import type { IpcError, IpcResult } from '../../../shared/ipc/result';
import { fromResult, loading, settle } from './loadable';
import type { Loadable } from './loadable';

/** Who a sign-in is for: a new account, or one tenant of a signed-in account that demands it. */
export type SignInTarget =
  /** A new account, or (with `signInAs`) a signed-out one whose subscriptions wait for it. */
  | { readonly kind: 'account'; readonly signInAs?: string }
  | {
      readonly kind: 'tenant';
      readonly accountId: string;
      /** The account to sign in as again, so the prompt can name it. */
      readonly username: string;
      readonly tenantId: string;
      readonly tenantName: string;
    };

/** A sign-in the user started and has not finished yet. */
export interface SignInSession {
  /** Null until the main process answered the start request. */
  readonly signInId: string | null;
  readonly method: SignInMethod;
  readonly target: SignInTarget;
  /** Present once a device-code sign-in has its code. */
  readonly deviceCode: DeviceCodePrompt | null;
  /** Present once a browser sign-in's page was handed to the system browser, or could not be. */
  readonly browserPage: SignInPage | null;
  readonly cancelling: boolean;
}

/** How the last sign-in ended, kept until the user dismisses it. */
export type SignInOutcome =
  | {
      readonly kind: 'signed-in';
      readonly target: SignInTarget;
      readonly account: AccountView | null;
    }
  | { readonly kind: 'cancelled'; readonly target: SignInTarget }
  | { readonly kind: 'failed'; readonly target: SignInTarget; readonly problem: TenantProblem };

export type SignOutStatus =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly accountId: string }
  | { readonly status: 'failed'; readonly accountId: string; readonly error: IpcError };

export interface AccountsState {
  readonly accounts: Loadable<AccountView[]>;
  readonly session: SignInSession | null;
  /** Each finished sign-in gets a new number, so views can tell two equal outcomes apart. */
  readonly outcomeSequence: number;
  readonly outcome: SignInOutcome | null;
  /** The start or cancel request itself failed (the main process refused or was unreachable). */
  readonly requestError: { readonly title: string; readonly error: IpcError } | null;
  readonly signOutStatus: SignOutStatus;
}

export interface AccountsActions {
  load(): Promise<void>;
  startSignIn(method: SignInMethod, target: SignInTarget): Promise<void>;
  cancelSignIn(): Promise<void>;
  signOut(accountId: string): Promise<boolean>;
  dismissOutcome(): void;
  dismissRequestError(): void;
  receiveAccounts(accounts: AccountView[]): void;
  receiveDeviceCode(prompt: DeviceCodePrompt): void;
  receiveBrowserPage(page: SignInPage): void;
  receiveSignInFinished(finished: PayloadOf<'signIn.finished'>): void;
}

export type AccountsStore = StoreApi<AccountsState & AccountsActions>;

const problemOf = (finished: PayloadOf<'signIn.finished'>): TenantProblem =>
  finished.problem ?? {
    code: 'unknown',
    message: 'The sign-in failed without saying why. Try again, or use a device code instead.',
  };

/**
 * Accounts, their tenants and the sign-in in progress, as the main process reports them.
 * Events may overtake the answer to the start request (a device code can be pushed before
 * `accounts.signIn` answers), so early events are held until their sign-in id is known.
 */
export function createAccountsStore(client: MooringClient): AccountsStore {
  const earlyPrompts = new Map<string, DeviceCodePrompt>();
  const earlyEndings = new Map<string, PayloadOf<'signIn.finished'>>();
  // Which start request the current session belongs to; 0 when the user gave up before it answered.
  let startAttempts = 0;
  let sessionAttempt = 0;

  return createStore<AccountsState & AccountsActions>()((set, get) => {
    const finish = (finished: PayloadOf<'signIn.finished'>, target: SignInTarget) => {
      const outcome: SignInOutcome =
        finished.outcome === 'signed-in'
          ? { kind: 'signed-in', target, account: finished.account }
          : finished.outcome === 'cancelled'
            ? { kind: 'cancelled', target }
            : { kind: 'failed', target, problem: problemOf(finished) };
      set((state) => ({
        session: null,
        outcome,
        outcomeSequence: state.outcomeSequence + 1,
      }));
    };

    return {
      accounts: loading,
      session: null,
      outcomeSequence: 0,
      outcome: null,
      requestError: null,
      signOutStatus: { status: 'idle' },

      async load() {
        if (get().accounts.status !== 'ready') set({ accounts: loading });
        const result = await settle(() => client.call['accounts.list']({}));
        set({ accounts: fromResult(result) });
      },

      async startSignIn(method, target) {
        if (get().session) return;
        const attempt = ++startAttempts;
        sessionAttempt = attempt;
        set({
          session: {
            signInId: null,
            method,
            target,
            deviceCode: null,
            browserPage: null,
            cancelling: false,
          },
          requestError: null,
          outcome: null,
        });
        const result: IpcResult<{ signInId: string }> = await settle(() =>
          target.kind === 'account'
            ? client.call['accounts.signIn']({ method })
            : client.call['tenants.signIn']({
                accountId: target.accountId,
                tenantId: target.tenantId,
                method,
              }),
        );
        if (sessionAttempt !== attempt) {
          // The user cancelled before the main process answered: stop what it started.
          if (result.ok) {
            const { signInId } = result.value;
            void settle(() => client.call['accounts.cancelSignIn']({ signInId }));
          }
          return;
        }
        if (!result.ok) {
          set({
            session: null,
            requestError: {
              title:
                target.kind === 'account'
                  ? 'Signing in could not start'
                  : `Signing in to ${target.tenantName} could not start`,
              error: result.error,
            },
          });
          return;
        }
        const { signInId } = result.value;
        const ended = earlyEndings.get(signInId);
        earlyEndings.delete(signInId);
        if (ended) return finish(ended, target);
        const prompt = earlyPrompts.get(signInId) ?? null;
        earlyPrompts.delete(signInId);
        set((state) =>
          state.session ? { session: { ...state.session, signInId, deviceCode: prompt } } : {},
        );
      },

      async cancelSignIn() {
        const session = get().session;
        if (!session) return;
        if (!session.signInId) {
          // Nothing to cancel in the main process yet; the start answer will cancel what it began.
          sessionAttempt = 0;
          set({ session: null });
          return;
        }
        set({ session: { ...session, cancelling: true } });
        const signInId = session.signInId;
        const result = await settle(() => client.call['accounts.cancelSignIn']({ signInId }));
        const current = get().session;
        if (current?.signInId !== signInId) return; // signIn.finished already closed it
        if (!result.ok) {
          set({
            session: { ...current, cancelling: false },
            requestError: { title: 'The sign-in could not be cancelled', error: result.error },
          });
        } else if (!result.value.cancelled) {
          // It had already ended; its signIn.finished event says how.
          set({ session: { ...current, cancelling: false } });
        }
      },

      async signOut(accountId) {
        set({ signOutStatus: { status: 'running', accountId } });
        const result = await settle(() => client.call['accounts.signOut']({ accountId }));
        if (result.ok) {
          set({
            signOutStatus: { status: 'idle' },
            accounts: { status: 'ready', value: result.value },
          });
          return true;
        }
        set({ signOutStatus: { status: 'failed', accountId, error: result.error } });
        return false;
      },

      dismissOutcome: () => set({ outcome: null }),
      dismissRequestError: () => set({ requestError: null }),

      receiveAccounts: (accounts) => set({ accounts: { status: 'ready', value: accounts } }),

      receiveDeviceCode(prompt) {
        const session = get().session;
        if (session?.signInId === prompt.signInId) {
          set({ session: { ...session, deviceCode: prompt } });
        } else if (session && session.signInId === null) {
          earlyPrompts.set(prompt.signInId, prompt);
        }
      },

      receiveBrowserPage(page) {
        // One sign-in runs at a time, so the page belongs to the browser sign-in on screen.
        const session = get().session;
        if (session?.method === 'browser') set({ session: { ...session, browserPage: page } });
      },

      receiveSignInFinished(finished) {
        if (finished.account) {
          const account = finished.account;
          set((state) =>
            state.accounts.status === 'ready'
              ? {
                  accounts: {
                    status: 'ready',
                    value: upsertAccount(state.accounts.value, account),
                  },
                }
              : {},
          );
        }
        const session = get().session;
        if (session?.signInId === finished.signInId) finish(finished, session.target);
        else if (session && session.signInId === null) {
          earlyEndings.set(finished.signInId, finished);
        }
      },
    };
  });
}

const upsertAccount = (accounts: readonly AccountView[], account: AccountView): AccountView[] =>
  accounts.some((a) => a.accountId === account.accountId)
    ? accounts.map((a) => (a.accountId === account.accountId ? account : a))
    : [...accounts, account];

/** The account's friendly name, or its username when the directory gave none. */
export const accountLabel = (account: Pick<AccountView, 'name' | 'username'>): string =>
  account.name?.trim() || account.username;
