import { z } from 'zod';
import {
  AccountId,
  AccountView,
  DeviceCodePrompt,
  Guid,
  SignInMethod,
  TenantProblem,
} from '../domain/accounts';
import { ConnectionSettings, ConnectionView } from '../domain/connection';
import { InventorySnapshot } from '../domain/inventory';
import { SubscriptionFilterChange, SubscriptionsSnapshot } from '../domain/subscriptions';
import { ThemeChoice } from '../domain/theme';
import { event, operation } from './contract-kit';
import { NoInput } from './no-input';
import { activityOperations } from './contract-activity';
import { operationsEvents, operationsOperations } from './contract-operations';
import { signInPageEvents } from './contract-sign-in-page';
import { rolesEvents, rolesOperations } from './contract-roles';
import { refreshEvents, refreshOperations } from './contract-refresh';
import { connectivityEvents, connectivityOperations } from './contract-connectivity';
import { inventoryRowsOperations } from './contract-inventory-rows';
import { clustersOperations } from './contract-clusters';
const SignInStarted = z.object({ signInId: z.string() });

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  databasePath: z.string(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const AppSettings = z.object({
  theme: ThemeChoice,
});
export type AppSettings = z.infer<typeof AppSettings>;

/**
 * The one list of everything the renderer may ask of the main process and everything the main
 * process may push. The preload exposes exactly these names; the main process validates every
 * input against these schemas before a handler runs.
 */
export const contract = {
  operations: {
    'app.getInfo': operation({
      summary: 'The app version and where the local database lives.',
      input: NoInput,
      output: AppInfo,
    }),
    'settings.get': operation({
      summary: 'The user settings stored in the local database.',
      input: NoInput,
      output: AppSettings,
    }),
    'settings.setTheme': operation({
      summary: 'Store the theme choice; answers the updated settings.',
      input: z.object({ theme: ThemeChoice }).strict(),
      output: AppSettings,
    }),
    'accounts.list': operation({
      summary: 'Signed-in accounts, each with its tenants and whether they need sign-in.',
      input: NoInput,
      output: z.array(AccountView),
    }),
    'accounts.signIn': operation({
      summary: 'Start adding an account; progress arrives as signIn.* events.',
      input: z.object({ method: SignInMethod }).strict(),
      output: SignInStarted,
    }),
    'accounts.cancelSignIn': operation({
      summary: 'Stop a sign-in that is still waiting for the user.',
      input: z.object({ signInId: z.string().min(1).max(100) }).strict(),
      output: z.object({ cancelled: z.boolean() }),
    }),
    'accounts.signOut': operation({
      summary: 'Forget one account and its tokens; answers the remaining accounts.',
      input: z.object({ accountId: AccountId }).strict(),
      output: z.array(AccountView),
    }),
    'tenants.signIn': operation({
      summary: 'The interactive sign-in one tenant demands (MFA, Conditional Access, consent).',
      input: z.object({ accountId: AccountId, tenantId: Guid, method: SignInMethod }).strict(),
      output: SignInStarted,
    }),
    'subscriptions.get': operation({
      summary: 'Subscriptions and filters from the local record (instant, offline too).',
      input: NoInput,
      output: SubscriptionsSnapshot,
    }),
    'subscriptions.refresh': operation({
      summary: 'List subscriptions from Azure for every signed-in account and tenant.',
      input: NoInput,
      output: SubscriptionsSnapshot,
    }),
    'subscriptions.setFilters': operation({
      summary: 'Select, hide or favourite subscriptions.',
      input: z.object({ changes: z.array(SubscriptionFilterChange).min(1).max(10_000) }).strict(),
      output: SubscriptionsSnapshot,
    }),
    'inventory.get': operation({
      summary:
        'Workspaces and computes of the selected subscriptions from the local record (instant, offline too).',
      input: NoInput,
      output: InventorySnapshot,
    }),
    'inventory.refresh': operation({
      summary: 'Reconcile the local record of workspaces and computes with Azure, recording drift.',
      input: NoInput,
      output: InventorySnapshot,
    }),
    'connection.get': operation({
      summary: 'Cloud, client id, proxy, extra CAs and token storage, with what policy locks.',
      input: NoInput,
      output: ConnectionView,
    }),
    'connection.update': operation({
      summary: 'Change connection settings; every field is validated, policy-locked ones refused.',
      input: ConnectionSettings.partial().strict(),
      output: ConnectionView,
    }),
    ...operationsOperations,
    ...rolesOperations,
    ...activityOperations,
    ...refreshOperations,
    ...connectivityOperations,
    ...inventoryRowsOperations,
    ...clustersOperations,
  },
  events: {
    ...signInPageEvents,
    'signIn.deviceCode': event({
      summary: 'A device-code sign-in needs the user to enter this code at this address.',
      payload: DeviceCodePrompt,
    }),
    'signIn.finished': event({
      summary: 'A sign-in ended: signed in, cancelled or failed (with the AADSTS code kept).',
      payload: z.object({
        signInId: z.string(),
        outcome: z.enum(['signed-in', 'cancelled', 'failed']),
        account: AccountView.nullable(),
        problem: TenantProblem.nullable(),
      }),
    }),
    'accounts.changed': event({
      summary: 'Accounts or tenant statuses changed.',
      payload: z.array(AccountView),
    }),
    'subscriptions.changed': event({
      summary: 'Subscriptions or filters changed.',
      payload: SubscriptionsSnapshot,
    }),
    'inventory.changed': event({
      summary: 'The local record of workspaces and computes changed.',
      payload: InventorySnapshot,
    }),
    'connection.changed': event({
      summary: 'Connection settings changed.',
      payload: ConnectionView,
    }),
    'settings.changed': event({
      summary: 'The settings changed (in this window or another).',
      payload: AppSettings,
    }),
    ...operationsEvents,
    ...rolesEvents,
    ...refreshEvents,
    ...connectivityEvents,
  },
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract['operations'];
export type EventName = keyof Contract['events'];

/** What a caller passes (before defaults are applied). */
export type InputOf<N extends OperationName> = z.input<Contract['operations'][N]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInputOf<N extends OperationName> = z.output<Contract['operations'][N]['input']>;
export type OutputOf<N extends OperationName> = z.output<Contract['operations'][N]['output']>;
export type PayloadOf<E extends EventName> = z.output<Contract['events'][E]['payload']>;

export const operationNames = Object.keys(contract.operations) as OperationName[];
export const eventNames = Object.keys(contract.events) as EventName[];

export const isOperationName = (name: unknown): name is OperationName =>
  typeof name === 'string' && Object.hasOwn(contract.operations, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(contract.events, name);
