import {
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { IpcError } from '../../../shared/ipc/result';

/** What failed in a sentence, whatever the main process sent; its code goes in the details. */
export const callErrorText = (error: IpcError): string =>
  error.message.trim() ||
  'Mooring could not complete this; try again, and see the log if it keeps failing.';

interface CallErrorProps {
  /** What failed, in the user's words ("The theme could not be saved"). */
  readonly title: string;
  readonly error: IpcError;
  readonly onRetry?: () => void;
  /** Shown as a close button when the error can be put away without retrying. */
  readonly onDismiss?: () => void;
  readonly testId?: string;
}

/** A failed contract call: what failed, the main process's own message, and a retry if useful. */
export function CallError({ title, error, onRetry, onDismiss, testId }: CallErrorProps) {
  return (
    <MessageBar intent="error" layout="multiline" data-testid={testId}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {callErrorText(error)}
        <details>
          <summary>
            <Caption1>Details</Caption1>
          </summary>
          <Caption1 data-testid="call-error-code">Code: {error.code}</Caption1>
        </details>
      </MessageBarBody>
      {(onRetry || onDismiss) && (
        <MessageBarActions
          containerAction={
            onDismiss && (
              <Button
                appearance="transparent"
                aria-label="Dismiss"
                icon={<DismissRegular />}
                onClick={onDismiss}
              />
            )
          }
        >
          {onRetry && (
            <Button size="small" onClick={onRetry}>
              Try again
            </Button>
          )}
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
