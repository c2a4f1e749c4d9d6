import { Toast, ToastBody, ToastTitle, useToastController } from '@fluentui/react-components';
import { useEffect } from 'react';
import { useAzureStores } from '../state/azure-stores';
import type { SignInOutcome } from '../state/accounts-store';
import { accountLabel } from '../state/accounts-store';
import { APP_TOASTER_ID } from '../shell/toaster-id';
import { problemText } from './problem-text';

function toastFor(outcome: SignInOutcome) {
  const where = outcome.target.kind === 'tenant' ? ` to ${outcome.target.tenantName}` : '';
  switch (outcome.kind) {
    case 'signed-in':
      return {
        intent: 'success' as const,
        title: outcome.account
          ? `Signed in${where} as ${accountLabel(outcome.account)}`
          : `Signed in${where}`,
        body:
          outcome.target.kind === 'tenant'
            ? 'Its subscriptions are being listed.'
            : 'Your tenants and subscriptions are being listed.',
      };
    case 'cancelled':
      return { intent: 'info' as const, title: 'Sign-in cancelled', body: null };
    case 'failed':
      return {
        intent: 'error' as const,
        title: `Signing in${where} failed`,
        body: problemText(outcome.problem),
      };
  }
}

/** A toast for each finished sign-in, wherever the user is in the app. */
export function SignInToasts() {
  const { accounts } = useAzureStores();
  const { dispatchToast } = useToastController(APP_TOASTER_ID);

  useEffect(
    () =>
      accounts.subscribe((state, previous) => {
        if (state.outcomeSequence === previous.outcomeSequence || !state.outcome) return;
        const { intent, title, body } = toastFor(state.outcome);
        dispatchToast(
          <Toast data-testid={`sign-in-toast-${state.outcome.kind}`}>
            <ToastTitle>{title}</ToastTitle>
            {body && <ToastBody>{body}</ToastBody>}
          </Toast>,
          { intent, timeout: intent === 'error' ? 10_000 : 5_000 },
        );
      }),
    [accounts, dispatchToast],
  );
  return null;
}
