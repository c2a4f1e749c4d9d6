import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { InventoryProblem } from '../../../shared/domain/inventory';
import { problemText } from '../accounts/problem-text';
import { useShell } from '../state/shell-store-context';
import { resourceName } from './compute-presentation';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  more: { alignSelf: 'flex-start' },
});

/** Past this many, the rest wait behind "Show all", so the list stays in view. */
const SHOWN_AT_FIRST = 3;

/** Entra ID refused a token: signing in again (for that tenant) is what helps. */
const needsSignIn = (problem: InventoryProblem) => /^AADSTS/i.test(problem.problem.code);

function problemTitle(problem: InventoryProblem): string {
  if (problem.listing === 'clusters') {
    return `The AKS and Arc clusters of ${problem.subscriptionName} could not be listed`;
  }
  if (problem.listing === 'identities') {
    return `The user-assigned identities of ${problem.subscriptionName} could not be listed`;
  }
  return problem.workspaceId
    ? `The computes of ${resourceName(problem.workspaceId)} (${problem.subscriptionName}) could not be listed`
    : `The workspaces of ${problem.subscriptionName} could not be listed`;
}

function ProblemBar({ problem }: { problem: InventoryProblem }) {
  const navigate = useShell((state) => state.navigate);
  return (
    <MessageBar
      intent="warning"
      layout="multiline"
      data-testid="inventory-problem"
      data-subscription-id={problem.subscriptionId}
      data-workspace-id={problem.workspaceId ?? undefined}
      data-listing={problem.listing}
    >
      <MessageBarBody>
        <MessageBarTitle>{problemTitle(problem)}</MessageBarTitle>
        {problemText(problem.problem)} Until then, Mooring shows what it last recorded there.
      </MessageBarBody>
      {needsSignIn(problem) && (
        <MessageBarActions>
          <Button size="small" onClick={() => navigate('accounts')}>
            Go to Accounts
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/** What the last refresh could not list, each with why and what to do. */
export function InventoryProblems({ problems }: { problems: readonly InventoryProblem[] }) {
  const styles = useStyles();
  const [showAll, setShowAll] = useState(false);
  if (problems.length === 0) return null;
  const shown = showAll ? problems : problems.slice(0, SHOWN_AT_FIRST);
  return (
    <div className={styles.list} data-testid="inventory-problems">
      {shown.map((problem, index) => (
        // A subscription may have several problems of one listing (one per cause).
        <ProblemBar
          key={`${problem.subscriptionId}/${problem.workspaceId ?? ''}/${problem.listing ?? ''}/${index}`}
          problem={problem}
        />
      ))}
      {problems.length > shown.length && (
        <Button
          appearance="subtle"
          size="small"
          className={styles.more}
          onClick={() => setShowAll(true)}
          data-testid="inventory-problems-more"
        >
          Show all {problems.length} problems
        </Button>
      )}
    </div>
  );
}
