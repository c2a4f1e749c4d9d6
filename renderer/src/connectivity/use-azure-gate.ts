import { useStore } from 'zustand';
import type { ConnectivityState } from '../../../shared/ipc/contract-connectivity';
import { useAzureStores } from '../state/azure-stores';
import { blockedActionText } from './offline-text';

/**
 * What an action that needs Azure is, while Azure cannot be reached: `blocked` with the reason
 * as `title` (its tooltip) and `aria-description`. Spread `props` on the action's Button; it stays
 * focusable (so the reason can be read) but does nothing. `sign-in` actions are only blocked when
 * the network is the problem: a sign-in is what ends "sign-in needed".
 */
export interface AzureGate {
  readonly blocked: boolean;
  readonly reason: string | null;
  readonly props: {
    readonly disabledFocusable?: boolean;
    readonly title?: string;
    readonly 'aria-description'?: string;
    readonly 'data-offline'?: 'blocked';
  };
}

const OPEN: AzureGate = { blocked: false, reason: null, props: {} };

export function useAzureGate(kind: 'azure' | 'sign-in' = 'azure'): AzureGate {
  const state = useStore(useAzureStores().connectivity, (s) => s.connectivity);
  return azureGateFor(state, kind);
}

/** The gate for one state of the connectivity monitor (null: not known yet, so nothing waits). */
export function azureGateFor(
  state: ConnectivityState | null,
  kind: 'azure' | 'sign-in' = 'azure',
): AzureGate {
  if (state?.status !== 'offline') return OPEN;
  if (kind === 'sign-in' && state.reason === 'sign-in-needed') return OPEN;
  const reason = blockedActionText(state);
  return {
    blocked: true,
    reason,
    props: {
      disabledFocusable: true,
      title: reason,
      'aria-description': reason,
      'data-offline': 'blocked',
    },
  };
}
