import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { OperationView } from '../../../shared/domain/operations';
import { OperationProgress } from '../operations/OperationProgress';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  note: { color: tokens.colorNeutralForeground3 },
});

interface ProgressStepProps {
  readonly operations: readonly OperationView[];
  readonly onDetails: (operationId: string) => void;
  readonly onOpenCompute: (computeId: string) => void;
}

/** The attaches just started, followed live until Azure reports Succeeded or Failed. */
export function ProgressStep({ operations, onDetails, onOpenCompute }: ProgressStepProps) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid="attach-step-progress">
      <Caption1 className={styles.note}>
        Mooring follows each attach to its end even if you close this page, the window or the app;
        the operations tray in the header shows it too.
      </Caption1>
      {operations.map((operation) => (
        <div key={operation.operationId} className={styles.item} data-testid="attach-progress-item">
          <OperationProgress operation={operation} />
          <div className={styles.actions}>
            <Button
              size="small"
              onClick={() => onDetails(operation.operationId)}
              data-testid="attach-progress-details"
            >
              Details, polls and commands
            </Button>
            <Button
              size="small"
              onClick={() => onOpenCompute(operation.computeId)}
              data-testid="attach-progress-open-compute"
            >
              Open compute page
            </Button>
          </div>
        </div>
      ))}
    </div>
  );
}
