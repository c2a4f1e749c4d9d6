import { Button, Spinner } from '@fluentui/react-components';
import { ArrowSync20Regular } from '@fluentui/react-icons';
import { useAzureGate } from '../connectivity/use-azure-gate';

interface RefreshFromAzureButtonProps {
  readonly running: boolean;
  readonly onRefresh: () => void;
  /** What the button says while the refresh runs. */
  readonly runningLabel: string;
  readonly primary?: boolean;
  readonly testId: string;
}

/**
 * "Refresh from Azure", wherever a view reconciles the local record. While it runs it shows a
 * spinner and refuses clicks but stays focusable, so keyboard focus (and Escape in an overlay)
 * is not lost.
 */
export function RefreshFromAzureButton({
  running,
  onRefresh,
  runningLabel,
  primary = false,
  testId,
}: RefreshFromAzureButtonProps) {
  // Offline, a refresh could only fail: it waits, with the reason said, for Azure to answer.
  const gate = useAzureGate();
  return (
    <Button
      appearance={primary ? 'primary' : 'secondary'}
      icon={running ? <Spinner size="tiny" /> : <ArrowSync20Regular />}
      {...gate.props}
      disabledFocusable={running || gate.blocked}
      onClick={onRefresh}
      data-testid={testId}
    >
      {running ? runningLabel : 'Refresh from Azure'}
    </Button>
  );
}
