import {
  Badge,
  Caption1,
  Spinner,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { OperationView } from '../../../shared/domain/operations';
import { timeAgo } from '../scope/relative-time';
import {
  STATUS_LABELS,
  elapsedMs,
  formatDuration,
  isActive,
  lastActivity,
} from './operations-model';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    width: '100%',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    cursor: 'pointer',
    fontFamily: 'inherit',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  summary: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontWeight: tokens.fontWeightSemibold,
  },
  meta: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
});

const COLORS = {
  pending: 'informative',
  running: 'brand',
  succeeded: 'success',
  failed: 'danger',
} as const;

interface OperationListProps {
  readonly operations: readonly OperationView[];
  readonly now: number;
  readonly label: string;
  readonly onOpen: (operationId: string) => void;
  readonly testId: string;
}

/** Operations as buttons, each opening its details: state, summary, age, first error. */
export function OperationList({ operations, now, label, onOpen, testId }: OperationListProps) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label} data-testid={testId}>
      {operations.map((operation) => {
        const active = isActive(operation);
        const firstError = operation.errors[0];
        const when = active
          ? `running for ${formatDuration(elapsedMs(operation, now))}`
          : `ended ${timeAgo(new Date(lastActivity(operation)).toISOString(), now)}`;
        return (
          <li key={operation.operationId}>
            <button
              type="button"
              className={mergeClasses(styles.item)}
              onClick={() => onOpen(operation.operationId)}
              data-testid="operation-item"
              data-operation-id={operation.operationId}
              data-status={operation.status}
            >
              <span className={styles.line}>
                {active && <Spinner size="extra-tiny" aria-hidden="true" />}
                <Badge appearance="tint" size="small" color={COLORS[operation.status]}>
                  {STATUS_LABELS[operation.status]}
                </Badge>
                <span className={styles.summary}>{operation.summary}</span>
              </span>
              <Caption1 className={styles.meta}>
                {operation.workspaceName} · {when}
              </Caption1>
              {operation.status === 'failed' && firstError && (
                <Caption1 className={styles.error}>
                  {firstError.code}: {firstError.message}
                </Caption1>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
