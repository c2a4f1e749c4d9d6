import { Guid } from '../../../../../shared/domain/accounts';
import { ConnectionSettings } from '../../../../../shared/domain/connection';
import type {
  CloudId,
  ConnectionField,
  ConnectionView,
} from '../../../../../shared/domain/connection';
import type { IpcError } from '../../../../../shared/ipc/result';
import { plainIssue } from '../../../../../shared/validation/plain-issue';

/** The form's own fields: text boxes hold strings, so empty means "not set". */
export interface ConnectionDraft {
  readonly cloud: CloudId;
  readonly customResourceManagerUrl: string;
  readonly clientId: string;
  readonly proxyMode: 'system' | 'none' | 'manual';
  /** The proxy address with at most a user name: the password has a field of its own. */
  readonly proxyUrl: string;
  /** A new proxy password; empty keeps the saved one (if the user and host stay the same). */
  readonly proxyPassword: string;
  readonly extraCaFile: string;
  readonly allowWeakTokenProtection: boolean;
}

export type DraftField = keyof ConnectionDraft;
export type DraftErrors = Partial<Record<DraftField, string>>;

/** How a field's own problem sentence names it. */
const FIELD_WORDS: Record<DraftField, string> = {
  cloud: 'The cloud',
  customResourceManagerUrl: 'The Resource Manager URL',
  clientId: 'The client id',
  proxyMode: 'The proxy choice',
  proxyUrl: 'The proxy address',
  proxyPassword: 'The proxy password',
  extraCaFile: 'The path of the CA file',
  allowWeakTokenProtection: 'The token storage choice',
};

export function draftFrom(settings: ConnectionSettings): ConnectionDraft {
  return {
    cloud: settings.cloud,
    customResourceManagerUrl: settings.customResourceManagerUrl ?? '',
    clientId: settings.clientId ?? '',
    proxyMode: settings.proxy.mode,
    proxyUrl: settings.proxy.mode === 'manual' ? settings.proxy.url : '',
    proxyPassword: '',
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
        ? { mode: 'manual', url: proxyUrlWithPassword(draft.proxyUrl, draft.proxyPassword) }
        : { mode: draft.proxyMode },
    extraCaFile: orNull(draft.extraCaFile),
    allowWeakTokenProtection: draft.allowWeakTokenProtection,
  };
}

/** The address as sent to the main process: with the new password, if one was entered. */
function proxyUrlWithPassword(address: string, password: string): string {
  const url = address.trim();
  if (password === '') return url;
  const parsed = parseUrl(url);
  if (!parsed || !parsed.username) return url; // refused by validateDraft
  parsed.password = password;
  return `${parsed.protocol}//${parsed.username}:${parsed.password}@${parsed.host}`;
}

/** Whether the main process's saved password still belongs to the address in the draft. */
export function savedPasswordApplies(draft: ConnectionDraft, view: ConnectionView): boolean {
  if (view.proxyPassword === null || view.settings.proxy.mode !== 'manual') return false;
  const saved = parseUrl(view.settings.proxy.url);
  const drafted = parseUrl(draft.proxyUrl);
  return (
    !!saved &&
    !!drafted &&
    drafted.username !== '' &&
    saved.protocol === drafted.protocol &&
    saved.username === drafted.username &&
    saved.host === drafted.host
  );
}

/** What the password field says about the saved password (its placeholder and hint). */
export function proxyPasswordStatus(
  draft: ConnectionDraft,
  view: ConnectionView,
): { placeholder: string; hint: string } {
  if (!savedPasswordApplies(draft, view)) {
    const user = parseUrl(draft.proxyUrl)?.username;
    if (user) {
      return {
        placeholder: '',
        hint: `No password is saved for ${readable(user)} at this proxy: enter it if the proxy asks for one.`,
      };
    }
    return {
      placeholder: '',
      hint: 'Only if the proxy asks for one: put the user name in the address (http://user@host:port) and the password here.',
    };
  }
  switch (view.proxyPassword) {
    case 'memory':
      return {
        placeholder: 'saved until Mooring closes',
        hint: 'This computer offers no protected key store, so the password is kept in memory only: you will enter it again after Mooring restarts. Leave empty to keep it.',
      };
    case 'policy':
      return { placeholder: 'set by your administrator', hint: '' };
    case 'weak-encrypted':
      return {
        placeholder: 'saved',
        hint: 'Saved encrypted without the protection of an OS key store, as you allowed for tokens. Leave empty to keep it, or type a new one to replace it.',
      };
    default:
      return {
        placeholder: 'saved',
        hint: 'Saved encrypted. Leave empty to keep it, or type a new one to replace it.',
      };
  }
}

/** A user name as typed (URLs percent-encode it). */
function readable(user: string): string {
  try {
    return decodeURIComponent(user);
  } catch {
    return user;
  }
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
  if (url.password) {
    return 'Remove the password from the address (keep http://user@host:port) and enter it in the password field below.';
  }
  return undefined;
}

function proxyPasswordProblem(draft: ConnectionDraft): string | undefined {
  if (draft.proxyPassword === '') return undefined;
  const url = parseUrl(draft.proxyUrl);
  if (url && !url.username) {
    return 'A password needs a user name: enter the address as http://user@host:port.';
  }
  if (draft.proxyPassword.length > 1024) {
    return 'The password is too long (at most 1024 characters).';
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
    const passwordProblem = proxyPasswordProblem(draft);
    if (passwordProblem) errors.proxyPassword = passwordProblem;
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
      if (field && !errors[field]) errors[field] = `${FIELD_WORDS[field]} ${plainIssue(issue)}.`;
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
