import path from 'node:path';
import {
  ConnectionSettings,
  type ConnectionField,
  type ProxySetting,
} from '../../shared/domain/connection';
import { plainIssue } from '../../shared/validation/plain-issue';
import { AppError } from '../core/errors';
import { parseResourceManagerUrl } from '../azure/clouds';
import { loadCaFile } from '../network/ca-certificates';
import { checkProxyUrl } from '../network/proxy-route';

/** How each connection field is named in Settings, so an error points at what to correct. */
export const FIELD_LABELS: Record<ConnectionField, string> = {
  cloud: 'Cloud',
  customResourceManagerUrl: 'Custom cloud Resource Manager URL',
  clientId: 'Client id',
  proxy: 'Proxy',
  extraCaFile: 'Extra CA certificates file',
  allowWeakTokenProtection: 'Keep tokens without OS protection',
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const invalidField = (field: ConnectionField, message: string) =>
  new AppError('invalid-input', message, { field });

/** A client id is a GUID (stored lower-case); null means the default application. */
export function checkClientId(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (!GUID.test(trimmed)) {
    throw invalidField(
      'clientId',
      `Client id "${trimmed}" is not a GUID; enter the Application (client) ID of your app registration (like 04b07795-8ddb-461a-bbee-02f9e1bf7b46), or leave it empty for the default.`,
    );
  }
  return trimmed.toLowerCase();
}

/** A manual proxy needs a usable http(s)://host:port URL; the message never repeats the URL (it may hold a password). */
export function checkProxy(value: ProxySetting): ProxySetting {
  if (value.mode !== 'manual') return value;
  const checked = checkProxyUrl(value.url);
  if ('problem' in checked) {
    throw invalidField('proxy', `Proxy URL cannot be used: ${checked.problem}.`);
  }
  if (checked.url.password !== '' && checked.url.username === '') {
    throw invalidField(
      'proxy',
      'Proxy URL has a password but no user name; enter it as http://user:password@host:port.',
    );
  }
  return { mode: 'manual', url: value.url.trim() };
}

/** The extra CA file must be an absolute path to a readable PEM bundle of at least one certificate. */
export function checkExtraCaFile(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  const file = value.trim();
  if (!isAbsolute(file)) {
    throw invalidField(
      'extraCaFile',
      `Extra CA certificates file "${file}" is not a full path; choose the file again or enter its full path.`,
    );
  }
  const loaded = loadCaFile(file);
  if ('problem' in loaded) {
    throw invalidField(
      'extraCaFile',
      `Extra CA certificates file cannot be used: ${loaded.problem}; choose a PEM file with your organisation's CA certificate.`,
    );
  }
  return file;
}

/** The custom cloud's Resource Manager URL: https, no credentials, query or fragment. */
export function checkCustomResourceManagerUrl(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  try {
    return parseResourceManagerUrl(value);
  } catch (error) {
    if (error instanceof AppError) throw invalidField('customResourceManagerUrl', error.message);
    throw error;
  }
}

// Either form is accepted whatever the platform; a path of the other form then fails as missing.
const isAbsolute = (file: string) => path.posix.isAbsolute(file) || path.win32.isAbsolute(file);

const PatchSchema = ConnectionSettings.partial().strict();

/**
 * An update as the Settings page sends it: its shape first (field names, types), then each field
 * through its rule. Answers the normalised values; the first problem is thrown, naming its field.
 */
export function checkPatch(patch: unknown): Partial<ConnectionSettings> {
  const parsed = PatchSchema.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    const label = FIELD_LABELS[field as ConnectionField] ?? (field || 'The settings');
    throw new AppError(
      'invalid-input',
      issue
        ? `${label} ${plainIssue(issue)}; correct it and save again.`
        : `${label} is not valid; correct it and save again.`,
      // The validator's own wording stays in the details, for the log.
      { field, ...(issue ? { issue: issue.message } : {}) },
    );
  }
  const values = parsed.data;
  const checked: Partial<ConnectionSettings> = { ...values };
  if (values.clientId !== undefined) checked.clientId = checkClientId(values.clientId);
  if (values.proxy !== undefined) checked.proxy = checkProxy(values.proxy);
  if (values.extraCaFile !== undefined) checked.extraCaFile = checkExtraCaFile(values.extraCaFile);
  if (values.customResourceManagerUrl !== undefined) {
    checked.customResourceManagerUrl = checkCustomResourceManagerUrl(
      values.customResourceManagerUrl,
    );
  }
  return checked;
}
