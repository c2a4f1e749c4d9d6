import { AppError } from '../core/errors';
import type { ArmAnswer } from '../preflight/arm-reader';

/**
 * An ARM answer that refused what Mooring asked, as an AppError the user can act on: what was
 * being done, in plain words, with Azure's code and status kept in the details.
 */
export function refusal(answer: ArmAnswer | null, doing: string, fallback?: string): AppError {
  const details = {
    status: answer?.status ?? null,
    code: answer?.code ?? null,
    azureMessage: answer?.message ?? null,
  };
  if (!answer)
    return new AppError(
      'unavailable',
      `Mooring could not ${doing}: ${fallback ?? 'Azure gave no usable answer.'}`,
      details,
    );
  if (answer.status === 401) {
    return new AppError(
      'unavailable',
      `Mooring could not ${doing}: Azure did not accept the sign-in for this subscription. Sign in again to its tenant and retry.`,
      details,
    );
  }
  if (answer.status === 403) {
    return new AppError(
      'unavailable',
      `Mooring could not ${doing}: your account is not allowed to (${answer.code ?? 'AuthorizationFailed'}). Ask an owner of the scope for access.`,
      details,
    );
  }
  if (answer.status === 404) {
    return new AppError(
      'not-found',
      `Mooring could not ${doing}: Azure found no such resource (${answer.code ?? '404'}).`,
      details,
    );
  }
  return new AppError(
    'unavailable',
    `Mooring could not ${doing}: Azure answered ${answer.status}${answer.code ? ` ${answer.code}` : ''}. Try again in a moment.`,
    details,
  );
}
