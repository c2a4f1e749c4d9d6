import {
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useLayoutEffect, useRef } from 'react';
import { TenantSignInButton } from '../accounts/SignInMethodMenu';
import { rescueFocusFrom } from '../components/focus-after-removal';
import { useAccounts } from '../state/azure-stores';
import type { SignInWaitGroup } from './sign-in-wait';
import { signInTargetOf, signInWaitText, signInWaitTitle } from './sign-in-wait';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  names: { color: tokens.colorNeutralForeground2 },
});

const SHOWN_NAMES = 3;

function namesOf(group: SignInWaitGroup): string {
  const names = group.subscriptions.map((subscription) => subscription.displayName);
  const shown = names.slice(0, SHOWN_NAMES).join(', ');
  return names.length > SHOWN_NAMES ? `${shown} and ${names.length - SHOWN_NAMES} more` : shown;
}

function WaitBar({
  group,
  where,
  extra,
}: {
  group: SignInWaitGroup;
  where: 'picker' | 'inventory';
  extra?: string;
}) {
  const styles = useStyles();
  const busy = useAccounts((state) => state.session !== null);
  const startSignIn = useAccounts((state) => state.startSignIn);
  const { wait } = group;
  const barRef = useRef<HTMLDivElement>(null);
  // Signing in ends the wait and removes this message: focus must not go down with it.
  useLayoutEffect(() => {
    const bar = barRef.current;
    return () => rescueFocusFrom(bar);
  }, []);
  return (
    <MessageBar
      ref={barRef}
      intent="warning"
      layout="multiline"
      data-testid="sign-in-wait"
      data-wait={wait.key}
      data-count={group.subscriptions.length}
    >
      <MessageBarBody>
        <MessageBarTitle>{signInWaitTitle(group)}</MessageBarTitle>
        {signInWaitText(group, where)}
        {extra ? ` ${extra}` : ''}
        <div className={styles.names} data-testid="sign-in-wait-names">
          {namesOf(group)}
        </div>
      </MessageBarBody>
      <MessageBarActions>
        <TenantSignInButton
          tenantName={wait.kind === 'tenant' ? wait.tenantName : wait.username}
          as={wait.kind === 'signed-out'}
          disabled={busy}
          onChoose={(method) => void startSignIn(method, signInTargetOf(wait))}
          testId="sign-in-wait-button"
        />
      </MessageBarActions>
    </MessageBar>
  );
}

/**
 * One message per sign-in that subscriptions wait for, each with the button that signs in: the
 * tenant that demands it, or the signed-out account.
 */
export function SignInWaits({
  groups,
  where,
  extraText,
}: {
  groups: readonly SignInWaitGroup[];
  where: 'picker' | 'inventory';
  /** More to say about one group (the age of its last known record). */
  extraText?: (group: SignInWaitGroup) => string | undefined;
}) {
  const styles = useStyles();
  if (groups.length === 0) return null;
  return (
    <div className={styles.list} data-testid="sign-in-waits">
      {groups.map((group) => {
        const extra = extraText?.(group);
        return (
          <WaitBar key={group.wait.key} group={group} where={where} {...(extra ? { extra } : {})} />
        );
      })}
    </div>
  );
}
