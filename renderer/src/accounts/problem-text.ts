import type { TenantProblem } from '../../../shared/domain/accounts';

/**
 * A problem as the user reads it: the main process's own sentence, which says what happened and
 * what to do, then the Azure/AADSTS code so it can be looked up — never the code alone.
 */
export const problemText = (problem: TenantProblem): string => {
  const message = problem.message.trim();
  if (!problem.code || message.includes(problem.code)) return message;
  return message ? `${message} (code ${problem.code})` : `Azure reported ${problem.code}.`;
};
