import { armErrorOf, type ArmAnswer } from './arm-session';
import type { ProvisioningErrorEntry } from './journal-store';

/** Azure's refusal in plain words, with Azure's code and message kept verbatim beside it. */
export interface DescribedFailure {
  readonly message: string;
  readonly errors: ProvisioningErrorEntry[];
}

const quoted = (pattern: RegExp, text: string): string | null => pattern.exec(text)?.[1] ?? null;

/** Turns an ARM error answer into what the user reads: what happened and what to do. */
export function describeArmFailure(answer: ArmAnswer, what: string): DescribedFailure {
  const error = armErrorOf(answer.body) ?? { code: `Http${answer.status}`, message: '' };
  const errors = [{ code: error.code, message: error.message }];
  const code = error.code.toLowerCase();
  if (code === 'linkedauthorizationfailed') {
    const action =
      quoted(/action\(s\) '([^']+)'/i, error.message) ??
      'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action';
    const scope = quoted(/linked scope\(s\) '([^']+)'/i, error.message);
    return {
      errors,
      message: `Azure refused to ${what}: you lack the permission ${action}${scope ? ` on ${scope}` : ''}. Ask for the Managed Identity Operator role on that identity, or choose another identity.`,
    };
  }
  if (code === 'authorizationfailed' || answer.status === 403) {
    const action = quoted(/perform action '([^']+)'/i, error.message);
    const scope = quoted(/over scope '([^']+)'/i, error.message);
    return {
      errors,
      message: `Azure refused to ${what}: you lack the permission ${action ?? 'this operation needs'}${scope ? ` on ${scope}` : ''}. Ask for a role that grants it (Contributor or AzureML Compute Operator on the workspace), then try again.`,
    };
  }
  if (answer.status === 409) {
    return {
      errors,
      message: `Azure refused to ${what} because another operation is running on this compute. Wait for it to end (refresh the inventory to see its state), then try again.`,
    };
  }
  if (answer.status === 401) {
    return {
      errors,
      message: `Azure refused to ${what}: the sign-in is no longer valid. Sign in to this tenant again, then try again.`,
    };
  }
  return {
    errors,
    message: `Azure refused to ${what} (${answer.status} ${error.code}). ${error.message || 'Azure gave no reason.'}`,
  };
}
