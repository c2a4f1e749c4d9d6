import fs from 'node:fs';
import path from 'node:path';
import { ConnectionSettings, type ConnectionField } from '../../shared/domain/connection';
import { AppError } from '../core/errors';
// The same field rules as the Settings page: a policy can never set what a user could not.
import { checkPatch } from './field-rules';

/**
 * Where an administrator deploys Mooring's policy file on each platform (machine-wide, writable
 * only by administrators). `env` supplies %ProgramData% on Windows.
 */
export function policyFilePath(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>> = {},
): string {
  switch (platform) {
    case 'win32':
      return path.win32.join(env['ProgramData'] ?? 'C:\\ProgramData', 'Mooring', 'policy.json');
    case 'darwin':
      return '/Library/Application Support/Mooring/policy.json';
    default:
      return '/etc/mooring/policy.json';
  }
}

/** A subset of the connection settings; unknown fields are errors so a misspelt one is not ignored. */
export const PolicyFileSchema = ConnectionSettings.partial().strict();
export type PolicyValues = Partial<ConnectionSettings>;

/**
 * The policy as read at start-up. `problem` set means a file is there but cannot be applied:
 * then nothing is known about what the administrator meant to enforce, so the service locks every
 * field and refuses to connect (failing closed) instead of falling back to the user's values —
 * a typo in a policy that pins a proxy must not send traffic around that proxy.
 */
export type PolicyState =
  | { readonly file: string | null; readonly values: PolicyValues; readonly problem: null }
  | { readonly file: string; readonly values: PolicyValues; readonly problem: string };

export const NO_POLICY: PolicyState = { file: null, values: {}, problem: null };

export function lockedFields(policy: PolicyState): ConnectionField[] {
  if (policy.problem !== null) return [...ConnectionSettings.keyof().options];
  return Object.keys(policy.values) as ConnectionField[];
}

/** Reads the policy file; a missing file means no policy. Never throws. */
export function loadPolicy(file: string | null): PolicyState {
  if (file === null) return NO_POLICY;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file, values: {}, problem: null };
    return broken(file, `it cannot be read (${code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return broken(file, `it is not valid JSON (${(error as Error).message})`);
  }
  const parsed = PolicyFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`)
      .join('; ');
    return broken(file, issues);
  }
  try {
    return { file, values: checkPatch(parsed.data), problem: null };
  } catch (error) {
    if (error instanceof AppError) return broken(file, error.message.replace(/\.$/, ''));
    throw error;
  }
}

const broken = (file: string, reason: string): PolicyState => ({
  file,
  values: {},
  problem: `The policy file ${file} cannot be applied: ${reason}. Mooring will not connect to Azure until your administrator corrects it.`,
});
