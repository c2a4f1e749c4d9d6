import type { ConnectionSettings } from '../../shared/domain/connection';
import { knownClouds } from '../azure/clouds';
import { splitProxyCredentials } from './proxy-password';

/**
 * What the main process asks the user, outside the window, before a change that could weaken
 * how Mooring protects the user's Azure tokens takes effect. The window cannot answer it: in the
 * app it is a native dialog (electron/shell/security-dialog.ts).
 */
export interface SecurityChangeRequest {
  readonly title: string;
  /** What changes, one line per setting: "Proxy: the system's proxy → http://proxy:3128". */
  readonly change: string;
  /** What it means for the user's tokens and sign-ins, in plain words. */
  readonly consequence: string;
  /** The label of the button that accepts (the other one, the default, cancels). */
  readonly confirmLabel: string;
}

export interface SecurityConfirmer {
  /** True only when the user accepted; a closed or failed dialog is a no. */
  confirm(request: SecurityChangeRequest): Promise<boolean>;
}

/** Facts the description names that the settings alone do not hold. */
export interface ChangeContext {
  /** The sign-in host a custom cloud's metadata named, when it has been read. */
  readonly customAuthorityHost?: string | null;
}

const cloudText = (settings: ConnectionSettings): string =>
  settings.cloud === 'Custom'
    ? `a custom cloud at ${settings.customResourceManagerUrl ?? '(no URL)'}`
    : knownClouds[settings.cloud].displayName;

/** A custom cloud's URL matters only while the custom cloud is chosen. */
const cloudIdentity = (settings: ConnectionSettings) =>
  settings.cloud === 'Custom'
    ? `Custom ${settings.customResourceManagerUrl ?? ''}`
    : settings.cloud;

const proxyText = (proxy: ConnectionSettings['proxy']): string =>
  proxy.mode === 'system'
    ? 'the system’s proxy settings'
    : proxy.mode === 'none'
      ? 'no proxy'
      : splitProxyCredentials(proxy.url).url; // never the password

const clientText = (clientId: string | null) =>
  clientId === null ? 'Mooring’s default (the Azure CLI’s public client)' : clientId;

interface FieldChange {
  readonly line: string;
  readonly consequence: string;
}

/**
 * The changes between two sets of settings that need the user's confirmation. A change that
 * only strengthens protection — removing the extra CA file, turning the weak token storage off —
 * takes effect without asking.
 */
export function securityChanges(
  before: ConnectionSettings,
  after: ConnectionSettings,
  context: ChangeContext = {},
): FieldChange[] {
  const changes: FieldChange[] = [];
  if (cloudIdentity(before) !== cloudIdentity(after)) {
    const signIn = context.customAuthorityHost
      ? ` Its description names ${context.customAuthorityHost} as the sign-in service.`
      : '';
    changes.push({
      line: `Cloud: ${cloudText(before)} → ${cloudText(after)}`,
      consequence:
        after.cloud === 'Custom'
          ? `You will sign in to that cloud and Mooring will send its tokens to the hosts it describes; choose it only if your organisation runs it.${signIn}`
          : `You will sign in to ${cloudText(after)} and Mooring will send tokens to its hosts.`,
    });
  }
  if (before.clientId !== after.clientId) {
    changes.push({
      line: `Application (client) id: ${clientText(before.clientId)} → ${clientText(after.clientId)}`,
      consequence:
        'You will sign in as that application: it receives access to Azure in your name, so it must be one your organisation registered or trusts.',
    });
  }
  if (proxyText(before.proxy) !== proxyText(after.proxy)) {
    changes.push({
      line: `Proxy: ${proxyText(before.proxy)} → ${proxyText(after.proxy)}`,
      consequence:
        after.proxy.mode === 'manual'
          ? 'Every sign-in and every Azure call, tokens included, will pass through that proxy.'
          : after.proxy.mode === 'none'
            ? 'Mooring will connect to Azure directly, bypassing any proxy your network requires.'
            : 'Mooring will use whatever proxy this computer is configured with.',
    });
  }
  if (after.extraCaFile !== null && before.extraCaFile !== after.extraCaFile) {
    changes.push({
      line: `Extra CA certificates: ${before.extraCaFile ?? 'none'} → ${after.extraCaFile}`,
      consequence:
        'Mooring will trust any server whose certificate these authorities sign: whoever holds their keys can read your tokens on the way to Azure.',
    });
  }
  if (after.allowWeakTokenProtection && !before.allowWeakTokenProtection) {
    changes.push({
      line: 'Keep tokens on disk without a secure store: off → on',
      consequence: 'Anyone who can read your user folder will be able to sign in to Azure as you.',
    });
  }
  return changes;
}

/** The question for a change made in Settings, or null when nothing in it needs confirming. */
export function settingsChangeRequest(
  before: ConnectionSettings,
  after: ConnectionSettings,
  context: ChangeContext = {},
): SecurityChangeRequest | null {
  const changes = securityChanges(before, after, context);
  if (changes.length === 0) return null;
  return {
    title: 'Change how Mooring connects to Azure?',
    change: changes.map((change) => change.line).join('\n'),
    consequence: changes.map((change) => change.consequence).join(' '),
    confirmLabel: 'Change',
  };
}

/**
 * The question at start-up when the stored settings differ from those last confirmed in
 * Mooring: something changed them outside the app. Until the user accepts, Mooring keeps using
 * the confirmed ones (`trusted`). Null when the changes only add protection (accepted as they are).
 */
export function outsideChangeRequest(
  trusted: ConnectionSettings,
  found: ConnectionSettings,
): SecurityChangeRequest | null {
  if (securityChanges(trusted, found).length === 0) return null;
  const changes = securityChanges(trusted, found);
  const lines =
    changes.length > 0 ? changes : [{ line: 'Settings that only add protection', consequence: '' }];
  return {
    title: 'Use connection settings that were not set in Mooring?',
    change: lines.map((change) => change.line).join('\n'),
    consequence: [
      'These settings were changed outside Mooring (or by a version that did not record them), so Mooring keeps using the previous ones, or its defaults, unless you accept them.',
      ...lines.map((change) => change.consequence),
    ].join(' '),
    confirmLabel: 'Use the new settings',
  };
}
