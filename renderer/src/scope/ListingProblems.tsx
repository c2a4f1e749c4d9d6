import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ListingProblem } from '../../../shared/domain/subscriptions';
import { problemText } from '../accounts/problem-text';
import { TenantSignInButton } from '../accounts/SignInMethodMenu';
import { useAccounts } from '../state/azure-stores';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

function ProblemBar({ problem }: { problem: ListingProblem }) {
  const busy = useAccounts((state) => state.session !== null);
  const startSignIn = useAccounts((state) => state.startSignIn);
  const account = useAccounts((state) =>
    state.accounts.status === 'ready'
      ? state.accounts.value.find((candidate) => candidate.accountId === problem.accountId)
      : undefined,
  );
  const tenant = account?.tenants.find((candidate) => candidate.tenantId === problem.tenantId);
  const signInAs = tenant !== undefined && tenant.status !== 'ready' ? account : undefined;

  return (
    <MessageBar
      intent="warning"
      layout="multiline"
      data-testid="listing-problem"
      data-tenant-id={problem.tenantId}
    >
      <MessageBarBody>
        <MessageBarTitle>
          {problem.tenantName} was skipped{account ? ` (${account.username})` : ''}
        </MessageBarTitle>
        {problemText(problem.problem)}
        {signInAs && (
          <div>
            <TenantSignInButton
              tenantName={problem.tenantName}
              disabled={busy}
              onChoose={(method) =>
                void startSignIn(method, {
                  kind: 'tenant',
                  accountId: problem.accountId,
                  username: signInAs.username,
                  tenantId: problem.tenantId,
                  tenantName: problem.tenantName,
                })
              }
            />
          </div>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

/** The tenants the last refresh skipped, each with why and, when it helps, a sign-in for it. */
export function ListingProblems({ problems }: { problems: readonly ListingProblem[] }) {
  const styles = useStyles();
  if (problems.length === 0) return null;
  return (
    <div className={styles.list} data-testid="listing-problems">
      {problems.map((problem) => (
        <ProblemBar key={`${problem.accountId}/${problem.tenantId}`} problem={problem} />
      ))}
    </div>
  );
}
