import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { ConnectionSettings, type ConnectionField } from '../../shared/domain/connection';
import { AppError } from '../core/errors';
// The same field rules as the Settings page: a policy can never set what a user could not.
import { checkPatch, FIELD_LABELS } from './field-rules';
import { jsonSyntaxErrorPosition } from './json-syntax';
import type { PolicyFileGuard } from './policy-permissions';

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

/**
 * Reads the policy file; a missing file means no policy. `guard` refuses a file that users
 * other than administrators can change (the app always passes its platform's; tests of the rules
 * themselves may leave it out). Never throws.
 */
export function loadPolicy(file: string | null, guard?: PolicyFileGuard): PolicyState {
  if (file === null) return NO_POLICY;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file, values: {}, problem: null };
    return broken(file, `it cannot be read (${code ?? (error as Error).message})`);
  }
  const untrusted = guard?.(file) ?? null;
  if (untrusted !== null) {
    return broken(
      file,
      `${untrusted}, so it could be changed by someone other than an administrator`,
    );
  }
  // Notepad may save a byte-order mark, which JSON.parse refuses.
  const json = parseJson(text.replace(/^\uFEFF/, ''));
  if (json.problem !== null) return broken(file, json.problem);
  const parsed = PolicyFileSchema.safeParse(json.value);
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

/** The file's JSON, or where its syntax breaks: never a snippet of the text, which may hold a password. */
function parseJson(text: string): { value: unknown; problem: null } | { problem: string } {
  try {
    return { value: JSON.parse(text) as unknown, problem: null };
  } catch {
    const at = jsonSyntaxErrorPosition(text);
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    return { problem: `it is not valid JSON (the syntax breaks${where})` };
  }
}

/**
 * A field the policy sets may be sent back unchanged (a form saves every field), never changed.
 * `shownProxy` is the proxy as the view shows it: a policy proxy without its password, which,
 * sent back so, is unchanged.
 */
export function refuseLockedChanges(
  policy: PolicyState,
  changes: PolicyValues,
  shownProxy: ConnectionSettings['proxy'],
): void {
  const refused = (Object.keys(changes) as ConnectionField[]).filter(
    (field) =>
      field in policy.values &&
      !isDeepStrictEqual(changes[field], policy.values[field]) &&
      !(field === 'proxy' && isDeepStrictEqual(changes.proxy, shownProxy)),
  );
  if (refused.length > 0) {
    throw new AppError(
      'invalid-input',
      `${refused.map((field) => FIELD_LABELS[field]).join(', ')} ${refused.length === 1 ? 'is' : 'are'} set by your administrator in the policy file ${policy.file} and cannot be changed here; ask your administrator to change it.`,
      { fields: refused },
    );
  }
}

/** The changes without the fields the policy sets: the user's own value stays underneath. */
export const withoutLockedFields = (policy: PolicyState, changes: PolicyValues): PolicyValues =>
  Object.fromEntries(
    Object.entries(changes).filter(([field]) => !(field in policy.values)),
  ) as PolicyValues;
