import { z } from 'zod';
import { ThemeChoice } from '../domain/theme';
import { event, operation } from './contract-kit';

const NoInput = z.object({}).strict();

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
  },
  events: {
    'settings.changed': event({
      summary: 'The settings changed (in this window or another).',
      payload: AppSettings,
    }),
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
