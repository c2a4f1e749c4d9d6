import type { OfflineReason } from '../../shared/ipc/contract-connectivity';
import { classifyAzureFailure } from '../azure/azure-failure';

/** Why a call could not reach Azure, with the code kept and a sentence saying what to do. */
export interface OfflineFinding {
  readonly reason: OfflineReason;
  readonly code: string;
  readonly message: string;
}

/** Codes of a name that did not resolve or a route that does not exist: the network itself. */
const NO_ROUTE = /^(ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|ENETDOWN)$/;

/**
 * Reads a failed call (ARM through the SDK or the operations' session, or a sign-in request) as
 * a connectivity finding: no network (DNS, connection refused, unreachable, dropped), the proxy
 * or TLS (a proxy that refuses or wants a password, a certificate not trusted), or a sign-in
 * needed. Null when Azure answered, or the failure says nothing about reaching it (a cancel, a
 * refusal, our own errors): those never make Mooring offline.
 */
export function offlineFindingOf(error: unknown): OfflineFinding | null {
  const inner = unwrapped(error);
  const failure = classifyAzureFailure(inner);
  switch (failure.kind) {
    case 'sign-in-again':
      return {
        reason: 'sign-in-needed',
        code: failure.code,
        message: `Azure needs you to sign in again (${failure.code}): choose Sign in in Accounts.`,
      };
    case 'network':
      if (failure.code === 'REQUEST_TIMEOUT') return noNetwork(failure.code);
      return { reason: 'proxy-or-tls', code: failure.code, message: failure.message };
    case 'unreachable':
      if (/CERT|SSL|TLS/.test(failure.code)) return proxyOrTls(failure.code);
      return noNetwork(failure.code);
    case 'http':
      return failure.status === 407 ? proxyOrTls(failure.code) : null;
    case 'unexpected':
      // The operations' session names a send with no answer and no code `NoAnswer`.
      return nameOf(inner) === 'NoAnswerError' && failure.code !== 'Stopping'
        ? noNetwork(failure.code === 'NoAnswerError' ? 'NoAnswer' : failure.code)
        : null;
    case 'token': {
      // msal carries a transport failure as `network_error`, its message naming the cause.
      if (failure.code !== 'network_error') return null;
      const cause = messageOf(inner);
      if (/PROXY_|certificate|proxy/i.test(cause)) return proxyOrTls('network_error', cause);
      return noNetwork(/\b(E[A-Z]{4,})\b/.exec(cause)?.[1] ?? 'network_error');
    }
    default:
      return null;
  }
}

function noNetwork(code: string): OfflineFinding {
  return {
    reason: 'no-network',
    code,
    message: NO_ROUTE.test(code)
      ? `Mooring cannot find Azure on the network (${code}): check that this computer is online. Mooring tries again by itself.`
      : `Mooring cannot connect to Azure (${code}): check the network connection. Mooring tries again by itself.`,
  };
}

function proxyOrTls(code: string, detail?: string): OfflineFinding {
  return {
    reason: 'proxy-or-tls',
    code,
    message:
      detail ??
      `The proxy or a TLS certificate stops Mooring reaching Azure (${code}): check Settings › Connection to Azure (proxy, extra CA certificates) or ask your network administrator.`,
  };
}

/** The operations' TokenUnavailableError and the SDK's wrappers keep the original as `cause`. */
function unwrapped(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 3; depth += 1) {
    if (nameOf(current) !== 'TokenUnavailableError') break;
    current = (current as { cause?: unknown }).cause;
  }
  return current;
}

const nameOf = (error: unknown): string | undefined => {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
};

const messageOf = (error: unknown): string => {
  const fields = (error ?? {}) as { errorMessage?: unknown; message?: unknown };
  return typeof fields.errorMessage === 'string'
    ? fields.errorMessage
    : typeof fields.message === 'string'
      ? fields.message
      : '';
};
