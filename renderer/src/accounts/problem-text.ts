import type { TenantProblem } from '../../../shared/domain/accounts';

/**
 * A problem as the user reads it: the Azure/AADSTS code first, verbatim, so it can be looked up,
 * then the main process's own sentence, which already says what to do.
 */
export const problemText = (problem: TenantProblem): string =>
  problem.code && !problem.message.includes(problem.code)
    ? `${problem.code}: ${problem.message}`
    : problem.message;
