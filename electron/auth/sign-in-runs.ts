import { randomUUID } from 'node:crypto';
import type { AuthenticationResult } from '@azure/msal-node';
import type { AccountView, SignInMethod, TenantProblem } from '../../shared/domain/accounts';
import { isSignInUrlOf } from '../azure/clouds';
import { AppError } from '../core/errors';
import type { EventHub } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import type { MsalClient } from './msal-clients';
import { SignInProblem, type ProblemWording } from './sign-in-problems';
import { startUserSignIn, type UserSignIn } from './user-sign-in';

/** One sign-in from its start to its `signIn.finished` event. */
export interface SignInRun {
  readonly signInId: string;
  cancelRequested: boolean;
  /** Once the user has finished, the sign-in completes and can no longer be cancelled. */
  finishing: boolean;
  userSignIn?: UserSignIn;
  /** The msal client the sign-in runs on, once known (for error messages). */
  client?: MsalClient;
  readonly done: Promise<void>;
}

export type SignInWork = (
  run: SignInRun,
) => Promise<{ account: AccountView; problem: TenantProblem | null }>;

export interface SignInRuns {
  /**
   * Starts a sign-in and answers its id at once. Only one runs at a time: a browser window and a
   * device code open together would leave the user unsure which account lands where, so a second
   * is refused (`conflict`) until the first has finished or been cancelled.
   */
  start(work: SignInWork, context: { tenantId?: string }): { signInId: string };
  /** Waits for the user (browser or device code); throws when cancelled before it started. */
  interact(
    run: SignInRun,
    client: MsalClient,
    request: { method: SignInMethod; tenant: string; loginHint?: string },
  ): Promise<AuthenticationResult>;
  cancel(signInId: string): boolean;
  /** Cancels every sign-in and waits (at most `timeoutMs`) for them to end. */
  close(timeoutMs: number): Promise<void>;
}

export function createSignInRuns(parts: {
  readonly events: EventHub;
  readonly logger: Logger;
  readonly wording: ProblemWording;
  readonly openSignInPage: (url: string) => Promise<void>;
  /** Called after every sign-in, whatever its outcome (the accounts list may have changed). */
  readonly afterEach: () => Promise<void>;
  readonly now: () => Date;
}): SignInRuns {
  const { events, logger } = parts;
  const running = new Map<string, SignInRun>();
  /** The sign-in whose `signIn.finished` has not been sent yet; it blocks a second one. */
  let active: string | undefined;

  const finishedEvent = (
    run: SignInRun,
    outcome: 'signed-in' | 'cancelled' | 'failed',
    account: AccountView | null,
    problem: TenantProblem | null,
  ) => {
    // Free before the event: whoever hears it may start the next sign-in at once.
    if (active === run.signInId) active = undefined;
    events.emit('signIn.finished', { signInId: run.signInId, outcome, account, problem });
  };

  const cancel = (signInId: string): boolean => {
    const run = running.get(signInId);
    if (!run || run.finishing || run.cancelRequested) return false;
    run.cancelRequested = true;
    run.userSignIn?.cancel();
    return true;
  };

  return {
    start(work, context) {
      if (active !== undefined) {
        throw new AppError(
          'conflict',
          'Another sign-in is still in progress; finish it in the browser or with its device code, or cancel it, then try again.',
          { signInId: active },
        );
      }
      const signInId = randomUUID();
      let resolveDone: () => void = () => undefined;
      const run: SignInRun = {
        signInId,
        cancelRequested: false,
        finishing: false,
        done: new Promise<void>((resolve) => {
          resolveDone = resolve;
        }),
      };
      running.set(signInId, run);
      active = signInId;
      const finish = async () => {
        try {
          const { account, problem } = await work(run);
          run.finishing = true;
          finishedEvent(run, 'signed-in', account, problem);
        } catch (error) {
          run.finishing = true;
          if (run.cancelRequested) {
            finishedEvent(run, 'cancelled', null, null);
          } else {
            // The account that signed in may not be the one expected: name none in the message.
            const problem =
              error instanceof SignInProblem
                ? error.problem
                : parts.wording.failureOf(error, run.client, undefined, context.tenantId).problem;
            logger.warn('Sign-in failed', { code: problem.code });
            finishedEvent(run, 'failed', null, problem);
          }
        } finally {
          if (active === signInId) active = undefined;
          await parts.afterEach();
          running.delete(signInId);
          resolveDone();
        }
      };
      void finish();
      return { signInId };
    },

    async interact(run, client, request) {
      run.client = client;
      if (run.cancelRequested) throw new Error('cancelled');
      run.userSignIn = startUserSignIn(client.app, {
        method: request.method,
        authority: client.authority(request.tenant),
        scopes: [client.runtime.cloud.armScope],
        ...(request.loginHint ? { loginHint: request.loginHint } : {}),
        selectAccount: request.loginHint === undefined,
        // The page comes from the sign-in service's own OpenID configuration: a browser is opened
        // only at the cloud's sign-in host, where the user can trust what asks for a password.
        openSignInPage: async (url) => {
          if (!isSignInUrlOf(client.runtime.cloud, url)) {
            logger.warn("Refused to open a sign-in page outside the cloud's sign-in host");
            throw new SignInProblem({
              code: 'sign_in_page_refused',
              message: `The sign-in service of this cloud sent Mooring to a page at another host, so no browser was opened; check the cloud in Settings > Connection to Azure.`,
            });
          }
          await parts.openSignInPage(url);
        },
        onDeviceCode: (shown) =>
          events.emit('signIn.deviceCode', {
            signInId: run.signInId,
            userCode: shown.userCode,
            verificationUri: shown.verificationUri,
            message: shown.message,
            expiresAt: shown.expiresAt.toISOString(),
          }),
        now: parts.now,
      });
      const result = await run.userSignIn.result;
      run.finishing = true;
      if (!result.account) throw new Error('The sign-in answered no account.');
      return result;
    },

    cancel,

    async close(timeoutMs) {
      const pending = [...running.entries()];
      for (const [signInId] of pending) cancel(signInId);
      // A sign-in stuck in a network call nothing can abort (an msal token request) must not keep
      // the app from quitting: wait a bounded time, then leave it behind.
      let timer: NodeJS.Timeout | undefined;
      const ended = await Promise.race([
        Promise.all(pending.map(([, run]) => run.done)).then(() => true),
        new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (!ended) logger.warn('Sign-ins still running at close were left behind');
    },
  };
}
