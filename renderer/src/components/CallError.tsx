import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import type { IpcError } from '../../../shared/ipc/result';

interface CallErrorProps {
  /** What failed, in the user's words ("The theme could not be saved"). */
  readonly title: string;
  readonly error: IpcError;
  readonly onRetry?: () => void;
  readonly testId?: string;
}

/** A failed contract call: what failed, the main process's own message, and a retry if useful. */
export function CallError({ title, error, onRetry, testId }: CallErrorProps) {
  return (
    <MessageBar intent="error" layout="multiline" data-testid={testId}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {error.message}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button size="small" onClick={onRetry}>
            Try again
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
