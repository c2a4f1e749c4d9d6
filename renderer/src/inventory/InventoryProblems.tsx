import {
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { InventoryProblem } from '../../../shared/domain/inventory';
import { TenantSignInButton } from '../accounts/SignInMethodMenu';
import { useAccounts, useSubscriptions } from '../state/azure-stores';
import { groupInventoryProblems } from './problem-groups';
import type { InventoryProblemGroup, SubscriptionPlace } from './problem-groups';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  more: { alignSelf: 'flex-start' },
  names: { display: 'block', color: tokens.colorNeutralForeground2 },
});

/** Past this many, the rest wait behind "Show all", so the list stays in view. */
const SHOWN_AT_FIRST = 3;

function ProblemBar({ group }: { group: InventoryProblemGroup }) {
  const styles = useStyles();
  const busy = useAccounts((state) => state.session !== null);
  const startSignIn = useAccounts((state) => state.startSignIn);
  const account = useAccounts((state) =>
    state.accounts.status === 'ready' && group.signIn
      ? state.accounts.value.find((candidate) => candidate.accountId === group.signIn?.accountId)
      : undefined,
  );
  const [first] = group.problems;
  return (
    <MessageBar
      intent="warning"
      layout="multiline"
      data-testid="inventory-problem"
      data-subscription-id={first?.subscriptionId}
      data-workspace-id={first?.workspaceId ?? undefined}
      data-listing={first?.listing}
      data-count={group.problems.length}
    >
      <MessageBarBody>
        <MessageBarTitle>{group.title}</MessageBarTitle>
        {group.text} Until then, Mooring shows what it last recorded there.
        {group.names.length > 0 && (
          <Caption1 className={styles.names} data-testid="inventory-problem-names">
            {group.names.join(', ')}
          </Caption1>
        )}
      </MessageBarBody>
      {group.signIn && account && (
        <MessageBarActions>
          <TenantSignInButton
            tenantName={group.signIn.tenantName}
            disabled={busy}
            testId="inventory-problem-sign-in"
            onChoose={(method) => {
              const target = group.signIn;
              if (!target) return;
              void startSignIn(method, {
                kind: 'tenant',
                accountId: target.accountId,
                username: account.username,
                tenantId: target.tenantId,
                tenantName: target.tenantName,
              });
            }}
          />
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/**
 * What the last refresh could not list, one message per cause with why and what to do. Those
 * of subscriptions now waiting for a sign-in are said by that wait's message instead.
 */
export function InventoryProblems({
  problems,
  waiting,
}: {
  problems: readonly InventoryProblem[];
  waiting: ReadonlySet<string>;
}) {
  const styles = useStyles();
  const [showAll, setShowAll] = useState(false);
  const subscriptions = useSubscriptions((state) =>
    state.snapshot.status === 'ready' ? state.snapshot.value.subscriptions : null,
  );
  const groups = useMemo(() => {
    const places = new Map<string, SubscriptionPlace>(
      (subscriptions ?? []).map((s) => [
        s.subscriptionId,
        { tenantId: s.tenantId, tenantName: s.tenantName, accountId: s.accountId },
      ]),
    );
    return groupInventoryProblems(problems, (id) => places.get(id), waiting);
  }, [problems, subscriptions, waiting]);
  if (groups.length === 0) return null;
  const shown = showAll ? groups : groups.slice(0, SHOWN_AT_FIRST);
  return (
    <div className={styles.list} data-testid="inventory-problems">
      {shown.map((group) => (
        <ProblemBar key={group.key} group={group} />
      ))}
      {groups.length > shown.length && (
        <Button
          appearance="subtle"
          size="small"
          className={styles.more}
          onClick={() => setShowAll(true)}
          data-testid="inventory-problems-more"
        >
          Show all {groups.length} problems
        </Button>
      )}
    </div>
  );
}
