import type { Database } from 'better-sqlite3';
import { createDiscoveryStore } from '../inventory/discovery-store';
import type { HandlerMap } from '../ipc/handlers';

/** A cluster's page: its history as the refreshes recorded it (cluster_history, migration 11). */
export function composeClusters(parts: {
  readonly database: Database;
}): Pick<HandlerMap, 'clusters.history'> {
  const discovery = createDiscoveryStore(parts.database);
  return {
    'clusters.history': ({ clusterId }) => ({ entries: discovery.clusterHistory(clusterId) }),
  };
}
