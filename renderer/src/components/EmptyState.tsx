import { Badge, Body1, Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactElement, ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalM,
    maxWidth: '560px',
    margin: `${tokens.spacingVerticalXXXL} auto 0`,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
    borderRadius: tokens.borderRadiusXLarge,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  icon: {
    display: 'flex',
    fontSize: '48px',
    color: tokens.colorBrandForeground1,
  },
  title: { margin: 0 },
  body: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

interface EmptyStateProps {
  readonly icon: ReactElement;
  readonly title: string;
  /** What is missing and what will be here; never sample data in its place. */
  readonly children: ReactNode;
  /** The area itself does not exist yet (as opposed to having no data yet). */
  readonly notYetAvailable?: boolean;
  /** What the user can do about it. */
  readonly actions?: ReactNode;
  readonly testId?: string;
}

/** Nothing to show here (yet): say honestly why, and what the user can do. */
export function EmptyState({
  icon,
  title,
  children,
  notYetAvailable = false,
  actions,
  testId,
}: EmptyStateProps) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid={testId}>
      <span className={styles.icon} aria-hidden="true">
        {icon}
      </span>
      {notYetAvailable ? (
        <Badge appearance="tint" color="informative">
          Not available yet
        </Badge>
      ) : null}
      <Subtitle1 as="h2" className={styles.title}>
        {title}
      </Subtitle1>
      <Body1 className={styles.body}>{children}</Body1>
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </div>
  );
}
