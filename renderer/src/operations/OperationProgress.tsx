import { Badge, Caption1, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { OperationView } from '../../../shared/domain/operations';
import { useNow } from '../inventory/use-now';
import { timeAgo } from '../scope/relative-time';
import { STATUS_LABELS, elapsedMs, formatDuration, isActive } from './operations-model';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  errors: {
    margin: 0,
    padding: tokens.spacingVerticalS,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorPaletteRedBackground1,
    userSelect: 'text',
  },
  code: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  message: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

const STATUS_COLORS = {
  pending: 'informative',
  running: 'brand',
  succeeded: 'success',
  failed: 'danger',
} as const;

/** Every error Azure reported, code and message verbatim, as selectable text. */
export function ErrorList({ errors, label }: { errors: OperationView['errors']; label: string }) {
  const styles = useStyles();
  if (errors.length === 0) return null;
  return (
    <ul className={styles.errors} aria-label={label} data-testid="operation-errors">
      {errors.map((error, index) => (
        <li key={index} data-testid="operation-error">
          <Text as="p" block className={styles.code} data-testid="operation-error-code">
            {error.code}
          </Text>
          <Text as="p" block className={styles.message} data-testid="operation-error-message">
            {error.message}
          </Text>
        </li>
      ))}
    </ul>
  );
}

/**
 * Where an operation stands: its state, how long it has run, when Azure was last asked, and on
 * failure every error verbatim. The elapsed time ticks every second while it runs.
 */
export function OperationProgress({ operation }: { operation: OperationView }) {
  const styles = useStyles();
  const active = isActive(operation);
  const now = useNow(active ? 1000 : 30_000);
  return (
    <div
      className={styles.root}
      data-testid="operation-progress"
      data-operation-id={operation.operationId}
      data-status={operation.status}
    >
      <div className={styles.line}>
        {active && <Spinner size="extra-tiny" aria-hidden="true" />}
        <Badge
          appearance="tint"
          color={STATUS_COLORS[operation.status]}
          data-testid="operation-status"
        >
          {STATUS_LABELS[operation.status]}
        </Badge>
        <Text weight="semibold" data-testid="operation-summary">
          {operation.summary}
        </Text>
      </div>
      {/* Announced as it changes, so a screen reader hears the outcome without moving. */}
      <dl className={styles.facts} aria-live="polite">
        <dt className={styles.term}>
          <Caption1>Provisioning state</Caption1>
        </dt>
        <dd className={styles.value} data-testid="operation-provisioning-state">
          <Caption1>{operation.provisioningState ?? 'Not reported yet'}</Caption1>
        </dd>
        <dt className={styles.term}>
          <Caption1>{active ? 'Running for' : 'Took'}</Caption1>
        </dt>
        <dd className={styles.value} data-testid="operation-elapsed">
          <Caption1>{formatDuration(elapsedMs(operation, now))}</Caption1>
        </dd>
        <dt className={styles.term}>
          <Caption1>Last poll</Caption1>
        </dt>
        <dd className={styles.value} data-testid="operation-last-poll">
          <Caption1
            title={
              operation.lastPolledAt ? new Date(operation.lastPolledAt).toLocaleString() : undefined
            }
          >
            {operation.lastPolledAt
              ? `${timeAgo(operation.lastPolledAt, now)} (${operation.pollCount} ${operation.pollCount === 1 ? 'poll' : 'polls'})`
              : 'Not polled yet'}
          </Caption1>
        </dd>
        {operation.message && (
          <>
            <dt className={styles.term}>
              <Caption1>{active ? 'Now' : 'Outcome'}</Caption1>
            </dt>
            <dd className={styles.value} data-testid="operation-message">
              <Caption1>{operation.message}</Caption1>
            </dd>
          </>
        )}
      </dl>
      <ErrorList errors={operation.errors} label={`Errors of ${operation.summary}`} />
    </div>
  );
}
