import { Badge, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PreflightReport } from '../../../shared/domain/operations';
import { CommandBlock } from '../components/CommandBlock';
import { CHECK_LABELS, OUTCOME_LABELS, OUTCOME_TONES, orderFindings } from './preflight-model';

const useStyles = makeStyles({
  list: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  check: { color: tokens.colorNeutralForeground3 },
  detail: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

/**
 * Every preflight finding, failures first: what was found, what it means, and the command that
 * fixes it. "Not checked" is its own outcome: a check that could not be made never passes.
 */
export function PreflightFindings({ report }: { report: PreflightReport }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label="Preflight findings" data-testid="preflight-findings">
      {orderFindings(report.findings).map((finding, index) => (
        <li
          key={`${finding.check}-${index}`}
          className={styles.item}
          data-testid="preflight-finding"
          data-check={finding.check}
          data-outcome={finding.outcome}
        >
          <span className={styles.line}>
            <Badge
              appearance="tint"
              color={OUTCOME_TONES[finding.outcome]}
              data-testid="preflight-outcome"
            >
              {OUTCOME_LABELS[finding.outcome]}
            </Badge>
            <Caption1 className={styles.check}>{CHECK_LABELS[finding.check]}</Caption1>
            <Text weight="semibold" data-testid="preflight-title">
              {finding.title}
            </Text>
          </span>
          <Text className={styles.detail} data-testid="preflight-detail">
            {finding.detail}
          </Text>
          {finding.command && (
            <CommandBlock label="Command" text={finding.command} testId="preflight-command" />
          )}
        </li>
      ))}
    </ul>
  );
}
