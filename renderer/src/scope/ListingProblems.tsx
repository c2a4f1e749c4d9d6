import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ListingProblem } from '../../../shared/domain/subscriptions';
import { groupListingProblems, listingGroupTitle } from './listing-problem-groups';
import type { ListingProblemGroup } from './listing-problem-groups';
import { TenantSignInButton } from '../accounts/SignInMethodMenu';
import { useAccounts } from '../state/azure-stores';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

function ProblemBar({ group }: { group: ListingProblemGroup }) {
  const busy = useAccounts((state) => state.session !== null);
  const startSignIn = useAccounts((state) => state.startSignIn);
  const account = useAccounts((state) =>
    state.accounts.status === 'ready'
      ? state.accounts.value.find((candidate) => candidate.accountId === group.accountId)
      : undefined,
  );
  // The first tenant that still needs the sign-in; signing in there renews the account's
  // sign-in for the others too (they share its refresh token).
  const problem = group.problems.find((candidate) => {
    const tenant = account?.tenants.find((t) => t.tenantId === candidate.tenantId);
    return tenant !== undefined && tenant.status !== 'ready';
  });
  const signInAs = problem ? account : undefined;
  const first = group.problems[0];

  return (
    <MessageBar
      intent="warning"
      layout="multiline"
      data-testid="listing-problem"
      data-tenant-id={first?.tenantId}
      data-count={group.problems.length}
    >
      <MessageBarBody>
        <MessageBarTitle>
          {listingGroupTitle(group)}
          {account ? ` (${account.username})` : ''}
        </MessageBarTitle>
        {group.text}
        {signInAs && problem && (
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
      {groupListingProblems(problems).map((group) => (
        <ProblemBar key={group.key} group={group} />
      ))}
    </div>
  );
}
