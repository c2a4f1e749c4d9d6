import {
  type ConnectionSettings,
  type ConnectionField,
  type ConnectionView,
  type TokenStorageStatus,
} from '../../shared/domain/connection';
import { AppError } from '../core/errors';
import type { SecretEncryptor } from '../auth/secret-store';
import { knownClouds, type CloudEndpoints } from '../azure/clouds';
import type { EventHub } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import { loadCaFile } from '../network/ca-certificates';
import { NetworkProblem } from '../network/network-errors';
import { environmentProxyResolver } from '../network/proxy-route';
import {
  createNetworkTransport,
  type NetworkTransport,
  type SystemProxyResolver,
} from '../network/transport';
import type { SettingsRepository } from '../settings/settings-repository';
import { createConnectionRuntime } from './build-runtime';
import { resolveCustomCloud } from './custom-cloud';
import { createConfirmedConnectionStore } from './confirmed-settings';
import { createConnectionStore } from './connection-store';
import { checkPatch, invalidField } from './field-rules';
import { reviewOutsideChanges, type OutsideChangeReview } from './outside-changes';
import {
  loadPolicy,
  lockedFields,
  refuseLockedChanges,
  withoutLockedFields,
  type PolicyState,
} from './policy';
import type { PolicyFileGuard } from './policy-permissions';
import {
  createProxyPasswordVault,
  memoryOnlyEncryptor,
  proxyForLog,
  proxyPasswordAfter,
  splitProxyCredentials,
  withoutProxyPassword,
  withProxyPassword,
} from './proxy-password';
import { DEFAULT_CLIENT_ID, type ConnectionRuntime } from './runtime';
import { settingsChangeRequest, type SecurityConfirmer } from './security-change';
import { createSettingsSeal } from './settings-seal';
import { tokenOptInFor } from './token-opt-in';

export interface ConnectionServiceOptions {
  readonly settings: SettingsRepository;
  readonly events: EventHub;
  /** The administrator's policy file (see `policyFilePath`), or null for none. Read once, at creation. */
  readonly policyFile: string | null;
  /** Refuses a policy file non-administrators can change; the app passes its platform's. */
  readonly policyFileGuard?: PolicyFileGuard;
  /** How the token cache is kept; owned by the sign-in service, shown with the connection settings. */
  readonly tokenStorage: () => TokenStorageStatus;
  /**
   * Protects a manual proxy's password at rest, as it does the tokens (Electron's safeStorage in
   * the app). Default: nothing can encrypt, so the password is kept in memory for this run only.
   */
  readonly encryptor?: SecretEncryptor;
  /**
   * The operating system's proxy for a URL, in PAC form (`PROXY host:port; DIRECT`); in the app,
   * Electron's `session.resolveProxy`. Default: the HTTPS_PROXY / NO_PROXY environment variables.
   */
  readonly resolveSystemProxy?: SystemProxyResolver;
  /**
   * Asks the user, outside the window, before a change that could weaken the protection of
   * their tokens takes effect (a native dialog in the app); see security-change.ts.
   */
  readonly confirmer: SecurityConfirmer;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Limits for metadata reads and proxy tunnels; the defaults suit real networks. */
  readonly metadataTimeoutMs?: number;
  readonly proxyConnectTimeoutMs?: number;
}

export interface ConnectionService {
  /** The settings in force (policy over user), what is locked, and the resolved endpoints. */
  view(): Promise<ConnectionView>;
  /**
   * Validates and saves the fields given (a custom cloud is resolved through the proxy and CAs
   * being saved), then rebuilds the runtime and emits `connection.changed`.
   */
  update(patch: Partial<ConnectionSettings>): Promise<ConnectionView>;
  /** The runtime for the settings in force; cached until the next update. */
  runtime(): Promise<ConnectionRuntime>;
  /** The settings in force right now (policy values over the user's), the proxy without password. */
  effectiveSettings(): ConnectionSettings;
  /**
   * Asks the user about settings changed outside Mooring (found at start-up); until then they are
   * not used. Runs in turn with updates.
   */
  reviewOutsideChanges(): Promise<OutsideChangeReview>;
}

export function createConnectionService(options: ConnectionServiceOptions): ConnectionService {
  const { settings, events, logger } = options;
  const policy: PolicyState = loadPolicy(options.policyFile, options.policyFileGuard);
  const resolveSystemProxy = options.resolveSystemProxy ?? environmentProxyResolver();
  const now = options.now ?? (() => new Date());
  if (policy.problem) logger.error(policy.problem);
  else if (policy.file && Object.keys(policy.values).length > 0) {
    logger.info(`Connection settings locked by policy ${policy.file}`, lockedFields(policy));
  }

  const encryptor = options.encryptor ?? memoryOnlyEncryptor;
  // Values changed outside Mooring are held back until the user confirms them.
  const store = createConfirmedConnectionStore(
    settings,
    createConnectionStore(settings),
    createSettingsSeal(settings, encryptor, logger),
  );
  const userSettings = store.read;
  const passwords = createProxyPasswordVault(settings, encryptor, logger);
  /** Policy values over the user's; a policy proxy keeps its password (for the tunnel only). */
  const inForce = (): ConnectionSettings => ({ ...userSettings(), ...policy.values });
  const effectiveSettings = (): ConnectionSettings => withoutProxyPassword(inForce());

  /** The settings with the user's proxy password put back: what the transport needs. */
  const withUserProxyPassword = (
    current: ConnectionSettings,
    password: string | null | undefined = undefined,
  ): ConnectionSettings => {
    if (current.proxy.mode !== 'manual' || 'proxy' in policy.values) return current;
    const known = password === undefined ? passwords.get(current.proxy.url) : password;
    return {
      ...current,
      proxy: { mode: 'manual', url: withProxyPassword(current.proxy.url, known) },
    };
  };

  // A proxy password saved in plain text by an earlier version moves out of the settings.
  const legacy = store.readStored().proxy;
  if (legacy.mode === 'manual') {
    const split = splitProxyCredentials(legacy.url);
    if (split.password !== null) {
      passwords.set(split.url, split.password, inForce().allowWeakTokenProtection);
      store.replaceProxyHoldingPassword({ mode: 'manual', url: split.url });
      logger.info('The proxy password was moved out of the settings');
    }
  }

  /** Where a value comes from, for messages that tell the user whom to ask. */
  const sourceOf = (field: ConnectionField) =>
    field in policy.values ? `the policy file ${policy.file}` : 'Settings';

  /** A broken policy locks everything: changes are refused like any locked field, connections as unavailable. */
  const refusePolicyProblem = (code: 'invalid-input' | 'unavailable') => {
    if (policy.problem) throw new AppError(code, policy.problem);
  };

  const transportFor = (current: ConnectionSettings): NetworkTransport => {
    const extraCaPems = extraCertificates(current.extraCaFile);
    try {
      return createNetworkTransport({
        proxy: current.proxy,
        extraCaPems,
        resolveSystemProxy,
        ...(options.proxyConnectTimeoutMs
          ? { proxyConnectTimeoutMs: options.proxyConnectTimeoutMs }
          : {}),
      });
    } catch (error) {
      if (error instanceof NetworkProblem) throw new AppError('unavailable', error.message);
      throw error;
    }
  };

  const extraCertificates = (file: string | null): string[] => {
    if (file === null) return [];
    const loaded = loadCaFile(file);
    if ('problem' in loaded) {
      throw new AppError(
        'unavailable',
        `The extra CA certificates file set in ${sourceOf('extraCaFile')} cannot be used: ${loaded.problem}; correct it there before connecting.`,
        { field: 'extraCaFile' },
      );
    }
    return loaded.pems;
  };

  const cachedCustomCloud = store.customCloud;

  const resolveAndCache = async (url: string, transport: NetworkTransport) => {
    const endpoints = await resolveCustomCloud(url, transport, options.metadataTimeoutMs);
    store.saveCustomCloud(url, endpoints, now());
    logger.info(`Custom cloud resolved from ${url}`, {
      authorityHost: endpoints.authorityHost,
      armScope: endpoints.armScope,
    });
    return endpoints;
  };

  const cloudFor = async (
    current: ConnectionSettings,
    transport: NetworkTransport,
  ): Promise<CloudEndpoints> => {
    if (current.cloud !== 'Custom') return knownClouds[current.cloud];
    const url = current.customResourceManagerUrl;
    if (url === null) {
      throw new AppError(
        'invalid-input',
        `The cloud is set to Custom in ${sourceOf('cloud')} but no Resource Manager URL is set; enter the custom cloud's Resource Manager URL there.`,
        { field: 'customResourceManagerUrl' },
      );
    }
    return cachedCustomCloud(url) ?? resolveAndCache(url, transport);
  };

  const buildRuntime = async (): Promise<ConnectionRuntime> => {
    refusePolicyProblem('unavailable');
    const current = withUserProxyPassword(inForce());
    const transport = transportFor(current);
    const cloud = await cloudFor(current, transport);
    logger.info('Connection runtime built', {
      cloud: cloud.id,
      resourceManager: cloud.resourceManager,
      proxy: proxyForLog(current),
      extraCaFile: current.extraCaFile,
    });
    return createConnectionRuntime({
      cloud,
      clientId: current.clientId ?? DEFAULT_CLIENT_ID,
      transport,
      // A request refused by the bearer-host rule is logged with the host it tried to reach.
      logger,
    });
  };

  // One build at a time; a failed build is forgotten so the next call retries (the network may be back).
  let runtimePromise: Promise<ConnectionRuntime> | undefined;
  const runtime = () => {
    if (!runtimePromise) {
      const building = buildRuntime();
      runtimePromise = building;
      building.catch(() => {
        if (runtimePromise === building) runtimePromise = undefined;
      });
    }
    return runtimePromise;
  };

  const view = async (): Promise<ConnectionView> => {
    const current = effectiveSettings();
    return {
      settings: current,
      lockedByPolicy: lockedFields(policy),
      policyFile: policy.file,
      policyProblem: policy.problem,
      resolved: resolvedEndpoints(current),
      tokenStorage: options.tokenStorage(),
      tokenOptIn: tokenOptInFor(encryptor),
      proxyPassword: proxyPasswordStorage(),
    };
  };

  /** Where the password of the proxy in force is kept; never the password itself. */
  const proxyPasswordStorage = (): ConnectionView['proxyPassword'] => {
    const proxy = inForce().proxy;
    if (proxy.mode !== 'manual') return null;
    if ('proxy' in policy.values) {
      return splitProxyCredentials(proxy.url).password === null ? null : 'policy';
    }
    return passwords.storage(proxy.url);
  };

  /** What the view shows as in force; a custom cloud not yet resolved shows its URL and no sign-in host. */
  const resolvedEndpoints = (current: ConnectionSettings): ConnectionView['resolved'] => {
    const clientId = current.clientId ?? DEFAULT_CLIENT_ID;
    if (current.cloud !== 'Custom') {
      const cloud = knownClouds[current.cloud];
      return {
        resourceManager: cloud.resourceManager,
        authorityHost: cloud.authorityHost,
        clientId,
      };
    }
    const url = current.customResourceManagerUrl ?? '';
    const cloud = cachedCustomCloud(url);
    return {
      resourceManager: cloud?.resourceManager ?? url,
      authorityHost: cloud?.authorityHost ?? '',
      clientId,
    };
  };

  const applyUpdate = async (patch: Partial<ConnectionSettings>): Promise<ConnectionView> => {
    refusePolicyProblem('invalid-input');
    const changes = checkPatch(patch);
    refuseLockedChanges(policy, changes, effectiveSettings().proxy);
    if (changes.allowWeakTokenProtection && tokenOptInFor(encryptor) === 'unavailable') {
      throw invalidField(
        'allowWeakTokenProtection',
        'Tokens cannot be kept on disk here: there is no way to encrypt them on this computer, so they stay in memory until Mooring closes.',
      );
    }

    // Policy fields sent back unchanged are not stored: the user's own value stays underneath.
    const own = withoutLockedFields(policy, changes);
    const before = userSettings();
    const password = proxyPasswordAfter(own, before, passwords);
    const nextEffective = withUserProxyPassword(
      { ...before, ...own, ...policy.values },
      password.kind === 'keep' ? undefined : password.kind === 'set' ? password.password : null,
    );
    if (nextEffective.cloud === 'Custom') {
      const url = nextEffective.customResourceManagerUrl;
      if (url === null) {
        throw invalidField(
          'customResourceManagerUrl',
          'Custom cloud Resource Manager URL is required for a custom cloud; enter the URL whose /metadata/endpoints describes it.',
        );
      }
      // Choosing the cloud is when its metadata is read, through the proxy and CAs being saved,
      // so a wrong URL is reported here rather than at the next sign-in.
      const choosing = 'cloud' in own || 'customResourceManagerUrl' in own;
      const chosenBefore = before.cloud === 'Custom' && before.customResourceManagerUrl === url;
      if (choosing && (!chosenBefore || !cachedCustomCloud(url))) {
        await resolveAndCache(url, transportFor(nextEffective));
      }
    }

    // The main process, not the window, decides: the user confirms outside it, or nothing changes.
    const request = settingsChangeRequest(
      effectiveSettings(),
      withoutProxyPassword(nextEffective),
      {
        customAuthorityHost: resolvedEndpoints(nextEffective).authorityHost || null,
      },
    );
    if (request && !(await options.confirmer.confirm(request))) {
      logger.info('A connection change was not confirmed; nothing changed', {
        fields: Object.keys(own),
      });
      throw new AppError(
        'cancelled',
        'The change was not confirmed, so your connection settings stay as they were.',
        { fields: Object.keys(own) },
      );
    }

    store.save(own);
    if (password.kind === 'set' && own.proxy?.mode === 'manual') {
      passwords.set(own.proxy.url, password.password, nextEffective.allowWeakTokenProtection);
    } else if (password.kind === 'clear') {
      passwords.clear();
    }
    const stored = userSettings().proxy;
    passwords.reconcile(
      stored.mode === 'manual' ? stored.url : null,
      nextEffective.allowWeakTokenProtection,
    );
    runtimePromise = undefined;
    logger.info('Connection settings changed', {
      fields: Object.keys(changes),
      proxy: proxyForLog(nextEffective),
    });
    const result = await view();
    events.emit('connection.changed', result);
    return result;
  };

  // Updates run one after another: each validates against what the previous one saved.
  let updates: Promise<unknown> = Promise.resolve();
  const update = (patch: Partial<ConnectionSettings>): Promise<ConnectionView> => {
    const next = updates.then(() => applyUpdate(patch));
    updates = next.catch(() => undefined);
    return next;
  };

  const reviewChanges = (): Promise<OutsideChangeReview> => {
    const next = updates.then(() =>
      reviewOutsideChanges({ store, confirmer: options.confirmer, logger }),
    );
    updates = next.catch(() => undefined);
    return next.then(async (review) => {
      if (review === 'accepted') {
        runtimePromise = undefined;
        events.emit('connection.changed', await view());
      }
      return review;
    });
  };

  return { view, update, runtime, effectiveSettings, reviewOutsideChanges: reviewChanges };
}
