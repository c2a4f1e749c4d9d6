import http from 'node:http';
import type {
  AuthenticationResult,
  DeviceCodeRequest,
  PublicClientApplication,
} from '@azure/msal-node';
import type { SignInMethod } from '../../shared/domain/accounts';

/** What the user needs to finish a device-code sign-in elsewhere. */
export interface DeviceCodeShown {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly message: string;
  readonly expiresAt: Date;
}

export interface UserSignInRequest {
  readonly method: SignInMethod;
  /** `${authorityHost}/organizations` to add an account, `${authorityHost}/${tenantId}` for one tenant. */
  readonly authority: string;
  readonly scopes: readonly string[];
  /** Pre-fills the account in the browser (tenant sign-in); device code has no such hint. */
  readonly loginHint?: string;
  readonly selectAccount: boolean;
  /** Opens the system browser (Electron's shell.openExternal in the app). */
  readonly openSignInPage: (url: string) => Promise<void>;
  readonly onDeviceCode: (shown: DeviceCodeShown) => void;
  readonly now: () => Date;
}

/** A sign-in waiting for the user. */
export interface UserSignIn {
  /** Resolves with msal's result; rejects with msal's error (also after a cancel). */
  readonly result: Promise<AuthenticationResult>;
  /** Stops waiting for the user; true when the sign-in was still waiting. */
  cancel(): boolean;
  readonly cancelled: () => boolean;
}

const pageStyle =
  'font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;line-height:1.5;color:#242424';
const successPage = `<!doctype html><meta charset="utf-8"><title>Mooring</title><div style="${pageStyle}"><h1>Signed in</h1><p>You are signed in to Mooring. You can close this tab and return to the app.</p></div>`;
const errorPage = `<!doctype html><meta charset="utf-8"><title>Mooring</title><div style="${pageStyle}"><h1>Sign-in did not finish</h1><p>Return to Mooring: it shows what happened and how to try again. You can close this tab.</p></div>`;

/** Starts an interactive sign-in in the system browser (loopback redirect) or with a device code. */
export function startUserSignIn(
  app: PublicClientApplication,
  request: UserSignInRequest,
): UserSignIn {
  return request.method === 'browser'
    ? browserSignIn(app, request)
    : deviceCodeSignIn(app, request);
}

function deviceCodeSignIn(app: PublicClientApplication, request: UserSignInRequest): UserSignIn {
  let settled = false;
  // msal polls with this very object (it assigns its defaults into it) and stops when `cancel` is set.
  const msalRequest: DeviceCodeRequest = {
    scopes: [...request.scopes],
    authority: request.authority,
    deviceCodeCallback: (response) =>
      request.onDeviceCode({
        userCode: response.userCode,
        verificationUri: response.verificationUri,
        message: response.message,
        expiresAt: new Date(request.now().getTime() + response.expiresIn * 1000),
      }),
  };
  const polled = app.acquireTokenByDeviceCode(msalRequest).then((answer) => {
    if (!answer) throw new Error('The device-code sign-in ended without a token.');
    return answer;
  });
  // msal notices `cancel` only at its next poll (seconds away); the user should not wait for it.
  let stopWaiting: (reason: Error) => void = () => {};
  const cancelledByUser = new Promise<never>((_resolve, reject) => {
    stopWaiting = reject;
  });
  polled.catch(() => {}); // after a cancel, msal's own late rejection is expected and ignored
  const result = Promise.race([polled, cancelledByUser]).finally(() => {
    settled = true;
  });
  return {
    result,
    cancel() {
      if (settled || msalRequest.cancel) return false;
      msalRequest.cancel = true;
      stopWaiting(new Error('The device-code sign-in was cancelled.'));
      return true;
    },
    cancelled: () => msalRequest.cancel === true,
  };
}

/**
 * msal-node waits on its own loopback server and offers no way to stop it. A cancel therefore
 * answers that server the way Entra ID answers a declined sign-in (an `error` with the request's
 * `state`, form-posted): msal then stops waiting, closes its server and rejects.
 */
function browserSignIn(app: PublicClientApplication, request: UserSignInRequest): UserSignIn {
  let settled = false;
  let wasCancelled = false;
  let authorizeUrl: string | undefined;

  const declineOnLoopback = async (url: string) => {
    const authorize = new URL(url);
    const redirect = authorize.searchParams.get('redirect_uri');
    const state = authorize.searchParams.get('state');
    if (!redirect || !state) return;
    const target = new URL(redirect);
    // msal listens on 127.0.0.1 but names it localhost, which may resolve to ::1 first.
    if (target.hostname === 'localhost') target.hostname = '127.0.0.1';
    const body = new URLSearchParams({
      error: 'access_denied',
      error_description: 'The sign-in was cancelled in Mooring.',
      state,
    }).toString();
    await new Promise<void>((resolve) => {
      const post = http.request(
        target,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve());
        },
      );
      // The server may already be gone (the user finished at the same moment): nothing to stop.
      post.on('error', () => resolve());
      post.end(body);
    });
  };

  const result = app
    .acquireTokenInteractive({
      scopes: [...request.scopes],
      authority: request.authority,
      ...(request.selectAccount ? { prompt: 'select_account' } : {}),
      ...(request.loginHint ? { loginHint: request.loginHint } : {}),
      successTemplate: successPage,
      errorTemplate: errorPage,
      openBrowser: async (url) => {
        authorizeUrl = url;
        if (wasCancelled) await declineOnLoopback(url);
        else await request.openSignInPage(url);
      },
    })
    .finally(() => {
      settled = true;
    });

  return {
    result,
    cancel() {
      if (settled || wasCancelled) return false;
      wasCancelled = true;
      // Before msal has built the URL, openBrowser above declines instead of opening the browser.
      if (authorizeUrl) void declineOnLoopback(authorizeUrl);
      return true;
    },
    cancelled: () => wasCancelled,
  };
}
