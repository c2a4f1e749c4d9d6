import { Button, Spinner } from '@fluentui/react-components';
import { ArrowSync20Regular } from '@fluentui/react-icons';

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
  return (
    <Button
      appearance={primary ? 'primary' : 'secondary'}
      icon={running ? <Spinner size="tiny" /> : <ArrowSync20Regular />}
      disabledFocusable={running}
      onClick={onRefresh}
      data-testid={testId}
    >
      {running ? runningLabel : 'Refresh from Azure'}
    </Button>
  );
}
