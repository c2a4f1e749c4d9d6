import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { CallError } from '../components/CallError';
import { useAccounts } from '../state/azure-stores';
import type { SignInTarget } from '../state/accounts-store';
import { problemText } from './problem-text';

const failedTitle = (target: SignInTarget) =>
  target.kind === 'tenant' ? `Signing in to ${target.tenantName} failed` : 'Signing in failed';

/**
 * A failed sign-in stays on the Accounts page until dismissed, with its AADSTS code, so the user
 * can read it (or pass it to their administrator) after the toast has gone.
 */
export function SignInOutcomeBar() {
  const outcome = useAccounts((state) => state.outcome);
  const requestError = useAccounts((state) => state.requestError);
  const dismissOutcome = useAccounts((state) => state.dismissOutcome);
  const dismissRequestError = useAccounts((state) => state.dismissRequestError);
  const startSignIn = useAccounts((state) => state.startSignIn);
  const method = useAccounts((state) => state.session?.method ?? null);

  return (
    <>
      {requestError && (
        <CallError
          title={requestError.title}
          error={requestError.error}
          onDismiss={dismissRequestError}
          testId="sign-in-request-error"
        />
      )}
      {outcome?.kind === 'failed' && (
        <MessageBar intent="error" layout="multiline" data-testid="sign-in-failed">
          <MessageBarBody>
            <MessageBarTitle>{failedTitle(outcome.target)}</MessageBarTitle>
            <span data-testid="sign-in-failed-problem">{problemText(outcome.problem)}</span>
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                aria-label="Dismiss"
                icon={<DismissRegular />}
                onClick={dismissOutcome}
              />
            }
          >
            <Button
              size="small"
              disabled={method !== null}
              onClick={() => void startSignIn('browser', outcome.target)}
            >
              Try again in the browser
            </Button>
            <Button
              size="small"
              disabled={method !== null}
              onClick={() => void startSignIn('device-code', outcome.target)}
            >
              Use a device code
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </>
  );
}
