import type { ConnectivityState, OfflineReason } from '../../../shared/ipc/contract-connectivity';

export const REASON_TITLES: Record<OfflineReason, string> = {
  'no-network': 'no network connection to Azure',
  'proxy-or-tls': 'the proxy or a TLS certificate blocks the connection',
  'sign-in-needed': 'sign-in needed',
};

/** The banner's reason line: "No network connection to Azure. Mooring cannot connect…". */
export function offlineDetailText(state: ConnectivityState): string {
  const title = state.reason ? REASON_TITLES[state.reason] : 'Azure cannot be reached';
  const sentence = `${title.charAt(0).toUpperCase()}${title.slice(1)}.`;
  return state.message ? `${sentence} ${state.message}` : sentence;
}

/** The short reason for tooltips: "no network connection to Azure (ECONNREFUSED)". */
export function offlineReasonText(state: ConnectivityState): string {
  const title = state.reason ? REASON_TITLES[state.reason] : 'Azure cannot be reached';
  return state.code ? `${title} (${state.code})` : title;
}

/**
 * Why an action that needs Azure is not offered, for its tooltip and description:
 * "Unavailable offline: no network connection to Azure (ECONNREFUSED)."
 */
export function blockedActionText(state: ConnectivityState): string {
  return state.reason === 'sign-in-needed'
    ? `Unavailable until you sign in again: ${state.message ?? 'choose Sign in in Accounts.'}`
    : `Unavailable offline: ${offlineReasonText(state)}.`;
}

/** "14:05, 3 Dec 2026": when the record shown was last known true. */
export function knownAtText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'an unknown time';
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
