import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { CopyButton } from './CopyButton';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: {
    margin: 0,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minWidth: 0,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

/** A resource's properties as a term/value grid (a compute's or a cluster's page). */
export function Facts({ children }: { children: ReactNode }) {
  return <dl className={useStyles().facts}>{children}</dl>;
}

export function Fact({
  term,
  children,
  testId,
}: {
  term: string;
  children: ReactNode;
  testId?: string;
}) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value} data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

/** An id shown in full, in monospace, with a button that copies it. */
export function Copyable({ text, what, testId }: { text: string; what: string; testId: string }) {
  const styles = useStyles();
  return (
    <>
      <span className={styles.mono} data-testid={testId}>
        {text}
      </span>
      <CopyButton text={text} what={what} testId={`${testId}-copy`} />
    </>
  );
}
