import {
  Body1,
  makeStyles,
  mergeClasses,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    maxWidth: '960px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXXL}`,
  },
  // Lists with many columns (the inventory) use the room a wide window gives them.
  wide: { maxWidth: '1320px' },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  heading: { ...typographyStyles.title2, margin: 0, outline: 'none' },
  description: { color: tokens.colorNeutralForeground2 },
});

interface PageProps {
  readonly title: string;
  readonly description: string;
  /** Move focus to the heading when shown, so keyboard and screen-reader users land on the page. */
  readonly focusHeading: boolean;
  readonly testId: string;
  readonly wide?: boolean;
  readonly children: ReactNode;
}

/** One area's page: its heading and description, then its content. */
export function Page({ title, description, focusHeading, testId, wide, children }: PageProps) {
  const styles = useStyles();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focusHeading) headingRef.current?.focus();
  }, [focusHeading]);

  return (
    <section
      className={mergeClasses(styles.root, wide && styles.wide)}
      aria-labelledby={headingId}
      data-testid={testId}
    >
      <header className={styles.header}>
        <h1 id={headingId} ref={headingRef} tabIndex={-1} className={styles.heading}>
          {title}
        </h1>
        <Body1 className={styles.description}>{description}</Body1>
      </header>
      {children}
    </section>
  );
}
