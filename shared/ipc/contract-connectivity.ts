import { z } from 'zod';
import { event, operation } from './contract-kit';
import { NoInput } from './no-input';

/** Why Azure cannot be reached, as the user can act on it. */
export const OfflineReason = z.enum(['no-network', 'proxy-or-tls', 'sign-in-needed']);
export type OfflineReason = z.infer<typeof OfflineReason>;

/**
 * Whether Mooring can reach Azure, as the main process last found it: fed by every Resource
 * Manager call and a cheap probe when in doubt. `unknown` until the first answer or check.
 */
export const ConnectivityState = z.object({
  status: z.enum(['unknown', 'online', 'offline']),
  reason: OfflineReason.nullable(),
  /** The network or AADSTS code behind the reason (ECONNREFUSED, PROXY_REFUSED...). */
  code: z.string().nullable(),
  /** One sentence: what happened and what to do. */
  message: z.string().nullable(),
  /** ISO time Azure was found unreachable (null while online). */
  since: z.string().nullable(),
  /** ISO time Azure last answered in this run of Mooring. */
  lastReachedAt: z.string().nullable(),
  /** A check is under way. */
  checking: z.boolean(),
  /** ISO time of the next automatic check while offline. */
  nextRetryAt: z.string().nullable(),
});
export type ConnectivityState = z.infer<typeof ConnectivityState>;

export const connectivityOperations = {
  'connectivity.get': operation({
    summary: 'Whether Azure can be reached, and why not.',
    input: NoInput,
    output: ConnectivityState,
  }),
  'connectivity.retry': operation({
    summary: 'Check now whether Azure can be reached; answers the state found.',
    input: NoInput,
    output: ConnectivityState,
  }),
};

export const connectivityEvents = {
  'connectivity.changed': event({
    summary: 'Azure became reachable or unreachable, or the reason or next check changed.',
    payload: ConnectivityState,
  }),
};
