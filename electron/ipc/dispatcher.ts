import type { z } from 'zod';
import { contract, isOperationName } from '../../shared/ipc/contract';
import type { OperationName } from '../../shared/ipc/contract';
import { fail, ok } from '../../shared/ipc/result';
import { issuePath, plainIssue } from '../../shared/validation/plain-issue';
import type { IpcResult } from '../../shared/ipc/result';
import { AppError } from '../core/errors';
import type { CallContext, HandlerMap } from './handlers';

export interface DispatchLogger {
  error(message: string, detail?: unknown): void;
}

export type Dispatch = (
  name: unknown,
  rawInput: unknown,
  context: CallContext,
) => Promise<IpcResult<unknown>>;

const describeIssues = (issues: readonly z.core.$ZodIssue[]) =>
  issues.slice(0, 10).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));

/** The first problem in plain words, the operation and the validator's text kept in the details. */
const invalidInputMessage = (issues: readonly z.core.$ZodIssue[]): string => {
  const [first] = issues;
  if (!first) return 'Mooring refused a request from this window as not valid; try again.';
  return `Mooring refused a request from this window: ${issuePath(first)} ${plainIssue(first)}. Correct it and try again.`;
};

/**
 * Validates a call against the contract, runs its handler and turns every outcome into an
 * `IpcResult`. Both transports (Electron IPC and the browser host) go through this one function,
 * so neither can skip validation.
 */
export function createDispatcher(handlers: HandlerMap, logger: DispatchLogger): Dispatch {
  return async (name, rawInput, context) => {
    if (!isOperationName(name)) {
      return fail('unknown-operation', `Mooring has no operation named ${JSON.stringify(name)}.`);
    }
    const spec = contract.operations[name];
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) {
      return fail(
        'invalid-input',
        invalidInputMessage(parsed.error.issues),
        describeIssues(parsed.error.issues),
      );
    }
    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, context);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        logger.error(`Handler for ${name} returned a value outside the contract`, checked.error);
        return fail('internal', `Mooring produced an unexpected answer for ${name}. See the log.`);
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message, error.details);
      logger.error(`Handler for ${name satisfies OperationName} failed`, error);
      return fail('internal', `Mooring could not complete ${name}. See the log for details.`);
    }
  };
}
