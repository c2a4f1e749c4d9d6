import { Button, Caption1, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import type { RefreshProgress } from '../../../shared/ipc/contract-refresh';
import { refreshProgressText } from '../state/refresh-progress-store';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  text: {
    color: tokens.colorNeutralForeground3,
    flexGrow: 1,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
});

/**
 * "n of N — subscription": a determinate bar once the main process has said how many
 * subscriptions there are (indeterminate until then), and Cancel.
 */
export function RefreshProgressBar({
  progress,
  cancelling,
  onCancel,
}: {
  progress: RefreshProgress | null;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const known = progress !== null && progress.status === 'running' && progress.total > 0;
  const text = known ? refreshProgressText(progress) : 'Starting…';
  return (
    <div className={styles.root} data-testid="inventory-refreshing">
      <ProgressBar
        thickness="medium"
        aria-label="Refreshing from Azure"
        aria-valuetext={text}
        {...(known ? { value: progress.done / progress.total } : {})}
        data-testid="inventory-refresh-progress"
      />
      <div className={styles.line}>
        <Caption1 className={styles.text} role="status" data-testid="inventory-refresh-status">
          {cancelling ? `Cancelling… ${text}` : text}
        </Caption1>
        <Button
          size="small"
          appearance="subtle"
          disabledFocusable={cancelling || progress?.status !== 'running'}
          onClick={onCancel}
          data-testid="inventory-refresh-cancel"
        >
          Cancel
        </Button>
      </div>
    </div>
  );
}
