import type { ConnectionSettings } from '../../shared/domain/connection';
import type { CloudEndpoints } from '../azure/clouds';
import type { SettingsRepository } from '../settings/settings-repository';

/**
 * The user's own connection settings (before any policy) and the last resolved custom cloud,
 * kept in the settings table one key per field.
 */
export interface ConnectionStore {
  read(): ConnectionSettings;
  save(changes: Partial<ConnectionSettings>): void;
  /** Replaces a stored proxy setting whose URL held a password, leaving no copy of it on disk. */
  replaceProxyHoldingPassword(proxy: ConnectionSettings['proxy']): void;
  /** The stored endpoints of this custom cloud, or undefined when they were read for another URL. */
  customCloud(resourceManagerUrl: string): CloudEndpoints | undefined;
  saveCustomCloud(resourceManagerUrl: string, endpoints: CloudEndpoints, resolvedAt: Date): void;
}

export function createConnectionStore(settings: SettingsRepository): ConnectionStore {
  return {
    read: () => ({
      cloud: settings.get('connection.cloud'),
      customResourceManagerUrl: settings.get('connection.customResourceManagerUrl'),
      clientId: settings.get('connection.clientId'),
      proxy: settings.get('connection.proxy'),
      extraCaFile: settings.get('connection.extraCaFile'),
      allowWeakTokenProtection: settings.get('connection.allowWeakTokenProtection'),
    }),
    save(changes) {
      if (changes.cloud !== undefined) settings.set('connection.cloud', changes.cloud);
      if (changes.customResourceManagerUrl !== undefined) {
        settings.set('connection.customResourceManagerUrl', changes.customResourceManagerUrl);
      }
      if (changes.clientId !== undefined) settings.set('connection.clientId', changes.clientId);
      if (changes.proxy !== undefined) settings.set('connection.proxy', changes.proxy);
      if (changes.extraCaFile !== undefined) {
        settings.set('connection.extraCaFile', changes.extraCaFile);
      }
      if (changes.allowWeakTokenProtection !== undefined) {
        settings.set('connection.allowWeakTokenProtection', changes.allowWeakTokenProtection);
      }
    },
    replaceProxyHoldingPassword(proxy) {
      settings.set('connection.proxy', proxy, { eraseOldValue: true });
    },
    customCloud(resourceManagerUrl) {
      const stored = settings.get('connection.resolvedCustomCloud');
      return stored && stored.resourceManagerUrl === resourceManagerUrl
        ? stored.endpoints
        : undefined;
    },
    saveCustomCloud(resourceManagerUrl, endpoints, resolvedAt) {
      settings.set('connection.resolvedCustomCloud', {
        resourceManagerUrl,
        endpoints,
        resolvedAt: resolvedAt.toISOString(),
      });
    },
  };
}
