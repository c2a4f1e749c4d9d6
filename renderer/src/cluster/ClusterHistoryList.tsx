import { Body1, Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { ClusterHistoryEntry } from '../../../shared/domain/cluster-history';
import { timeAgo } from '../scope/relative-time';
import { historyLines } from './cluster-page-model';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexDirection: 'column',
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  line: {
    display: 'grid',
    gridTemplateColumns: '10rem minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalXS} 0`,
    ':not(:first-child)': {
      borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    },
  },
  when: { color: tokens.colorNeutralForeground3 },
  changed: { color: tokens.colorPaletteMarigoldForeground2 },
  removed: { color: tokens.colorPaletteRedForeground1 },
});

/** The cluster's history from the record, newest first. */
export function ClusterHistoryList({
  entries,
  now,
}: {
  entries: readonly ClusterHistoryEntry[];
  now: number;
}) {
  const styles = useStyles();
  const lines = useMemo(() => historyLines(entries), [entries]);
  if (lines.length === 0) {
    return (
      <Body1 data-testid="cluster-page-history-empty">
        No history is recorded for this cluster yet: the next refresh from Azure starts it.
      </Body1>
    );
  }
  return (
    <ol className={styles.list} aria-label="History, newest first">
      {lines.map((line, index) => (
        <li
          key={`${line.at}-${index}`}
          className={styles.line}
          data-testid="cluster-history-line"
          data-kind={line.kind}
          data-fields={line.fields.join(' ')}
        >
          <Caption1 className={styles.when} title={new Date(line.at).toLocaleString()}>
            {timeAgo(line.at, now)}
          </Caption1>
          <Body1
            className={mergeClasses(
              line.kind === 'changed' && styles.changed,
              line.kind === 'removed' && styles.removed,
            )}
          >
            {line.text}
          </Body1>
        </li>
      ))}
    </ol>
  );
}
