import { Guid } from '../../../../../shared/domain/accounts';
import { ConnectionSettings } from '../../../../../shared/domain/connection';
import type { CloudId, ConnectionField } from '../../../../../shared/domain/connection';
import type { IpcError } from '../../../../../shared/ipc/result';

/** The form's own fields: text boxes hold strings, so empty means "not set". */
export interface ConnectionDraft {
  readonly cloud: CloudId;
  readonly customResourceManagerUrl: string;
  readonly clientId: string;
  readonly proxyMode: 'system' | 'none' | 'manual';
  readonly proxyUrl: string;
  readonly extraCaFile: string;
  readonly allowWeakTokenProtection: boolean;
}

export type DraftField = keyof ConnectionDraft;
export type DraftErrors = Partial<Record<DraftField, string>>;

export function draftFrom(settings: ConnectionSettings): ConnectionDraft {
  return {
    cloud: settings.cloud,
    customResourceManagerUrl: settings.customResourceManagerUrl ?? '',
    clientId: settings.clientId ?? '',
    proxyMode: settings.proxy.mode,
    proxyUrl: settings.proxy.mode === 'manual' ? settings.proxy.url : '',
    extraCaFile: settings.extraCaFile ?? '',
    allowWeakTokenProtection: settings.allowWeakTokenProtection,
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** The settings the draft describes (before validation). */
export function settingsFrom(draft: ConnectionDraft): ConnectionSettings {
  return {
    cloud: draft.cloud,
    // Kept while another cloud is chosen, so switching back to Custom needs no retyping.
    customResourceManagerUrl: orNull(draft.customResourceManagerUrl),
    clientId: orNull(draft.clientId),
    proxy:
      draft.proxyMode === 'manual'
        ? { mode: 'manual', url: draft.proxyUrl.trim() }
        : { mode: draft.proxyMode },
    extraCaFile: orNull(draft.extraCaFile),
    allowWeakTokenProtection: draft.allowWeakTokenProtection,
  };
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text.trim());
  } catch {
    return null;
  }
}

function resourceManagerUrlProblem(text: string): string | undefined {
  if (text.trim() === '') {
    return 'Enter the Resource Manager URL of your cloud, such as https://management.contoso.local.';
  }
  const url = parseUrl(text);
  if (!url) {
    return 'This is not a URL. Enter the Resource Manager URL, such as https://management.contoso.local.';
  }
  if (url.protocol !== 'https:') return 'The Resource Manager URL must start with https://.';
  if (url.username || url.password || url.search || url.hash) {
    return 'Remove the user name, query or fragment: enter only the Resource Manager URL.';
  }
  return undefined;
}

function proxyUrlProblem(text: string): string | undefined {
  if (text.trim() === '') return 'Enter the proxy address, such as http://proxy.contoso.com:8080.';
  const url = parseUrl(text);
  if (!url || !url.hostname) {
    return 'This is not a proxy address. Enter it as http://host:port, such as http://proxy.contoso.com:8080.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'The proxy address must start with http:// or https://.';
  }
  if (url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    return 'Enter only the proxy’s scheme, host and port, with no path or query.';
  }
  return undefined;
}

// A full path on Windows (C:\…, \\server\share) or anywhere else (/…).
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

/** What is wrong with each field, in one sentence that says what to enter instead. */
export function validateDraft(draft: ConnectionDraft): DraftErrors {
  const errors: Partial<Record<DraftField, string>> = {};
  if (draft.cloud === 'Custom') {
    const problem = resourceManagerUrlProblem(draft.customResourceManagerUrl);
    if (problem) errors.customResourceManagerUrl = problem;
  }
  if (draft.clientId.trim() !== '' && !Guid.safeParse(draft.clientId.trim()).success) {
    errors.clientId =
      'The client id is a GUID, such as 11111111-2222-3333-4444-555555555555: the Application (client) ID of an app registration. Leave it empty for the default.';
  }
  if (draft.proxyMode === 'manual') {
    const problem = proxyUrlProblem(draft.proxyUrl);
    if (problem) errors.proxyUrl = problem;
  }
  if (draft.extraCaFile.trim() !== '' && !ABSOLUTE_PATH.test(draft.extraCaFile.trim())) {
    errors.extraCaFile =
      'Enter the full path of a PEM file, such as /etc/ssl/certs/proxy-ca.pem or C:\\certs\\proxy-ca.pem.';
  }
  // The contract's own limits (lengths) catch whatever the rules above let through.
  const contract = ConnectionSettings.safeParse(settingsFrom(draft));
  if (!contract.success) {
    for (const issue of contract.error.issues) {
      const field = draftFieldOf(String(issue.path[0] ?? ''));
      if (field && !errors[field]) errors[field] = `${issue.message}.`;
    }
  }
  return errors;
}

/** The fields that differ from what is stored and are not locked by policy. */
export function changedSettings(
  draft: ConnectionDraft,
  stored: ConnectionSettings,
  locked: readonly ConnectionField[],
): Partial<ConnectionSettings> {
  const next = settingsFrom(draft);
  const changes: Partial<Record<ConnectionField, unknown>> = {};
  for (const field of ConnectionSettings.keyof().options) {
    if (locked.includes(field)) continue;
    if (JSON.stringify(next[field]) !== JSON.stringify(stored[field])) changes[field] = next[field];
  }
  return changes as Partial<ConnectionSettings>; // built key by key from a ConnectionSettings
}

/** The form field a settings field (or a path such as `proxy.url`) is shown on. */
export function draftFieldOf(path: string): DraftField | null {
  const [head] = path.split('.');
  switch (head) {
    case 'cloud':
    case 'customResourceManagerUrl':
    case 'clientId':
    case 'extraCaFile':
    case 'allowWeakTokenProtection':
      return head;
    case 'proxy':
      return 'proxyUrl';
    default:
      return null;
  }
}

/**
 * The field a refusal from the main process is about, when it says: `{ field }` or `{ fields }`
 * (an AppError's details) or the contract's list of `{ path, message }` issues.
 */
export function fieldOfServerError(error: IpcError): DraftField | null {
  const { details } = error;
  if (details && typeof details === 'object') {
    if ('field' in details && typeof details.field === 'string') return draftFieldOf(details.field);
    if ('fields' in details && Array.isArray(details.fields)) {
      const [first] = details.fields as unknown[];
      if (typeof first === 'string') return draftFieldOf(first);
    }
    if (Array.isArray(details)) {
      for (const issue of details as unknown[]) {
        if (
          issue &&
          typeof issue === 'object' &&
          'path' in issue &&
          typeof issue.path === 'string'
        ) {
          const field = draftFieldOf(issue.path);
          if (field) return field;
        }
      }
    }
  }
  return null;
}
