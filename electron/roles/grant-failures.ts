import { classifyAzureFailure } from '../azure/azure-failure';

/** Whatever stopped a grant or removal from getting Azure's answer, in words the user can act on. */
export function describeFailure(error: unknown): { code: string; message: string } {
  const failure = classifyAzureFailure(error);
  if (failure.kind === 'app') return { code: failure.code, message: failure.message };
  if (failure.kind === 'sign-in-again') {
    return {
      code: failure.code,
      message: 'This tenant needs you to sign in again; then grant again.',
    };
  }
  if (failure.kind === 'unreachable') {
    return {
      code: failure.code,
      message:
        'Azure could not be reached (network, proxy or TLS). Nothing was granted; try again when online.',
    };
  }
  return {
    code: failure.code,
    message: `The grant could not be sent (${failure.code}). Try again.`,
  };
}
