import type { AccountView, TenantProblem } from '../../../shared/domain/accounts';
import type { SubscriptionView } from '../../../shared/domain/subscriptions';
import type { SignInTarget } from '../state/accounts-store';

/**
 * Why Mooring cannot reach a subscription right now although it keeps it in the list: its
 * tenant demands an interactive sign-in of the account used, or that account is signed out.
 * `key` names the cause, so many subscriptions waiting for one sign-in give one message.
 */
export type SignInWait =
  | {
      readonly kind: 'tenant';
      readonly key: string;
      readonly accountId: string;
      readonly username: string;
      readonly tenantId: string;
      readonly tenantName: string;
      readonly problem: TenantProblem | null;
    }
  | {
      readonly kind: 'signed-out';
      readonly key: string;
      readonly accountId: string;
      readonly username: string;
    };

/**
 * The wait of one subscription, or null when it can be used now. With the accounts not known
 * yet (still loading), nothing is claimed.
 */
export function signInWaitOf(
  subscription: SubscriptionView,
  accounts: readonly AccountView[] | null,
): SignInWait | null {
  if (!accounts) return null;
  const account = accounts.find((candidate) => candidate.accountId === subscription.accountId);
  if (!account) {
    return {
      kind: 'signed-out',
      key: `account:${subscription.accountId}`,
      accountId: subscription.accountId,
      username: subscription.accountUsername,
    };
  }
  const tenant = account.tenants.find((candidate) => candidate.tenantId === subscription.tenantId);
  // A tenant the account no longer lists: the next refresh drops what it saw there.
  if (!tenant || tenant.status === 'ready') return null;
  return {
    kind: 'tenant',
    key: `tenant:${account.accountId}:${tenant.tenantId}`,
    accountId: account.accountId,
    username: account.username,
    tenantId: tenant.tenantId,
    tenantName: tenant.displayName,
    problem: tenant.problem,
  };
}

/** One sign-in and every subscription waiting for it. */
export interface SignInWaitGroup {
  readonly wait: SignInWait;
  readonly subscriptions: readonly SubscriptionView[];
}

/** The waits of these subscriptions, one group per cause, in the order first met. */
export function groupSignInWaits(
  subscriptions: readonly SubscriptionView[],
  accounts: readonly AccountView[] | null,
): SignInWaitGroup[] {
  const groups = new Map<string, { wait: SignInWait; subscriptions: SubscriptionView[] }>();
  for (const subscription of subscriptions) {
    const wait = signInWaitOf(subscription, accounts);
    if (!wait) continue;
    const group = groups.get(wait.key);
    if (group) group.subscriptions.push(subscription);
    else groups.set(wait.key, { wait, subscriptions: [subscription] });
  }
  return [...groups.values()];
}

/** The sign-in that ends a wait: that tenant alone, or the account again. */
export const signInTargetOf = (wait: SignInWait): SignInTarget =>
  wait.kind === 'tenant'
    ? {
        kind: 'tenant',
        accountId: wait.accountId,
        username: wait.username,
        tenantId: wait.tenantId,
        tenantName: wait.tenantName,
      }
    : { kind: 'account', signInAs: wait.username };

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The heading of a wait: who has to sign in where. */
export function signInWaitTitle(group: SignInWaitGroup): string {
  const { wait } = group;
  return wait.kind === 'tenant'
    ? `${wait.tenantName} needs ${wait.username} to sign in`
    : `${wait.username} is signed out`;
}

/** What a wait means for the subscriptions, and what to do about it. */
export function signInWaitText(group: SignInWaitGroup, where: 'picker' | 'inventory'): string {
  const { wait } = group;
  const one = group.subscriptions.length === 1;
  const waiting = count(group.subscriptions.length, 'subscription waits', 'subscriptions wait');
  const them = one ? 'it' : 'them';
  const action =
    wait.kind === 'tenant'
      ? `Sign in to ${wait.tenantName} to use ${them} again.`
      : `Sign in as ${wait.username} to use ${them} again.`;
  const kept =
    where === 'picker'
      ? `Mooring keeps ${one ? 'its' : 'their'} selection and favourites meanwhile.`
      : 'Mooring shows what it last recorded there meanwhile.';
  const why =
    wait.kind === 'tenant' && wait.problem?.code
      ? ` The tenant asks for it (${wait.problem.code}).`
      : '';
  return `${waiting} for this sign-in.${why} ${action} ${kept}`;
}
