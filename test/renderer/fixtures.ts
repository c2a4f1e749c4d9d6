import type { AccountView } from '../../shared/domain/accounts';
import type { SubscriptionView } from '../../shared/domain/subscriptions';
import type { MooringClient } from '../../shared/ipc/client';
import type { OperationName } from '../../shared/ipc/contract';

export const CONTOSO = 'bd79c068-555e-57b3-b248-2d47f661607e';
export const FABRIKAM = '9c5a4304-2bef-52f6-b840-53cdc67f42de';
export const NORTHWIND = '6b4a7449-492c-501f-8df8-29fe7db32aaf';

const TENANT_NAMES: Record<string, string> = {
  [CONTOSO]: 'Contoso Ltd',
  [FABRIKAM]: 'Fabrikam Inc',
  [NORTHWIND]: 'Northwind Traders',
};

let counter = 0;
/** A subscription as the main process would report it; only what a test names differs. */
export function subscription(overrides: Partial<SubscriptionView> = {}): SubscriptionView {
  counter += 1;
  const tenantId = overrides.tenantId ?? CONTOSO;
  return {
    subscriptionId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    displayName: `Subscription ${counter}`,
    state: 'Enabled',
    tenantId,
    tenantName: TENANT_NAMES[tenantId] ?? 'Some tenant',
    accountId: `oid.${CONTOSO}`,
    accountUsername: 'admin@contoso.com',
    alsoSeenBy: [],
    selected: false,
    hidden: false,
    favourite: false,
    lastSeenAt: '2026-11-25T10:00:00.000Z',
    offered: false,
    ...overrides,
  };
}

export const megan: AccountView = {
  accountId: `oid.${CONTOSO}`,
  username: 'admin@contoso.com',
  name: 'Megan Bowen',
  homeTenantId: CONTOSO,
  tenants: [
    {
      tenantId: CONTOSO,
      displayName: 'Contoso Ltd',
      defaultDomain: 'contoso.onmicrosoft.com',
      isHomeTenant: true,
      status: 'ready',
      problem: null,
    },
  ],
};

type Answer = (input: unknown) => Promise<unknown>;

/**
 * A contract client whose operations answer what a test scripts, recording every call. An
 * operation nobody scripted fails the test loudly instead of hanging it.
 */
export function scriptedClient(answers: Partial<Record<OperationName, Answer>>) {
  const calls: { name: OperationName; input: unknown }[] = [];
  const call = new Proxy(
    {},
    {
      get: (_target, name: string) => (input: unknown) => {
        calls.push({ name: name as OperationName, input });
        const answer = answers[name as OperationName];
        if (!answer) throw new Error(`The test did not script ${name}.`);
        return answer(input);
      },
    },
  );
  const client = { call, on: () => () => undefined } as unknown as MooringClient; // a Proxy stands in for every operation
  return { client, calls };
}

/** A promise the test settles when it chooses, to put answers and events in a chosen order. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
