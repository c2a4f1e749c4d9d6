import { Caption1, Link, makeStyles, tokens } from '@fluentui/react-components';
import { Open20Regular } from '@fluentui/react-icons';
import type { RoleCommands } from '../../../shared/domain/roles';
import { CommandBlock } from '../components/CommandBlock';

const useStyles = makeStyles({
  commands: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    gridColumn: '1 / -1',
  },
  summary: { cursor: 'pointer', color: tokens.colorBrandForegroundLink },
});

/** az, PowerShell and the portal's IAM page of a scope, behind a disclosure the keyboard opens. */
export function RoleCommandsView({
  commands,
  testId,
  summary = 'Equivalent commands and the portal',
}: {
  commands: RoleCommands;
  testId: string;
  summary?: string;
}) {
  const styles = useStyles();
  return (
    <details className={styles.commands} data-testid={testId}>
      <summary className={styles.summary}>{summary}</summary>
      <CommandBlock label="Azure CLI" text={commands.az} testId={`${testId}-az`} />
      <CommandBlock
        label="Azure PowerShell"
        text={commands.powershell}
        testId={`${testId}-powershell`}
      />
      {commands.portalUrl ? (
        <Link
          href={commands.portalUrl}
          target="_blank"
          rel="noreferrer noopener"
          data-testid={`${testId}-portal`}
        >
          <Open20Regular aria-hidden="true" /> Open Access control (IAM) in the Azure portal
        </Link>
      ) : (
        <Caption1>This cloud has no portal address Mooring knows.</Caption1>
      )}
    </details>
  );
}
