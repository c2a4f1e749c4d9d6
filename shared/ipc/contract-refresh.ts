import { z } from 'zod';
import { event, operation } from './contract-kit';
import { NoInput } from './no-input';

/** Where a refresh stands: n of N subscriptions done, and the one being listed now. */
export const RefreshProgress = z.object({
  refreshId: z.number().int(),
  status: z.enum(['running', 'finished', 'cancelled']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The subscription started last among those still being listed; null between them. */
  current: z.string().nullable(),
});
export type RefreshProgress = z.infer<typeof RefreshProgress>;

/** Minutes between automatic refreshes (0: no automatic refresh, at start-up either). */
export const RefreshIntervalMinutes = z.number().int().min(0).max(1440);
export const DEFAULT_REFRESH_INTERVAL_MINUTES = 15;

export const RefreshSchedule = z.object({ intervalMinutes: RefreshIntervalMinutes });
export type RefreshSchedule = z.infer<typeof RefreshSchedule>;

/** Cancelling a refresh and its automatic schedule. */
export const refreshOperations = {
  'inventory.cancelRefresh': operation({
    summary: 'Stop the running refresh; what was listed so far is kept.',
    input: NoInput,
    output: z.object({ cancelled: z.boolean() }),
  }),
  'inventory.getRefreshSchedule': operation({
    summary: 'How often the inventory refreshes by itself.',
    input: NoInput,
    output: RefreshSchedule,
  }),
  'inventory.setRefreshSchedule': operation({
    summary: 'Change how often the inventory refreshes by itself (0 turns it off).',
    input: RefreshSchedule.strict(),
    output: RefreshSchedule,
  }),
};

export const refreshEvents = {
  'inventory.refreshProgress': event({
    summary: 'A refresh started, finished a subscription, finished or was cancelled.',
    payload: RefreshProgress,
  }),
};
