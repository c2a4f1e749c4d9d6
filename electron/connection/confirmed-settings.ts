import { isDeepStrictEqual } from 'node:util';
import type { ConnectionSettings } from '../../shared/domain/connection';
import type { ResolvedCustomCloud, SettingsRepository } from '../settings/settings-repository';
import type { ConnectionStore } from './connection-store';
import type { SettingsSeal } from './settings-seal';

/** What a first start (nothing stored) uses: safe defaults, needing no confirmation. */
export const DEFAULT_CONNECTION_SETTINGS: ConnectionSettings = {
  cloud: 'AzureCloud',
  customResourceManagerUrl: null,
  clientId: null,
  proxy: { mode: 'system' },
  extraCaFile: null,
  allowWeakTokenProtection: false,
};

/**
 * The connection store as Mooring may trust it. Every write through it is sealed (with the
 * custom cloud's resolved endpoints). At start-up, stored values that do not match the seal were
 * changed outside Mooring: they are held back — `read()` answers the last confirmed values, or
 * the defaults when none can be verified — until the user accepts them (`acceptFound`) or
 * refuses them (`restoreTrusted`, which writes the trusted values back).
 */
export interface ConfirmedConnectionStore extends ConnectionStore {
  /** Values found in the database that nobody confirmed in Mooring, with the ones used instead. */
  unconfirmed(): { found: ConnectionSettings; trusted: ConnectionSettings } | null;
  readStored(): ConnectionSettings;
  acceptFound(): void;
  restoreTrusted(): void;
}

export function createConfirmedConnectionStore(
  settings: SettingsRepository,
  store: ConnectionStore,
  seal: SettingsSeal,
): ConfirmedConnectionStore {
  const storedCloud = () => settings.get('connection.resolvedCustomCloud');
  const sealed = (found: ConnectionSettings, customCloud: ResolvedCustomCloud | null) =>
    seal.sign({ settings: found, customCloud });

  const record = settings.get('connection.confirmed');
  const confirmed =
    record &&
    seal.verify({ settings: record.settings, customCloud: record.customCloud }, record.seal)
      ? record
      : null;
  const found = store.read();
  const trusted = confirmed?.settings ?? DEFAULT_CONNECTION_SETTINGS;
  let pending: ConnectionSettings | null = isDeepStrictEqual(found, trusted) ? null : found;
  // Endpoints written outside Mooring are not used: the cloud's metadata is read again.
  let customCloudTrusted = isDeepStrictEqual(storedCloud(), confirmed?.customCloud ?? null);

  const reseal = () => {
    const customCloud = customCloudTrusted ? storedCloud() : null;
    const current = store.read();
    settings.set('connection.confirmed', {
      settings: current,
      customCloud,
      seal: sealed(current, customCloud),
    });
  };
  // A first start, or values that were already trusted, are sealed as they are.
  if (pending === null && (!confirmed || !customCloudTrusted)) {
    if (!customCloudTrusted) settings.set('connection.resolvedCustomCloud', null);
    customCloudTrusted = true;
    reseal();
  }

  const restoreTrusted = () => {
    if (pending === null) return;
    store.save(trusted);
    pending = null;
    reseal();
  };

  return {
    read: () => (pending === null ? store.read() : trusted),
    save(changes) {
      // A change made in Mooring starts from what Mooring showed: the trusted values.
      restoreTrusted();
      store.save(changes);
      reseal();
    },
    replaceProxyHoldingPassword(proxy) {
      // Scrubbing a secret from the disk happens whether or not the values are trusted yet.
      store.replaceProxyHoldingPassword(proxy);
      if (pending === null) reseal();
      else pending = store.read();
    },
    /** The stored values whether trusted or not: only to move a secret out of them. */
    readStored: () => store.read(),
    customCloud: (url) => (customCloudTrusted ? store.customCloud(url) : undefined),
    saveCustomCloud(url, endpoints, resolvedAt) {
      store.saveCustomCloud(url, endpoints, resolvedAt);
      customCloudTrusted = true;
      if (pending === null) reseal();
    },
    unconfirmed: () => (pending === null ? null : { found: pending, trusted }),
    acceptFound() {
      pending = null;
      reseal();
    },
    restoreTrusted,
  };
}
