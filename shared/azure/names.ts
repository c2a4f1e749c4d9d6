/**
 * Naming rules for what Mooring creates, checked by the attach form as the user types and again
 * by the main process before anything is sent: one rule set, so the two can never disagree.
 * Each rule answers null when the value is fine, or a sentence saying what to change.
 */

export type NameRule = (value: string) => string | null;

/** Azure ML compute names: 2–16 letters, digits and hyphens, starting with a letter, ending with a letter or digit. */
export const computeNameProblem: NameRule = (value) => {
  if (value.length < 2 || value.length > 16) return 'A compute name has 2 to 16 characters.';
  if (!/^[A-Za-z]/.test(value)) return 'A compute name starts with a letter.';
  if (!/^[A-Za-z0-9-]+$/.test(value)) return 'A compute name has only letters, digits and hyphens.';
  if (!/[A-Za-z0-9]$/.test(value)) return 'A compute name ends with a letter or a digit.';
  return null;
};

/** A Kubernetes namespace: a DNS-1123 label (lowercase letters, digits and "-", at most 63, alphanumeric at both ends). */
export const namespaceProblem: NameRule = (value) => {
  if (value.length === 0) return 'Enter a namespace (the default is "default").';
  if (value.length > 63) return 'A Kubernetes namespace has at most 63 characters.';
  if (!/^[a-z0-9-]+$/.test(value)) {
    return 'A Kubernetes namespace has only lowercase letters, digits and hyphens.';
  }
  if (!/^[a-z0-9]/.test(value) || !/[a-z0-9]$/.test(value)) {
    return 'A Kubernetes namespace starts and ends with a letter or a digit.';
  }
  return null;
};

export const MAX_DESCRIPTION_LENGTH = 1024;

/** A compute's description: free text, but bounded and without control characters. */
export const descriptionProblem: NameRule = (value) => {
  if (value.length > MAX_DESCRIPTION_LENGTH) {
    return `A description has at most ${MAX_DESCRIPTION_LENGTH.toLocaleString('en')} characters.`;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) {
    return 'A description may not contain control characters.';
  }
  return null;
};

export const DEFAULT_NAMESPACE = 'default';
