import type { z } from 'zod';

/** One request/response operation: its input and output are both checked against these schemas. */
export interface OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly input: I;
  readonly output: O;
}

/** One event the main process pushes to the renderer. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly payload: P;
}

export const operation = <I extends z.ZodType, O extends z.ZodType>(
  spec: OperationSpec<I, O>,
): OperationSpec<I, O> => spec;

export const event = <P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> => spec;

/** Electron channel names, shared by the preload and the main process so they cannot drift. */
export const operationChannel = (name: string): string => `mooring:op:${name}`;
export const eventChannel = (name: string): string => `mooring:event:${name}`;
