import { Badge, Body1, Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactElement } from 'react';

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
});

interface EmptyStateProps {
  readonly icon: ReactElement;
  readonly title: string;
  /** What will be here once the area exists; never sample data in its place. */
  readonly children: string;
  readonly testId?: string;
}

/** An area that has nothing to show yet, saying honestly what will be there. */
export function EmptyState({ icon, title, children, testId }: EmptyStateProps) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid={testId}>
      <span className={styles.icon} aria-hidden="true">
        {icon}
      </span>
      <Badge appearance="tint" color="informative">
        Not available yet
      </Badge>
      <Subtitle1 as="h2" className={styles.title}>
        {title}
      </Subtitle1>
      <Body1 className={styles.body}>{children}</Body1>
    </div>
  );
}
