import type { ConnectivityMonitor } from '../network/connectivity-monitor';

/** What the operations need of the connectivity monitor: pause while offline, resume after. */
export type ConnectivityGate = Pick<
  ConnectivityMonitor,
  'isOffline' | 'settled' | 'state' | 'reportFailure' | 'whenOnline'
>;
